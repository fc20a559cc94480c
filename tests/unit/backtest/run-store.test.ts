// The app's finished backtest runs in the journal: what is written reads back the same (request and
// outcome), oldest first; only the newest are kept; a row another Keel wrote that does not parse is left out;
// a portfolio run stored before weights shows the even split it ran with; a run cancelled partway lists, after
// a restart, as far as it had got (not at 0, like a run stuck at its start).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BacktestRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { storedMarkets, summary } from '../../../electron/backtest/backtest-service.ts';
import { backtestRunStore, type StoredRun } from '../../../electron/backtest/run-store.ts';
import { WorkerJobs } from '../../../electron/backtest/worker-jobs.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import type { Logger } from '../../../electron/app/logger.ts';

const request = BacktestRequestSchema.parse({ strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, mode: 'conservative', capital: 25_000 });
const outcome = {
  metrics: { totalReturnPct: 4.78, sharpe: null },
  fills: [{ ts: 1, side: 'buy' as const, price: 46216.93, qty: 0.015, fee: 0.69 }],
  equity: [[0, 25_000], [3_600_000, 25_010.5]] as [number, number][],
  drawdown: [[0, 0]] as [number, number][],
  price: [[0, 46216.93]] as [number, number][],
  trades: [],
  tradeCount: 0,
  notes: ['kill switch at 2021-05-19T13:00:00Z: drawdown'],
  halts: [{ from: 1, to: null, reason: 'drawdown' }],
  monteCarlo: null,
};
const done = (seq: number): StoredRun => ({ seq, status: 'done', request, startedAt: 1_700_000_000_000 + seq, error: null, outcome, progress: 1 });

let dir: string;
let journal: Journal;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-run-store-'));
  journal = openJournal(join(dir, 'journal.sqlite'));
});
afterEach(() => {
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the backtest run store', () => {
  it('reads back what it wrote, across a reopen of the journal', () => {
    backtestRunStore(journal.db).save(done(3), 50);
    backtestRunStore(journal.db).save({ seq: 4, status: 'failed', request, startedAt: 5, error: 'no candles', outcome: null, progress: 0 }, 50);
    journal.close();
    journal = openJournal(join(dir, 'journal.sqlite'));
    const runs = backtestRunStore(journal.db).load();
    expect(runs).toEqual([done(3), { seq: 4, status: 'failed', request, startedAt: 5, error: 'no candles', outcome: null, progress: 0 }]);
  });

  it('keeps the newest runs only', () => {
    const store = backtestRunStore(journal.db);
    for (const seq of [1, 2, 3, 4, 5]) store.save(done(seq), 3);
    expect(store.load().map((r) => r.seq)).toEqual([3, 4, 5]);
  });

  it('leaves out a row it cannot read rather than serve it half-read', () => {
    const store = backtestRunStore(journal.db);
    store.save(done(1), 50);
    const insert = journal.db.prepare('INSERT INTO backtest_runs (seq, status, request, started_at, error, outcome) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(2, 'done', JSON.stringify({ ...request, strategy: '' }), 0, null, '{}');
    insert.run(3, 'done', '{not json', 0, null, '{}');
    insert.run(4, 'cancelled', JSON.stringify(request), 0, 'Keel was closed while this backtest run ran', null);
    expect(store.load().map((r) => [r.seq, r.status])).toEqual([
      [1, 'done'],
      [4, 'cancelled'],
    ]);
  });
});

describe('a stored run in the runs list', () => {
  it("carries its Monte Carlo drawdown p95, null where it had no bands or was stored before them", () => {
    const band = (p95: number) => ({ p5: 1, p50: 2, p95 });
    const monteCarlo = { runs: 1000, trades: 40, actual: { returnPct: 4.78, maxDrawdownPct: 9.1 }, reorder: { returnPct: band(5), maxDrawdownPct: band(12.5) }, resample: { returnPct: band(9), maxDrawdownPct: band(17.25) } };
    const store = backtestRunStore(journal.db);
    store.save({ ...done(1), outcome: { ...outcome, monteCarlo } }, 50);
    store.save(done(2), 50);
    // Written by a Keel before Monte Carlo: no such key in its outcome.
    const { monteCarlo: _, ...older } = outcome;
    store.save({ ...done(3), outcome: older as StoredRun['outcome'] & object }, 50);
    const listed = store.load().map((r) => summary({ ...r, runId: `bt-${r.seq}`, progress: 1 }));
    expect(listed.map((r) => r.mcDrawdownP95)).toEqual([17.25, null, null]);
    expect(listed[0]).toMatchObject({ status: 'done', metrics: outcome.metrics });
  });
});

describe('a run cancelled before it kept anything, after a restart', () => {
  /** The runs as a Keel opened on the journal lists them (WorkerJobs restores them from the store). */
  const listedAfterRestart = () => {
    journal.close();
    journal = openJournal(join(dir, 'journal.sqlite'));
    const store = backtestRunStore(journal.db);
    const log: Logger = { debug() {}, info() {}, warn() {}, error() {} };
    const jobs = new WorkerJobs({ prefix: 'bt', worker: 'run-worker', noun: 'backtest run', log, keep: 50, store, progress() {}, ended() {} });
    return jobs.all().map((j) => summary(j));
  };

  it('lists as far as it had got, as it did before the restart', () => {
    const store = backtestRunStore(journal.db);
    store.save({ seq: 1, status: 'cancelled', request, startedAt: 5, error: null, outcome: null, progress: 0.43 }, 50);
    store.save({ seq: 2, status: 'cancelled', request, startedAt: 6, error: 'Keel was closed while this backtest run ran', outcome: null, progress: 0.8 }, 50);
    store.save(done(3), 50);
    expect(listedAfterRestart().map((r) => [r.runId, r.status, r.progress])).toEqual([
      ['bt-1', 'cancelled', 0.43],
      ['bt-2', 'cancelled', 0.8],
      ['bt-3', 'done', 1],
    ]);
  });

  it('lists at 0 when written before Keel kept how far a run got', () => {
    journal.db.prepare('INSERT INTO backtest_runs (seq, status, request, started_at, error, outcome) VALUES (?, ?, ?, ?, ?, ?)').run(1, 'cancelled', JSON.stringify(request), 0, null, null);
    expect(backtestRunStore(journal.db).load()[0]!.progress).toBeNull();
    expect(listedAfterRestart().map((r) => [r.status, r.progress])).toEqual([['cancelled', 0]]);
  });
});

describe('a portfolio run stored before weights', () => {
  it('shows its markets at the even split it ran with', () => {
    const old = [{ symbol: 'BTC/USDT', price: [], fills: 4, trades: 2, pnl: 1, buyHoldReturnPct: 3 }, { symbol: 'ETH/USDT', price: [], fills: 2, trades: 1, pnl: -1, buyHoldReturnPct: null }];
    expect(storedMarkets(old).map((m) => m.weight)).toEqual([0.5, 0.5]);
    expect(storedMarkets([{ ...old[0]!, weight: 0.75 }, { ...old[1]!, weight: 0.25 }]).map((m) => m.weight)).toEqual([0.75, 0.25]);
    expect(storedMarkets(undefined)).toEqual([]);
  });
});
