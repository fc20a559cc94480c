// What a `keel import` run beside the app costs the app: the CLI writes a 1,000,000-row CSV into the
// journal in a process of its own while this process, standing in for the app's engine, writes one small
// row every 20 ms into the same journal, each in its own transaction as the engine journals an order. The
// figure is this process's worst wait for a write: the time its orders, and its kill switch, would stand.
// The import sees a Keel on the data directory and leaves a gap between its steps (STEP_GAP_MS in
// electron/cli/commands/import.ts); without one, a waiter in SQLite's busy handler that kept missing the
// short windows between steps stood 130-730 ms in about one import in three.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockDataDir } from '../../electron/app/data-dir-lock.ts';
import { openJournal } from '../../electron/journal/open-journal.ts';
import { tiledColumns } from './backtest-candles.ts';
import { writeCandleCsv } from './candle-csv.ts';

const KEEL = fileURLToPath(new URL('../../bin/keel.js', import.meta.url));

/** The worst and median write of this process while `keel import` of `n` rows ran, ms; and how long the import took, s. */
export async function writesBesideImport(dir: string, n: number): Promise<{ worstMs: number; p50Ms: number; writes: number; importS: number }> {
  const csv = join(dir, 'beside-import.csv');
  // The real 1m BTCUSDT bars, tiled to n (indicator-series.ts), as a trader's file would hold them.
  writeCandleCsv(csv, tiledColumns(n));
  const dataDir = join(dir, 'beside-import-data');
  // This process is the app: it holds the data directory's lock, as a running Keel does, and the import sees it.
  const lock = lockDataDir(dataDir, 'browser');
  const journal = openJournal(join(dataDir, 'journal.sqlite'));
  try {
    journal.db.exec('CREATE TABLE IF NOT EXISTS bench_orders (id INTEGER PRIMARY KEY, t REAL)');
    const insert = journal.db.prepare('INSERT INTO bench_orders (t) VALUES (?)');
    const waits: number[] = [];
    const started = performance.now();
    const child = spawn(process.execPath, [KEEL, 'import', csv, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    let running = true;
    void exited.then(() => (running = false));
    while (running) {
      const t = performance.now();
      journal.db.transaction(() => insert.run(t))();
      waits.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const code = await exited;
    if (code !== 0) throw new Error(`keel import exited ${code}: ${stderr.slice(-400)}`);
    waits.sort((a, b) => a - b);
    return { worstMs: waits.at(-1)!, p50Ms: waits[Math.floor(waits.length / 2)]!, writes: waits.length, importS: (performance.now() - started) / 1000 };
  } finally {
    journal.close();
    lock.release();
  }
}
