// One app backtest in a worker thread: reads its series from the journal (its own read-only connection),
// runs it exactly as `keel backtest --symbol --timeframe` does, and answers with what the UI draws.
// Cancellation is a shared flag the run checks at each progress point.
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestHalt, BacktestRequest, BacktestTrade } from '../../shared/contract/commands/backtest.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import { CandleStore } from '../journal/candle-store.ts';
import { openJournal } from '../journal/open-journal.ts';
import { AI_DECISION_KIND } from '../strategies/builtins/ai-assisted.ts';
import { journalSignals } from './journal-signals.ts';
import { candlesFromJournal } from './load-candles.ts';
import { finiteOrNull, metricsJson } from './report-json.ts';
import { riskModeSettings } from './risk-modes.ts';
import { BacktestCancelled } from './run-backtest.ts';
import { runSetup } from './run-setup.ts';
import { drawdownSeries, thin } from './series-shapes.ts';

export interface RunOutcome {
  metrics: Record<string, number | null>;
  fills: { ts: number; side: 'buy' | 'sell'; price: number; qty: number; fee: number }[];
  equity: [number, number][];
  drawdown: [number, number][];
  price: [number, number][];
  trades: BacktestTrade[];
  tradeCount: number;
  notes: string[];
  halts: BacktestHalt[];
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; outcome: RunOutcome }
  | { type: 'cancelled' }
  | { type: 'failed'; error: string };

/** Points per curve the UI gets: plenty for a chart, small enough for the bridge. */
const CURVE_POINTS = 2000;
const MAX_FILLS = 5000;
const MAX_TRADES = 2500;

const { journalFile, request, cancelFlag } = workerData as { journalFile: string; request: BacktestRequest; cancelFlag: Int32Array };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const journal = openJournal(journalFile, { readonly: true });
  let loaded;
  let signals;
  try {
    loaded = candlesFromJournal(new CandleStore(journal.db), request.series, { from: request.from, toExclusive: request.to === undefined ? undefined : request.to + 1 });
    signals = request.strategy === 'ai-assisted' ? [...journalSignals(journal.db).load(AI_DECISION_KIND, request.series.symbol)] : [];
  } finally {
    journal.close();
  }
  const setup = {
    strategy: request.strategy,
    symbol: request.series.symbol,
    barMs: timeframeMs(loaded.timeframe),
    risk: riskModeSettings(request.mode),
    capital: request.capital,
    feePct: request.feePct,
    slippageBps: request.slippageBps,
    signals,
  };
  const r = runSetup(setup, loaded.candles, request.params, 0, loaded.candles.length, {
    onProgress: (done, total) => post({ type: 'progress', done, total }),
    cancelled: () => Atomics.load(cancelFlag, 0) === 1,
  });
  const dd = drawdownSeries(r.equity, r.capital);
  post({
    type: 'done',
    outcome: {
      metrics: metricsJson(r.metrics),
      fills: r.fills.slice(0, MAX_FILLS),
      equity: thin(r.t, r.equity, CURVE_POINTS),
      drawdown: thin(r.t, dd, CURVE_POINTS),
      price: thin(r.t, loaded.candles.c, CURVE_POINTS),
      // A price a trade has none of (NaN) would not survive the bridge's JSON: it goes as null.
      trades: r.trades.slice(0, MAX_TRADES).map((t) => ({ ...t, entryPrice: finiteOrNull(t.entryPrice), exitPrice: finiteOrNull(t.exitPrice) })),
      tradeCount: r.trades.length,
      notes: r.notes,
      halts: r.halts,
    },
  });
} catch (err) {
  if (err instanceof BacktestCancelled) post({ type: 'cancelled' });
  else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
