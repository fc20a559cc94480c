// A finished search in one line, so the backtest page can list searches side by side: the set the search
// would trade, its score in sample, and how it did on bars it never saw. A holdout search's best set and
// its held-out run; a walk-forward's last winner (the set it would trade next) and the means over its
// folds, which are what its efficiency divides.
import type { OptimizeObjective } from '../../shared/contract/commands/backtest.ts';
import { scoreFromWire } from '../../shared/backtest/score-from-wire.ts';
import type { OptimizeOutcome } from './optimize-worker.ts';

export interface SearchHeadline {
  params: Record<string, number>;
  inSampleScore: number | null;
  outOfSampleScore: number | null;
  /**
   * The score is infinite (a profit factor whose trades all won, a Sortino ratio without a losing day), which
   * JSON cannot carry: the score is then null and this says so, rather than the list reading "–" for the best
   * search there is. Absent when finite or missing.
   */
  inSampleInfinite?: true;
  outOfSampleInfinite?: true;
  outOfSampleReturnPct: number | null;
  warnings: number;
}

type WireMetrics = Readonly<Record<string, number | null | undefined>>;

/** Null when the search found nothing to rank (no set, no fold). */
export function searchHeadline(o: OptimizeOutcome, objective: OptimizeObjective): SearchHeadline | null {
  const score = (v: number | null, m: unknown) => scoreFromWire(objective, v, m as WireMetrics);
  const wf = o.walkForward;
  if (wf) {
    const last = wf.folds.at(-1);
    if (!last) return null;
    const is = meanOf(wf.folds.map((f) => score(f.inSampleScore, f.inSampleMetrics)));
    const oos = meanOf(wf.folds.map((f) => score(f.outOfSampleScore, f.outOfSampleMetrics)));
    return {
      params: last.params,
      inSampleScore: finite(is),
      outOfSampleScore: finite(oos),
      ...infinite(is, oos),
      outOfSampleReturnPct: wf.outOfSampleReturnPct,
      warnings: wf.warnings.length,
    };
  }
  const best = o.sets[0];
  if (!best) return null;
  const is = score(best.score, best.metrics);
  const oos = o.outOfSample ? score(o.outOfSample.score, o.outOfSample.metrics) : null;
  return {
    params: best.params,
    inSampleScore: finite(is),
    outOfSampleScore: finite(oos),
    ...infinite(is, oos),
    outOfSampleReturnPct: o.outOfSample ? (o.outOfSample.metrics.totalReturnPct ?? null) : null,
    warnings: o.warnings.length,
  };
}

const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

function infinite(is: number | null, oos: number | null): Pick<SearchHeadline, 'inSampleInfinite' | 'outOfSampleInfinite'> {
  return { ...(is === Infinity ? { inSampleInfinite: true } : {}), ...(oos === Infinity ? { outOfSampleInfinite: true } : {}) };
}

/**
 * The mean of the finite scores (walkForward's efficiency skips the others too); Infinity when every fold
 * that has one has an infinite one; null when none has one.
 */
function meanOf(xs: (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  let unbounded = false;
  for (const x of xs) {
    if (x === Infinity) unbounded = true;
    if (x === null || !Number.isFinite(x)) continue;
    sum += x;
    n++;
  }
  return n === 0 ? (unbounded ? Infinity : null) : sum / n;
}
