// One app parameter search in a worker thread: reads the series (or the portfolio's) from the journal as a run does, spreads
// the sets over an EvalPool of its own worker threads, and either checks the best on the held-out bars
// or walks forward (fold by fold, as `keel backtest --walk-forward` does), answering with every set's
// score and metrics or every fold's. Cancellation is a shared flag polled between sets; cancelled partway,
// the worker answers with what ran (the sets scored, ranked; the folds completed) marked partial. A trader's own
// strategy runs only in the pool's threads, a walk-forward's out-of-sample runs too, each call watched by
// the pool (stall-watch.ts), whose message names the set. This thread loads the file too and asks its
// check() and indicators() about the sets, watched on the beat its starter watches (worker-jobs.ts), a stuck
// one named by the set it was given (stall-watch.ts StallNames.params).
import { parentPort, workerData } from 'node:worker_threads';
import type { OptimizeRequest } from '../../shared/contract/commands/backtest.ts';
import { defaultWorkers, EvalPool } from './eval-pool.ts';
import { search, SearchCancelled, type Ran, type SearchResult } from './optimize.ts';
import { finiteOrNull, metricsJson } from './report-json.ts';
import { searchInputs } from './run-inputs.ts';
import { subjectTimes, type SearchSubject } from './search-subject.ts';
import { thinSegments } from './series-shapes.ts';
import { walkForward, type WalkForwardResult } from './walk-forward.ts';
import type { JobMessage } from './worker-jobs.ts';
import { loadWatched } from './load-watched.ts';
import type { StallBeat } from './stall-watch.ts';

type Span = { from: number; to: number };
type Metrics = Record<string, number | null>;

export interface WalkForwardOutcome {
  folds: { inSample: Span; outOfSample: Span; params: Record<string, number>; inSampleScore: number | null; outOfSampleScore: number | null; inSampleMetrics: Metrics; outOfSampleMetrics: Metrics }[];
  equity: [number, number][];
  outOfSampleReturnPct: number;
  efficiency: number | null;
  warnings: string[];
}

export interface OptimizeOutcome {
  /** Best first, at most MAX_SETS; empty for a walk-forward (each fold ranks the sets afresh). */
  sets: { params: Record<string, number>; score: number | null; metrics: Metrics }[];
  setCount: number;
  inSample: Span | null;
  outOfSample: (Span & { score: number | null; metrics: Metrics }) | null;
  warnings: string[];
  walkForward: WalkForwardOutcome | null;
  /**
   * Cancelled after some sets (a walk-forward: folds) had run: how many of how many, the ranking and folds
   * being over those only; null for a search that finished. Absent in searches stored before it was kept.
   */
  partial?: (Ran & { unit: 'sets' | 'folds' }) | null;
}

/** Sets sent back: the table and the heat map show them all up to here. */
export const MAX_SETS = 5000;
/** Points of the stitched out-of-sample equity the UI gets, as a run's curves (run-worker.ts). */
const CURVE_POINTS = 2000;

/** `stallMs`: how long one call of a trader's own strategy may run in the pool (absent: a built-in, not watched). */
const { journalFile, request, sets, strategyFile, cancelFlag, stallMs, beat } = workerData as { journalFile: string; request: OptimizeRequest; sets: Record<string, number>[]; strategyFile?: string | null; cancelFlag: Int32Array; stallMs?: number; beat?: StallBeat };
const post = (m: JobMessage<OptimizeOutcome>) => parentPort!.postMessage(m);
const cancelled = () => Atomics.load(cancelFlag, 0) === 1;

/** Bar indices [from, to) as the bar open times of their first and last bar. */
const times = (subject: SearchSubject, s: Span): Span => {
  const t = subjectTimes(subject);
  return { from: t[s.from]!, to: t[Math.min(t.length, s.to) - 1]! };
};

function walkOutcome(w: WalkForwardResult, subject: SearchSubject): WalkForwardOutcome {
  return {
    folds: w.folds.map((f) => ({
      inSample: times(subject, f.inSample),
      outOfSample: times(subject, f.outOfSample),
      params: f.params,
      inSampleScore: finiteOrNull(f.inSampleScore),
      outOfSampleScore: finiteOrNull(f.outOfSampleScore),
      inSampleMetrics: metricsJson(f.inSampleMetrics),
      outOfSampleMetrics: metricsJson(f.outOfSampleMetrics),
    })),
    // Thinned fold by fold, so each fold's first out-of-sample point (where the chart marks it) survives.
    equity: thinSegments(w.equity, w.folds.map((f) => f.outOfSample.to - f.outOfSample.from), CURVE_POINTS),
    outOfSampleReturnPct: w.outOfSampleReturnPct,
    efficiency: finiteOrNull(w.efficiency),
    warnings: w.warnings,
  };
}

function searchOutcome(r: SearchResult, subject: SearchSubject, partial: OptimizeOutcome['partial']): OptimizeOutcome {
  return {
    sets: r.ranked.slice(0, MAX_SETS).map((s) => ({ params: s.params, score: finiteOrNull(s.score), metrics: metricsJson(s.metrics) })),
    setCount: r.ranked.length,
    inSample: times(subject, r.inSample),
    outOfSample: r.outOfSample && { ...times(subject, r.outOfSample), score: finiteOrNull(r.outOfSample.score), metrics: metricsJson(r.outOfSample.metrics) },
    warnings: r.warnings,
    walkForward: null,
    partial,
  };
}

const walkOutcomeOf = (w: WalkForwardResult, subject: SearchSubject, partial: OptimizeOutcome['partial']): OptimizeOutcome => ({ sets: [], setCount: sets.length, inSample: null, outOfSample: null, warnings: w.warnings, walkForward: walkOutcome(w, subject), partial });

try {
  await loadWatched(request.strategy, strategyFile, beat);
  const { subject, setup } = searchInputs(journalFile, request, strategyFile, sets);
  const bars = subjectTimes(subject).length;
  const pool = new EvalPool(setup, subject, Math.min(defaultWorkers(), sets.length), { stallMs });
  try {
    if (request.walkForward) {
      // Progress is walkForward's own: folds × (sets + the fold's out-of-sample run). The holdout is not
      // used (keel backtest refuses --holdout beside --walk-forward): the folds are the out-of-sample check.
      try {
        const w = await walkForward(pool, setup, subject, sets, request.walkForward, request.objective, (done, total) => post({ type: 'progress', done, total }), cancelled);
        post({ type: 'done', outcome: walkOutcomeOf(w, subject, null) });
      } catch (err) {
        if (!(err instanceof SearchCancelled)) throw err;
        post({ type: 'cancelled', outcome: walkOutcomeOf(err.result as WalkForwardResult, subject, { ...err.ran, unit: 'folds' }) });
      }
    } else {
      // The held-out check is one more run after the search.
      const checks = request.holdoutPct > 0 ? 1 : 0;
      try {
        const r = await search(pool, sets, bars, request.objective, request.holdoutPct / 100, (done, total) => post({ type: 'progress', done, total: total + checks }), cancelled);
        post({ type: 'progress', done: sets.length + checks, total: sets.length + checks });
        post({ type: 'done', outcome: searchOutcome(r, subject, null) });
      } catch (err) {
        if (!(err instanceof SearchCancelled)) throw err;
        post({ type: 'cancelled', outcome: searchOutcome(err.result as SearchResult, subject, { ...err.ran, unit: 'sets' }) });
      }
    }
  } finally {
    await pool.close();
  }
} catch (err) {
  // The pool throws when it sees the flag; any error after the flag is set is the cancel's (nothing had run to keep).
  if (cancelled()) post({ type: 'cancelled' });
  else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
