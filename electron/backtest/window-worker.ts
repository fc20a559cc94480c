// One trade window of a finished app backtest, in a worker thread (trade-window.ts): it reads the traded
// market's candles over the run's whole range from the journal (its own read-only connection) to compute
// the strategy's indicators from the run's first bar, which for a million 1m bars is a read and a pass the
// engine's thread should not wait on. A trader's own strategy file is loaded as the run's worker loads it,
// its load and its indicators(params) watched as a run's are (stall-watch.ts, the beat its starter watches:
// worker-jobs.ts startJobThread), so a loop there fails the window instead of leaving the chart waiting.
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import { strategyWithParams } from '../strategies/registry.ts';
import { runMarketCandles } from './run-inputs.ts';
import { tradeWindow, type TradeWindow } from './trade-window.ts';
import { loadWatched } from './load-watched.ts';
import type { StallBeat } from './stall-watch.ts';

export interface WindowJob {
  journalFile: string;
  request: BacktestRequest;
  strategyFile: string | null;
  symbol: string;
  from: number;
  to: number;
  /** The bars the run read before its range count too (trade-window.ts). */
  withLeadIn: boolean;
}

/** `asked`: the window asked for is the problem (no bars in it), not the reading. */
export type WindowMessage = { type: 'done'; window: TradeWindow } | { type: 'failed'; error: string; asked: boolean };

const { beat, ...job } = workerData as WindowJob & { beat?: StallBeat };
const post = (m: WindowMessage) => parentPort!.postMessage(m);

try {
  await loadWatched(job.request.strategy, job.strategyFile, beat);
  const { def, params } = strategyWithParams(job.request.strategy, job.request.params);
  const candles = runMarketCandles(job.journalFile, job.request, job.symbol);
  post({ type: 'done', window: tradeWindow(candles, timeframeMs(job.request.series.timeframe), def.indicators(params), def.name, job.from, job.to, job.withLeadIn) });
} catch (err) {
  post({ type: 'failed', error: err instanceof Error ? err.message : String(err), asked: err instanceof RangeError });
}
