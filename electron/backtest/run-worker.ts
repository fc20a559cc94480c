// One app backtest in a worker thread: reads its series from the journal (its own read-only connection),
// runs it exactly as `keel backtest --symbol --timeframe` does, and answers with what the UI draws.
// Cancellation is a shared flag the run checks at each progress point.
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestHalt, BacktestRequest, BacktestTrade } from '../../shared/contract/commands/backtest.ts';
import { finiteOrNull, metricsJson } from './report-json.ts';
import { BacktestCancelled } from './run-backtest.ts';
import { runInputs } from './run-inputs.ts';
import type { JobMessage } from './worker-jobs.ts';
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


/** Points per curve the UI gets: plenty for a chart, small enough for the bridge. */
const CURVE_POINTS = 2000;
const MAX_FILLS = 5000;
const MAX_TRADES = 2500;

const { journalFile, request, cancelFlag } = workerData as { journalFile: string; request: BacktestRequest; cancelFlag: Int32Array };
const post = (m: JobMessage<RunOutcome>) => parentPort!.postMessage(m);

try {
  const { candles, setup } = runInputs(journalFile, request);
  const r = runSetup(setup, candles, request.params, 0, candles.length, {
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
      price: thin(r.t, candles.c, CURVE_POINTS),
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
