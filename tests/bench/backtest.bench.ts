// Backtests: sma-cross over 1,000,000 1m candles (the real 1m BTCUSDT bars tiled) through the full engine
// (feed → paper broker inside the risk gate → execution engine, strategy, equity per bar), with the data
// already in memory; the same at keel backtest's defaults (moderate mode's limits, 0.1 % fees: refusals and
// kill switch included); the same including reading the candles from a file journal; the peak memory of
// such a run in a child process; `keel backtest --data FILE.csv --json --html` as a user types it (a process
// of its own: reading the CSV, the run, both reports); and the same strategy in grademark, the npm
// backtesting library, as the peer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CandleColumns } from '../../electron/journal/candle-columns.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { openJournal } from '../../electron/journal/open-journal.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';
import { grademarkInput, grademarkSmaCross } from '../helpers/grademark-sma-cross.ts';
import { benchSmaCross, benchSmaCrossDefaults, tiledColumns } from './backtest-candles.ts';
import type { BenchSuite } from './bench-types.ts';
import { writeCandleCsv } from './candle-csv.ts';

const KEY: SeriesKey = { exchange: 'bench', symbol: 'BTC/USDT', timeframe: '1m' };

const smaCross = benchSmaCross;

/**
 * Best of `runs` (the least disturbed by the neighbours on a shared machine): candles per second of wall
 * time, and of this process's CPU time beside it (on a busy two-core machine the wall figure also
 * measures the neighbours).
 */
function keelRate(candles: CandleColumns, runs: number, run = smaCross): { rate: number; cpuRate: number; fills: number; refusals: number } {
  let best = 0;
  let bestCpu = 0;
  let fills = 0;
  let refusals = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = run(candles);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    best = Math.max(best, (candles.length / ms) * 1000);
    bestCpu = Math.max(bestCpu, (candles.length / ((cpu.user + cpu.system) / 1000)) * 1000);
    fills = res.fills.length;
    refusals = res.refusals;
  }
  return { rate: best, cpuRate: bestCpu, fills, refusals };
}

function peerRate(candles: CandleColumns, runs: number): { rate: number; trades: number } {
  const input = grademarkInput(candles);
  let best = 0;
  let trades = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    trades = grademarkSmaCross(candles, input, 10, 30).length;
    best = Math.max(best, (candles.length / (performance.now() - t0)) * 1000);
  }
  return { rate: best, trades };
}

/**
 * Store the candles in a file journal. A function of its own so the million row objects are garbage
 * before the timed reads: kept alive, every read would pay a full collection of them.
 */
function writeJournal(file: string, candles: CandleColumns): void {
  const journal = openJournal(file);
  try {
    const rows: Candle[] = new Array(candles.length);
    for (let i = 0; i < candles.length; i++) rows[i] = { t: candles.t[i]!, o: candles.o[i]!, h: candles.h[i]!, l: candles.l[i]!, c: candles.c[i]!, v: candles.v[i]! };
    new CandleStore(journal.db).upsert(KEY, rows);
  } finally {
    journal.close();
  }
}

/** The candles as a CSV file of the usual export columns, every number as JavaScript prints it. */
/** `keel backtest` over the CSV with both reports, in a child process: wall seconds (best of `runs`) and peak RSS in MB. */
function cliRun(dir: string, csv: string, runs: number): { seconds: number; rssMb: number } {
  const child = fileURLToPath(new URL('./backtest-cli-child.ts', import.meta.url));
  const args = ['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', csv, '--json', join(dir, 'run.json'), '--html', join(dir, 'run.html')];
  let seconds = Infinity;
  let rssMb = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, [child, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
    const peak = /peak-rss-mb ([\d.]+)\s*$/.exec(out);
    if (peak === null) throw new Error(`keel backtest printed no peak memory: ${out.slice(-300)}`);
    rssMb = Math.max(rssMb, Number(peak[1]));
  }
  return { seconds, rssMb };
}

/** Open the journal, read the series, run: seconds, best of `runs` (as many as the in-memory rate takes: the first runs of a fresh read pay for the JIT and the collector). */
function e2eSeconds(file: string, n: number, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const journal = openJournal(file);
    try {
      const cols = new CandleStore(journal.db).readColumns(KEY);
      if (cols.length !== n) throw new Error(`read ${cols.length} candles of ${n}`);
      smaCross(cols);
    } finally {
      journal.close();
    }
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const suite: BenchSuite = {
  name: 'backtest',
  async run({ quick, log }) {
    const n = quick ? 200_000 : 1_000_000;
    const candles = tiledColumns(n);
    // The same treatment for both: one warm-up run on fewer candles, then the best of the same number of runs.
    const runs = quick ? 2 : 5;
    smaCross(tiledColumns(50_000));
    const keel = keelRate(candles, runs);
    log(`backtest: sma-cross(10,30) over ${n.toLocaleString('en-US')} 1m candles, ${keel.fills} fills, best of runs: ${Math.round(keel.rate).toLocaleString('en-US')} candles/s`);
    const defaults = keelRate(candles, runs, benchSmaCrossDefaults);
    log(`backtest: the same at keel backtest's defaults (moderate, 0.1% fee): ${defaults.fills} fills, ${defaults.refusals} refused: ${Math.round(defaults.rate).toLocaleString('en-US')} candles/s`);

    // The peer on the same candles (its input built outside the timing), after a warm-up run of its own.
    peerRate(tiledColumns(quick ? 20_000 : 100_000), 1);
    const peer = peerRate(candles, runs);
    log(`backtest: grademark sma-cross over ${n.toLocaleString('en-US')} candles (${peer.trades} trades): ${Math.round(peer.rate).toLocaleString('en-US')} candles/s`);
    // A race is only a race over the same work: the same trades (grademark closes the last one at the end,
    // Keel leaves it open, so one fill apart at most).
    if (Math.abs(keel.fills - 2 * peer.trades) > 1) throw new Error(`Keel made ${keel.fills} fills and grademark ${peer.trades} trades (${2 * peer.trades} fills): the runs did not do the same work`);

    const dir = mkdtempSync(join(tmpdir(), 'keel-bench-backtest-'));
    let e2e: number;
    let cli: { seconds: number; rssMb: number };
    try {
      const file = join(dir, 'journal.sqlite');
      writeJournal(file, candles);
      e2e = e2eSeconds(file, n, runs);
      log(`backtest: the same reading the candles from a file journal first: ${e2e.toFixed(3)} s`);
      const csv = join(dir, 'candles.csv');
      writeCandleCsv(csv, candles);
      cli = cliRun(dir, csv, quick ? 1 : 2);
      log(`backtest: keel backtest --data (a ${n.toLocaleString('en-US')}-row CSV) --json --html, the whole command: ${cli.seconds.toFixed(2)} s, peak RSS ${cli.rssMb.toFixed(0)} MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const child = fileURLToPath(new URL('./backtest-rss-child.ts', import.meta.url));
    const rss = Number(execFileSync(process.execPath, [child, String(n)], { encoding: 'utf8' }).trim());
    log(`backtest: peak RSS of a ${n.toLocaleString('en-US')}-candle run in a child process: ${rss.toFixed(0)} MB`);

    return {
      backtest_candles_per_s: Math.round(keel.rate),
      backtest_cpu_candles_per_s: Math.round(keel.cpuRate),
      backtest_defaults_candles_per_s: Math.round(defaults.rate),
      backtest_e2e_1m_s: Math.round(e2e * 1000) / 1000,
      backtest_peak_rss_mb: Math.round(rss),
      backtest_cli_csv_1m_s: Math.round(cli.seconds * 100) / 100,
      backtest_cli_csv_peak_rss_mb: Math.round(cli.rssMb),
      peer_grademark_candles_per_s: Math.round(peer.rate),
      backtest_vs_fastest_peer: Math.round((keel.rate / peer.rate) * 10) / 10,
    };
  },
};

export default suite;
