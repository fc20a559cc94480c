// A finished search in one line, so the backtest page can list searches side by side: the set the search
// would trade, its score in sample, and how it did on bars it never saw. A holdout search's best set and
// its held-out run; a walk-forward's last winner (the set it would trade next) and the means over its
// folds, which are what its efficiency divides.
import type { OptimizeOutcome } from './optimize-worker.ts';

export interface SearchHeadline {
  params: Record<string, number>;
  inSampleScore: number | null;
  outOfSampleScore: number | null;
  outOfSampleReturnPct: number | null;
  warnings: number;
}

/** Null when the search found nothing to rank (no set, no fold). */
export function searchHeadline(o: OptimizeOutcome): SearchHeadline | null {
  const wf = o.walkForward;
  if (wf) {
    const last = wf.folds.at(-1);
    if (!last) return null;
    return {
      params: last.params,
      inSampleScore: meanOf(wf.folds.map((f) => f.inSampleScore)),
      outOfSampleScore: meanOf(wf.folds.map((f) => f.outOfSampleScore)),
      outOfSampleReturnPct: wf.outOfSampleReturnPct,
      warnings: wf.warnings.length,
    };
  }
  const best = o.sets[0];
  if (!best) return null;
  return {
    params: best.params,
    inSampleScore: best.score,
    outOfSampleScore: o.outOfSample?.score ?? null,
    outOfSampleReturnPct: o.outOfSample ? (o.outOfSample.metrics.totalReturnPct ?? null) : null,
    warnings: o.warnings.length,
  };
}

/** The mean of the defined scores (walkForward's efficiency skips undefined ones too); null when none is. */
function meanOf(xs: (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const x of xs) {
    if (x === null || !Number.isFinite(x)) continue;
    sum += x;
    n++;
  }
  return n === 0 ? null : sum / n;
}
