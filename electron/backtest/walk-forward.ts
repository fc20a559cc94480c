// Walk-forward analysis: the bars are cut into `folds` rolling windows; in each, the parameters are
// optimized on an in-sample stretch and then run, untouched, on the out-of-sample stretch that follows.
// Anchored, every in-sample stretch starts at the first bar instead (it grows fold by fold: each
// re-optimization sees all the history there is), the out-of-sample stretches the same as rolling.
// The out-of-sample runs are stitched into one equity curve (each continuing from where the last ended),
// which is what the strategy-plus-its-optimization would have earned. Each out-of-sample run is a fresh
// run with the fold's parameters (a fresh strategy, no position), its indicators read from the bars before
// it (lead-in.ts), as a strategy re-optimized live computes them over the history it has: it can trade from
// the stretch's first bar, not after its slowest average's period. A portfolio's folds cut its
// shared timeline, so every market's in-sample and out-of-sample stretches are the same dates.
//
//   |---- in-sample (ratio × L) ----|-- OOS (L) --|
//                |---- in-sample ----|-- OOS --|           (rolled by L each fold)
//   |------------- in-sample --------|-- OOS --|           (anchored)
import type { EvalPool } from './eval-pool.ts';
import type { Metrics } from './metrics.ts';
import { score, type Objective } from './objective.ts';
import { holdsUp, noValueReason, rankSets, unranked } from './optimize.ts';
import type { RunSetup } from './run-setup.ts';
import { runWindow, subjectTimes, type SearchSubject } from './search-subject.ts';

export interface Fold {
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number };
  params: Record<string, number>;
  inSampleScore: number;
  inSampleMetrics: Metrics;
  outOfSampleScore: number;
  outOfSampleMetrics: Metrics;
}

/** How the bars are cut: `folds` out-of-sample stretches, in-sample `isRatio` times as long (anchored: from the first bar). */
export interface WalkPlan {
  folds: number;
  isRatio: number;
  anchored: boolean;
}

export interface WalkForwardResult {
  objective: Objective;
  anchored: boolean;
  folds: Fold[];
  /** Stitched out-of-sample equity: [bar open time, equity]. */
  equity: [number, number][];
  /** Compounded out-of-sample return, percent. */
  outOfSampleReturnPct: number;
  /** Mean out-of-sample score / mean in-sample score (1: held up fully). */
  efficiency: number;
  warnings: string[];
}

/**
 * The fold windows over `bars` bars: `folds` OOS stretches of length L, in-sample `ratio` × L before each
 * (anchored: from bar 0 to the same end, the first fold's being the same either way).
 */
export function foldWindows(bars: number, folds: number, ratio: number, anchored = false): { inSample: { from: number; to: number }; outOfSample: { from: number; to: number } }[] {
  if (!Number.isInteger(folds) || folds < 1) throw new RangeError(`--walk-forward needs a whole number of folds of 1 or more, got ${folds}`);
  if (!(ratio > 0)) throw new RangeError(`the in-sample ratio must be above 0, got ${ratio}`);
  const L = Math.floor(bars / (folds + ratio));
  const IS = Math.floor(L * ratio);
  if (L < 2 || IS < 2) throw new RangeError(`${bars} bars are too few for ${folds} walk-forward folds`);
  const out = [];
  for (let k = 0; k < folds; k++) {
    const a = k * L;
    out.push({ inSample: { from: anchored ? 0 : a, to: a + IS }, outOfSample: { from: a + IS, to: k === folds - 1 ? bars : a + IS + L } });
  }
  return out;
}

export async function walkForward(
  pool: EvalPool,
  setup: RunSetup,
  subject: SearchSubject,
  sets: readonly Record<string, number>[],
  plan: WalkPlan,
  objective: Objective,
  onProgress?: (done: number, total: number) => void,
  cancelled?: () => boolean,
): Promise<WalkForwardResult> {
  if (sets.length === 0) throw new RangeError('no valid parameter sets to try (check the ranges against the strategy\'s rules)');
  const windows = foldWindows(subjectTimes(subject).length, plan.folds, plan.isRatio, plan.anchored);
  const total = windows.length * (sets.length + 1);
  let done = 0;
  const out: Fold[] = [];
  const equity: [number, number][] = [];
  let level = setup.capital;
  const warnings: string[] = [];
  // Folds whose in-sample stretch gave no set a value for the objective: their "best" is the first set.
  const unrankedFolds: number[] = [];
  for (const [k, w] of windows.entries()) {
    const ranked = await rankSets(pool, sets, w.inSample.from, w.inSample.to, objective, (d) => onProgress?.(done + d, total), cancelled);
    if (unranked(ranked)) unrankedFolds.push(k + 1);
    done += sets.length;
    const best = ranked[0]!;
    // The out-of-sample run in this thread: its equity curve is needed, not only its metrics. It checks
    // `cancelled` too (throwing BacktestCancelled), so a cancel during the last fold is not lost.
    const r = runWindow(setup, subject, best.params, w.outOfSample.from, w.outOfSample.to, cancelled ? { cancelled } : {});
    onProgress?.(++done, total);
    const oosScore = score(objective, r.metrics);
    for (let i = 0; i < r.equity.length; i++) equity.push([r.t[i]!, level * (r.equity[i]! / setup.capital)]);
    level *= r.metrics.finalEquity / setup.capital;
    const fold: Fold = { ...w, params: best.params, inSampleScore: best.score, inSampleMetrics: best.metrics, outOfSampleScore: oosScore, outOfSampleMetrics: r.metrics };
    out.push(fold);
    const problem = holdsUp(objective, best, { metrics: r.metrics, score: oosScore });
    if (problem) warnings.push(`fold ${k + 1}: ${problem}`);
  }
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  const isMean = mean(finite(out.map((f) => f.inSampleScore)));
  const oosMean = mean(finite(out.map((f) => f.outOfSampleScore)));
  const efficiency = isMean > 0 ? oosMean / isMean : Number.NaN;
  const oosReturn = (level / setup.capital - 1) * 100;
  if (warnings.length > out.length / 2 || (isMean > 0 && !(efficiency >= 0.5))) {
    warnings.unshift(`WARNING: the best in-sample result does not hold out of sample: walk-forward efficiency ${Number.isFinite(efficiency) ? efficiency.toFixed(2) : 'n/a'} (out-of-sample ${objective} / in-sample), ${warnings.length} of ${out.length} folds fell short`);
  }
  if (unrankedFolds.length > 0) {
    const which = unrankedFolds.length === out.length ? `any of the ${out.length} folds` : `${unrankedFolds.length} of the ${out.length} folds (${foldList(unrankedFolds)})`;
    warnings.unshift(`WARNING: no set has a ${objective} in the in-sample stretch of ${which}, so those folds took the first set given, not the best (${noValueReason(objective)}); rank by another objective, such as return, or use fewer folds or a longer range`);
  }
  return { objective, anchored: plan.anchored, folds: out, equity, outOfSampleReturnPct: oosReturn, efficiency, warnings };
}

/** Fold numbers as a short list: "3, 5, 9" or "3, 5, 9 … 40" past ten. */
function foldList(folds: readonly number[]): string {
  return folds.length <= 10 ? folds.join(', ') : `${folds.slice(0, 10).join(', ')} …`;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}
