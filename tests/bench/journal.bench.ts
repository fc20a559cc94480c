// Journal candle throughput: one upsert of N generated 1m candles into a fresh file journal (WAL,
// as the app runs it), then readColumns of all of them, the backtests' hot path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../electron/journal/open-journal.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';
import type { BenchSuite } from './bench-types.ts';
import { quantile } from './stats.ts';

const key: SeriesKey = { exchange: 'bench', symbol: 'BTC/USDT', timeframe: '1m' };
const READ_RUNS = 5;

/** A random walk of `n` one-minute candles with two-decimal prices, as an exchange would quote them. */
function generateCandles(n: number): Candle[] {
  const out: Candle[] = new Array(n);
  const start = Date.UTC(2020, 0, 1);
  let price = 30_000;
  for (let i = 0; i < n; i++) {
    const o = price;
    price = Math.max(1, Math.round((price + (Math.random() - 0.5) * 40) * 100) / 100);
    const c = price;
    out[i] = { t: start + i * 60_000, o, h: Math.max(o, c) + 5.25, l: Math.min(o, c) - 4.75, c, v: Math.round(Math.random() * 1e6) / 1e4 };
  }
  return out;
}

// CPU time beside wall time: on a busy two-core machine the wall figure says more about the neighbours.
function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

const suite: BenchSuite = {
  name: 'journal',
  async run({ quick, log }) {
    const n = quick ? 100_000 : 1_000_000;
    const candles = generateCandles(n);
    const dir = mkdtempSync(join(tmpdir(), 'keel-bench-journal-'));
    const journal = openJournal(join(dir, 'journal.sqlite'));
    try {
      const store = new CandleStore(journal.db);

      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const written = store.upsert(key, candles);
      const insertMs = performance.now() - t0;
      if (written !== n) throw new Error(`upsert wrote ${written} of ${n} candles`);
      const insertPerS = (n / insertMs) * 1000;
      log(`journal: upserted ${fmt(n)} candles in one transaction in ${insertMs.toFixed(0)} ms (${fmt((n / cpuMs(c0)) * 1000)}/s of CPU time)`);

      const readPerS: number[] = [];
      const c1 = process.cpuUsage();
      for (let run = 0; run < READ_RUNS; run++) {
        const t1 = performance.now();
        const cols = store.readColumns(key);
        const ms = performance.now() - t1;
        if (cols.length !== n) throw new Error(`readColumns returned ${cols.length} of ${n} candles`);
        readPerS.push((n / ms) * 1000);
      }
      const readCpuPerS = ((n * READ_RUNS) / cpuMs(c1)) * 1000;
      log(`journal: readColumns of ${fmt(n)} candles, median of ${READ_RUNS} runs (${readPerS.map(fmt).join(', ')} /s; ${fmt(readCpuPerS)}/s of CPU time)`);

      return { journal_candle_insert_per_s: Math.round(insertPerS), journal_candle_read_per_s: Math.round(quantile(readPerS, 0.5)) };
    } finally {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
