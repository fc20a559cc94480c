// One app parameter search in a worker thread: reads the series from the journal as a run does, spreads
// the sets over an EvalPool of its own worker threads, checks the best on the held-out bars, and answers
// with every set's score and metrics. Cancellation is a shared flag polled between sets.
import { parentPort, workerData } from 'node:worker_threads';
import type { OptimizeRequest } from '../../shared/contract/commands/backtest.ts';
import { defaultWorkers, EvalPool } from './eval-pool.ts';
import { search } from './optimize.ts';
import { finiteOrNull, metricsJson } from './report-json.ts';
import { runInputs } from './run-inputs.ts';
import type { JobMessage } from './worker-jobs.ts';

export interface OptimizeOutcome {
  /** Best first, at most MAX_SETS. */
  sets: { params: Record<string, number>; score: number | null; metrics: Record<string, number | null> }[];
  setCount: number;
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number; score: number | null; metrics: Record<string, number | null> } | null;
  warnings: string[];
}

/** Sets sent back: the table and the heat map show them all up to here. */
export const MAX_SETS = 5000;

const { journalFile, request, sets, cancelFlag } = workerData as { journalFile: string; request: OptimizeRequest; sets: Record<string, number>[]; cancelFlag: Int32Array };
const post = (m: JobMessage<OptimizeOutcome>) => parentPort!.postMessage(m);

try {
  const { candles, setup } = runInputs(journalFile, request);
  const pool = new EvalPool(setup, candles, Math.min(defaultWorkers(), sets.length));
  try {
    // The held-out check is one more run after the search.
    const checks = request.holdoutPct > 0 ? 1 : 0;
    const r = await search(
      pool,
      sets,
      candles.length,
      request.objective,
      request.holdoutPct / 100,
      (done, total) => post({ type: 'progress', done, total: total + checks }),
      () => Atomics.load(cancelFlag, 0) === 1,
    );
    post({ type: 'progress', done: sets.length + checks, total: sets.length + checks });
    const at = (i: number) => candles.t[Math.min(candles.length - 1, i)]!;
    post({
      type: 'done',
      outcome: {
        sets: r.ranked.slice(0, MAX_SETS).map((s) => ({ params: s.params, score: finiteOrNull(s.score), metrics: metricsJson(s.metrics) })),
        setCount: r.ranked.length,
        inSample: { from: at(r.inSample.from), to: at(r.inSample.to - 1) },
        outOfSample: r.outOfSample && { from: at(r.outOfSample.from), to: at(r.outOfSample.to - 1), score: finiteOrNull(r.outOfSample.score), metrics: metricsJson(r.outOfSample.metrics) },
        warnings: r.warnings,
      },
    });
  } finally {
    await pool.close();
  }
} catch (err) {
  // The pool throws when it sees the flag; any error after the flag is set is the cancel's.
  if (Atomics.load(cancelFlag, 0) === 1) post({ type: 'cancelled' });
  else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
