// One app backtest in a worker thread: reads its series from the journal (its own read-only connection),
// runs it exactly as `keel backtest --symbol --timeframe` does (a portfolio run as `keel backtest --symbol
// S,T --portfolio` does), and answers with what the UI draws. Then the Monte Carlo bands over every closed
// trade (not the few thousand the UI lists), as `keel backtest --monte-carlo N --seed S` computes them (or,
// asked for a report, the whole report `keel backtest` writes). Progress counts the bars, then the
// simulations, so it reaches the end only when both are done. Cancellation is a shared flag checked at each
// progress point of either. A trader's own strategy's load and calls are reported on the beat the thread's
// starter watches (worker-jobs.ts startJobThread): one stuck in a loop never gets back to the flag.
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import { monteCarlo, tradeReturns } from './monte-carlo.ts';
import { seriesLabel } from '../../shared/domain/candle.ts';
import { drawdownHint, haltedHint, REPORT_CLOSE, REPORT_REARM } from './halted-hint.ts';
import { reportText, type ReportFormat } from './run-report.ts';
import { BacktestCancelled, type BacktestResult } from './run-backtest.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import { portfolioInputs, rangeOf, runInputs } from './run-inputs.ts';
import { coverageNotes } from './range-coverage.ts';
import type { JobMessage } from './worker-jobs.ts';
import { loadWatched } from './load-watched.ts';
import type { StallBeat } from './stall-watch.ts';
import { runPortfolioSetup, runSetup } from './run-setup.ts';
import { withDetailSource } from './detail-check.ts';
import { runOutcome, type RunOutcome } from './run-outcome.ts';
import { escapedFrom, guardStrategyThread } from './escaped-errors.ts';
import { runWho } from './run-who.ts';

// What the page gets of a run is made in run-outcome.ts (where tests can reach it without a thread).
export type { RunOutcome } from './run-outcome.ts';

// `report`: run again only to write the run's whole report (every fill, bar and trade), as `keel backtest
// --json`/`--html` writes it, instead of what the UI draws.
const { journalFile, request, strategyFile, cancelFlag, report, beat } = workerData as { journalFile: string; request: BacktestRequest; strategyFile?: string | null; cancelFlag: Int32Array; report?: ReportFormat; beat?: StallBeat };
const post = (m: JobMessage<RunOutcome>) => parentPort!.postMessage(m);
const cancelled = () => Atomics.load(cancelFlag, 0) === 1;

guardStrategyThread();
try {
  // Its load too: a file that runs differently the next time it is loaded may loop there.
  await loadWatched(request.strategy, strategyFile, beat);
  // The trades' CSV has no Monte Carlo bands to make.
  const sims = report === 'csv' ? 0 : request.monteCarlo;
  const { r, candles, source } = run((done, total) => post({ type: 'progress', done, total: total + sims }));
  const late = await escapedFrom(runWho(request.strategy, request.params, r.exits), strategyFile);
  if (late) throw late;
  const bars = r.t.length;
  // Fewer than two closed trades: reordering one trade changes nothing and resampling draws it every time.
  const returns = tradeReturns(r.trades, request.capital);
  const mc = sims > 0 && returns.length >= 2 ? monteCarlo(returns, sims, request.seed, { onProgress: (done) => post({ type: 'progress', done: bars + done, total: bars + sims }), cancelled }) : null;
  if (report) parentPort!.postMessage({ type: 'report', text: reportText(report, r, candles, request.series.timeframe, source, mc, [haltedHint(r, request.rearmAfterDays, REPORT_REARM), drawdownHint(r, REPORT_CLOSE)], request.seed) });
  else post({ type: 'done', outcome: runOutcome(r, candles, mc) });
} catch (err) {
  if (err instanceof BacktestCancelled) post({ type: 'cancelled' });
  else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}

/** The request's run: over its series, or over its series and request.portfolio from one account; the first market's candles; where they came from. */
function run(onProgress: (done: number, total: number) => void): { r: BacktestResult; candles: CandleColumns; source: string } {
  if (request.portfolio.length === 0) {
    const { candles, setup, detail } = runInputs(journalFile, request, strategyFile);
    const source = withDetailSource(seriesLabel(request.series), detail && request.detail);
    const r = runSetup(setup, candles, request.params, 0, candles.length, { onProgress, cancelled, detail });
    r.notes.push(...coverageNotes(rangeOf(request), candles, setup.barMs));
    return { r, candles, source };
  }
  const { markets, setup } = portfolioInputs(journalFile, request, strategyFile);
  const r = runPortfolioSetup(setup, markets, request.params, { onProgress, cancelled });
  for (const m of markets) {
    r.notes.push(...coverageNotes(rangeOf(request), m.candles, setup.barMs, m.symbol));
  }
  return { r, candles: markets[0]!.candles, source: withDetailSource([request.series, ...request.portfolio].map(seriesLabel).join('; '), request.detail) };
}
