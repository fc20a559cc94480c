// Journal candle throughput: one upsert of N generated 1m candles into a fresh file journal (WAL, as the
// app runs it), then readColumns of all of them (the backtests' hot path, served by the candle block
// index), a range of a tenth of them, and the cost of appending one closed candle to the long series
// (what the live source pays per candle: the rows and one block rewritten).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../electron/journal/open-journal.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';
import type { BenchSuite } from './bench-types.ts';
import { writesBesideImport } from './import-beside-app.ts';
import { quantile } from './stats.ts';

const key: SeriesKey = { exchange: 'bench', symbol: 'BTC/USDT', timeframe: '1m' };
const START = Date.UTC(2020, 0, 1);
const MINUTE = 60_000;
const READ_RUNS = 7;
const APPENDS = 200;

/** A random walk of `n` one-minute candles with two-decimal prices, as an exchange would quote them. */
function generateCandles(n: number): Candle[] {
  const out: Candle[] = new Array(n);
  let price = 30_000;
  for (let i = 0; i < n; i++) {
    const o = price;
    price = Math.max(1, Math.round((price + (Math.random() - 0.5) * 40) * 100) / 100);
    const c = price;
    out[i] = { t: START + i * MINUTE, o, h: Math.max(o, c) + 5.25, l: Math.min(o, c) - 4.75, c, v: Math.round(Math.random() * 1e6) / 1e4 };
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

/**
 * Upserts n fresh candles in one transaction: candles per second of wall and of CPU time. The candles
 * exist only in here, so the reads after it do not pay for the garbage collector marking a million
 * candle objects that the app, reading a stored series, would not hold (it cost ~100 ms per read).
 */
function insert(store: CandleStore, n: number): { perS: number; cpuPerS: number } {
  const candles = generateCandles(n);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const written = store.upsert(key, candles);
  const ms = performance.now() - t0;
  if (written !== n) throw new Error(`upsert wrote ${written} of ${n} candles`);
  return { perS: (n / ms) * 1000, cpuPerS: (n / cpuMs(c0)) * 1000 };
}

/** Candles per second of `read`, median of `runs` by wall time and overall by CPU time. */
function readRate(runs: number, expected: number, read: () => { length: number }): { perS: number; cpuPerS: number; all: number[] } {
  const all: number[] = [];
  const c0 = process.cpuUsage();
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const got = read().length;
    const ms = performance.now() - t0;
    if (got !== expected) throw new Error(`read ${got} of ${expected} candles`);
    all.push((expected / ms) * 1000);
  }
  return { perS: quantile(all, 0.5), cpuPerS: ((expected * runs) / cpuMs(c0)) * 1000, all };
}

const suite: BenchSuite = {
  name: 'journal',
  async run({ quick, log }) {
    const n = quick ? 100_000 : 1_000_000;
    const dir = mkdtempSync(join(tmpdir(), 'keel-bench-journal-'));
    const journal = openJournal(join(dir, 'journal.sqlite'));
    try {
      const store = new CandleStore(journal.db);

      const ins = insert(store, n);
      log(`journal: upserted ${fmt(n)} candles in one transaction: ${fmt(ins.perS)}/s (${fmt(ins.cpuPerS)}/s of CPU time)`);

      const all = readRate(READ_RUNS, n, () => store.readColumns(key));
      log(`journal: readColumns of ${fmt(n)} candles, median of ${READ_RUNS} runs: ${fmt(all.perS)}/s (${all.all.map(fmt).join(', ')}; ${fmt(all.cpuPerS)}/s of CPU time)`);

      // A tenth of the series from its middle, bounds off the block boundaries: trimmed first and last blocks.
      const tenth = Math.floor(n / 10);
      const from = START + (4 * tenth + 7) * MINUTE;
      const part = readRate(READ_RUNS, tenth, () => store.readColumns(key, { from, to: from + (tenth - 1) * MINUTE }));
      log(`journal: readColumns of a ${fmt(tenth)}-candle range: ${fmt(part.perS)}/s (${fmt(part.cpuPerS)}/s of CPU time)`);

      // One closed candle at a time after the last, each its own transaction, as the live source stores them.
      const appendUs: number[] = [];
      const c0 = process.cpuUsage();
      for (let i = 0; i < APPENDS; i++) {
        const t = START + (n + i) * MINUTE;
        const t0 = performance.now();
        store.upsert(key, [{ t, o: 100, h: 101, l: 99, c: 100.5, v: 1 }]);
        appendUs.push((performance.now() - t0) * 1000);
      }
      const appendCpuUs = (cpuMs(c0) * 1000) / APPENDS;
      const appendP50 = quantile(appendUs, 0.5);
      log(`journal: one closed candle appended to the ${fmt(n)}-candle series: median ${appendP50.toFixed(0)} us, p99 ${quantile(appendUs, 0.99).toFixed(0)} us (${appendCpuUs.toFixed(0)} us of CPU time on average)`);

      const beside = await writesBesideImport(dir, n);
      log(`journal: keel import of a ${fmt(n)}-row CSV in its own process (${beside.importS.toFixed(2)} s) while this one wrote a row every 20 ms: ${beside.writes} writes, median ${beside.p50Ms.toFixed(1)} ms, worst ${beside.worstMs.toFixed(0)} ms`);

      return {
        journal_candle_insert_per_s: Math.round(ins.perS),
        journal_write_beside_cli_import_worst_ms: Math.round(beside.worstMs),
        journal_candle_read_per_s: Math.round(all.perS),
        journal_candle_read_cpu_per_s: Math.round(all.cpuPerS),
        journal_candle_range_read_per_s: Math.round(part.perS),
        journal_candle_append_us: Math.round(appendP50),
      };
    } finally {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
