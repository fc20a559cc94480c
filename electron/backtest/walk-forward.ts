// Walk-forward analysis: the bars are cut into `folds` rolling windows; in each, the parameters are
// optimized on an in-sample stretch and then run, untouched, on the out-of-sample stretch that follows.
// Anchored, every in-sample stretch starts at the first bar instead (it grows fold by fold: each
// re-optimization sees all the history there is), the out-of-sample stretches the same as rolling.
// The out-of-sample runs are stitched into one equity curve (each continuing from where the last ended),
// which is what the strategy-plus-its-optimization would have earned. Each out-of-sample run is a fresh
// run with the fold's parameters (a fresh strategy, no position), its indicators read from the bars before
// it (lead-in.ts), as a strategy re-optimized live computes them over the history it has: it can trade from
// the stretch's first bar, not after its slowest average's period. A portfolio's folds cut its
// shared timeline, so every market's in-sample and out-of-sample stretches are the same dates. Cancelled
// partway (the app's searches), the folds that completed are kept, summed up as a walk-forward of that many.
//
//   |---- in-sample (ratio × L) ----|-- OOS (L) --|
//                |---- in-sample ----|-- OOS --|           (rolled by L each fold)
//   |------------- in-sample --------|-- OOS --|           (anchored)
import { EvalCancelled, type EvalPool } from './eval-pool.ts';
import type { Metrics } from './metrics.ts';
import { paceMatched, score, type Objective } from './objective.ts';
import { pctText, ratioText } from '../../shared/backtest/figure-text.ts';
import { anObjective, objectiveText } from '../../shared/backtest/objective-label.ts';
import { holdsUp, noValueReason, rankSets, scoreWords, SearchCancelled, unranked } from './optimize.ts';
import type { RunSetup } from './run-setup.ts';
import { subjectTimes, type SearchSubject } from './search-subject.ts';
import { StrategyStalled } from './stall-watch.ts';
import { utcMinute } from '../../shared/backtest/hold-time.ts';
import { REPORT_REARM } from './halted-hint.ts';

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
  /**
   * The out-of-sample runs' trades as returns on the equity before each, fold after fold (a trade open at a fold's
   * end counted at its last close, where the stitched curve hands its value to the next fold): the trades of
   * the stitched curve, which a Monte Carlo after a walk-forward reorders (not the last fold's set re-run over
   * every bar, its in-sample stretches included).
   */
  outOfSampleTradeReturns: number[];
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
  const [L, IS] = foldLengths(bars, folds, ratio);
  if (L < 2 || IS < 2) throw new RangeError(foldsProblem(bars, folds, ratio));
  const out = [];
  for (let k = 0; k < folds; k++) {
    const a = k * L;
    out.push({ inSample: { from: anchored ? 0 : a, to: a + IS }, outOfSample: { from: a + IS, to: k === folds - 1 ? bars : a + IS + L } });
  }
  return out;
}

/** Each fold's out-of-sample and in-sample lengths, in bars. */
function foldLengths(bars: number, folds: number, ratio: number): [number, number] {
  const L = Math.floor(bars / (folds + ratio));
  return [L, Math.floor(L * ratio)];
}

/**
 * Why `folds` folds do not fit `bars` bars, and what would: the most folds that fit at this ratio, or, when
 * not even one does, which way to move the ratio (below 1 the in-sample stretch is the one too short, so a
 * larger ratio; above it the out-of-sample one, so a smaller). `held` words the bars ("the portfolio's
 * markets hold 72 bars together, too few").
 */
export function foldsProblem(bars: number, folds: number, ratio: number, held = `${bars} bars are too few`): string {
  const fits = (n: number) => foldLengths(bars, n, ratio).every((x) => x >= 2);
  let fit = folds - 1;
  while (fit >= 1 && !fits(fit)) fit--;
  const valid =
    fit >= 1
      ? `give 1 to ${fit} folds at an in-sample ratio of ${ratio}, a ${ratio < 1 ? 'larger' : 'smaller'} ratio, or a longer date range`
      : `even 1 fold at an in-sample ratio of ${ratio} needs more bars: give a longer date range or a ${ratio < 1 ? 'larger' : 'smaller'} ratio`;
  return `${held} for ${folds} walk-forward folds (in-sample ratio ${ratio}); ${valid}`;
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
  const tradeReturnsOos: number[] = [];
  let level = setup.capital;
  const warnings: string[] = [];
  // Folds whose in-sample stretch gave no set a value for the objective: their "best" is the first set.
  const unrankedFolds: number[] = [];
  // Folds whose winner's kill switch stayed engaged to the end of its in-sample or out-of-sample stretch.
  const heldIn: number[] = [];
  const heldOut: number[] = [];
  const times = subjectTimes(subject);
  // A set that fails names its fold and stretch: the bar numbers and parameters alone do not say which run it was.
  const inFold = (k: number, stretch: 'in-sample' | 'out-of-sample', s: { from: number; to: number }) => (err: unknown): never => {
    throw cancelled?.() ? err : foldNamed(err, `walk-forward fold ${k + 1} of ${windows.length}, ${stretch} ${utcMinute(times[s.from]!)} to ${utcMinute(times[s.to - 1]!)}`);
  };
  // The cancel seen during a fold: that fold is dropped (null); with none completed before it, nothing is kept.
  const keepFolds = (err: unknown): null => {
    if (err instanceof EvalCancelled && out.length > 0) return null;
    throw err;
  };
  // Set when the cancel was seen: the folds completed so far are what there is.
  let cut = false;
  for (const [k, w] of windows.entries()) {
    const ranked = await rankSets(pool, sets, w.inSample.from, w.inSample.to, objective, (d) => onProgress?.(done + d, total), cancelled).catch(inFold(k, 'in-sample', w.inSample)).catch(keepFolds);
    if (ranked === null) {
      cut = true;
      break;
    }
    if (unranked(ranked)) unrankedFolds.push(k + 1);
    done += sets.length;
    const best = ranked[0]!;
    if (best.halted) heldIn.push(k + 1);
    // The out-of-sample run in the pool, as the sets' are, with its equity curve back: a trader's own strategy
    // stuck in it is stopped there, named with the fold's set, not left to hold the caller's thread for ever.
    // The pool looks at `cancelled` after it too, so a cancel during the last fold is not lost; seen only
    // then, the run has finished and its fold is kept.
    const finished = (err: unknown) => {
      if (!(err instanceof EvalCancelled) || err.done.length === 0) return keepFolds(err);
      cut = true;
      return err.done;
    };
    const answer = await pool.evaluate([{ params: best.params, from: w.outOfSample.from, to: w.outOfSample.to, curve: true }], undefined, cancelled).catch(inFold(k, 'out-of-sample', w.outOfSample)).catch(finished);
    if (answer === null) {
      cut = true;
      break;
    }
    const oos = answer[0]!;
    if (oos.halted) heldOut.push(k + 1);
    const r = { metrics: oos.metrics, ...oos.curve! };
    onProgress?.(++done, total);
    const oosScore = score(objective, r.metrics);
    for (let i = 0; i < r.equity.length; i++) equity.push([r.t[i]!, level * (r.equity[i]! / setup.capital)]);
    // Returns on the equity before each trade: the same whether the fold started at the capital or at the stitched level.
    for (const x of r.tradeReturns) tradeReturnsOos.push(x);
    level *= r.metrics.finalEquity / setup.capital;
    const fold: Fold = { ...w, params: best.params, inSampleScore: best.score, inSampleMetrics: best.metrics, outOfSampleScore: oosScore, outOfSampleMetrics: r.metrics };
    out.push(fold);
    const problem = holdsUp(objective, best, { metrics: r.metrics, score: oosScore });
    if (problem) warnings.push(`fold ${k + 1}: ${problem}`);
    if (cut) break;
  }
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  // The efficiency compares the folds whose two scores are both figures: a fold with no score out of sample,
  // or an infinite one (a profit factor whose trades all won), has nothing a mean can hold, and is said
  // below; before, an infinite fold was dropped from the out-of-sample mean alone, its in-sample score still
  // counted, so the folds that did best out of sample pulled the efficiency down.
  const measured = out.filter((f) => Number.isFinite(f.inSampleScore) && Number.isFinite(f.outOfSampleScore));
  const isMean = mean(finite(out.map((f) => f.inSampleScore)));
  const oosMean = mean(measured.map((f) => f.outOfSampleScore));
  // Over each fold's in-sample score at its pace over the out-of-sample stretch (a return; the rest as they are):
  // with an in-sample ratio of 3, a steady strategy's raw returns gave an efficiency near 1/3, a warning every time.
  const isPaced = mean(measured.map((f) => paceMatched(objective, { metrics: f.inSampleMetrics, score: f.inSampleScore }, f.outOfSampleMetrics)));
  const efficiency = isMean > 0 && isPaced > 0 ? oosMean / isPaced : Number.NaN;
  const oosReturn = (level / setup.capital - 1) * 100;
  const heads: string[] = [];
  // An efficiency over half the folds or fewer, the rest infinite out of sample (as good as a fold gets), does
  // not by itself say the result fails to hold: the folds' own warnings must then say it.
  const heldInfinite = out.filter((f) => f.outOfSampleScore === Number.POSITIVE_INFINITY).length;
  const effSays = isMean > 0 && !(efficiency >= 0.5) && !(heldInfinite > 0 && measured.length <= out.length / 2);
  if (warnings.length > out.length / 2 || effSays) {
    heads.push(`WARNING: the best in-sample result does not hold out of sample: walk-forward efficiency ${Number.isFinite(efficiency) ? ratioText(efficiency) : 'n/a'} (out-of-sample ${objectiveText(objective)} / in-sample), ${warnings.length} of ${out.length} folds fell short`);
  }
  // The folds' winners scored 0 or less in sample on average: there was no edge to carry forward, and the
  // efficiency (a ratio over that mean) is left out. Before, a walk-forward whose every fold lost out of
  // sample said nothing above its folds but "efficiency –".
  if (Number.isFinite(isMean) && isMean <= 0) {
    heads.push(`WARNING: the folds' best in-sample sets scored a mean ${objectiveText(objective)} of ${scoreWords(objective, isMean)}, 0 or below, so there was no in-sample edge to carry forward and no efficiency to give; out of sample the folds made ${pctText(oosReturn)} stitched together`);
  }
  // Folds whose out-of-sample stretch has no value for the objective (too short for a Sharpe ratio) are
  // left out of the efficiency's mean: say how many, rather than let the mean over the rest pass for all.
  const noOutOfSample = out.filter((f) => f.outOfSampleScore === Number.NEGATIVE_INFINITY).length;
  if (noOutOfSample > 0) {
    const rest = measured.length;
    const over = rest === out.length - noOutOfSample ? `the other ${rest}` : `the ${rest} that have one in sample and out of sample`;
    heads.push(`WARNING: ${noOutOfSample} of the ${out.length} folds have no ${objectiveText(objective)} out of sample (${noValueReason(objective)}), so the efficiency ${rest > 0 ? `is over ${over}` : 'has nothing to measure'}; use fewer folds, a longer range or a smaller in-sample ratio, or rank by another objective, such as return`);
  }
  // Infinite scores (every trade a winner, no losing day) are the best there is, not a shortfall: named, and
  // the efficiency said to be over the rest.
  const unbounded = out.flatMap((f, k) => (f.outOfSampleScore === Number.POSITIVE_INFINITY || f.inSampleScore === Number.POSITIVE_INFINITY ? [k + 1] : []));
  if (unbounded.length > 0) {
    heads.push(`${unbounded.length === 1 ? 'fold' : 'folds'} ${foldList(unbounded)} scored an infinite ${objectiveText(objective)} (${INFINITE[objective] ?? 'no bound'}) in or out of sample, which no mean holds: the efficiency is over ${measured.length > 0 ? `the other ${measured.length} of the ${out.length}` : 'no fold, and is left out'}`);
  }
  // The folds' winners the kill switch stopped: their scores, the fold's choice and the efficiency are partly
  // the risk limits' doing (a run says so in its hint; the folds' table would not).
  if (heldIn.length > 0 || heldOut.length > 0) {
    const part = (folds: number[], stretch: string) => `${folds.length === 1 ? 'fold' : 'folds'} ${foldList(folds)} ${stretch}`;
    const where = [heldIn.length > 0 ? part(heldIn, 'in sample') : null, heldOut.length > 0 ? part(heldOut, 'out of sample') : null].filter((x) => x !== null).join(' and ');
    heads.push(`WARNING: after a drawdown breach the kill switch held the winner without a new entry to the end of its stretch, a quarter of it or more, in ${where}: those scores are partly the risk limits' doing, not the parameters'; ${REPORT_REARM}`);
  }
  warnings.unshift(...heads);
  if (unrankedFolds.length > 0) {
    const which = unrankedFolds.length === out.length ? `any of the ${out.length} folds` : `${unrankedFolds.length} of the ${out.length} folds (${foldList(unrankedFolds)})`;
    warnings.unshift(`WARNING: no set has ${anObjective(objective)} in the in-sample stretch of ${which}, so those folds took the first set given, not the best (${noValueReason(objective)}); rank by another objective, such as return, or use fewer folds or a longer range`);
  }
  if (cut) warnings.unshift(`the walk-forward was cancelled after ${out.length} of ${windows.length} folds: its efficiency and out-of-sample return are over only the ${out.length} ${out.length === 1 ? 'fold' : 'folds'} that ran`);
  const result: WalkForwardResult = { objective, anchored: plan.anchored, folds: out, equity, outOfSampleReturnPct: oosReturn, outOfSampleTradeReturns: tradeReturnsOos, efficiency, warnings };
  if (cut) throw new SearchCancelled(result, { done: out.length, planned: windows.length });
  return result;
}

/** Why an objective can be infinite. */
const INFINITE: Partial<Record<Objective, string>> = {
  'profit-factor': 'no trade lost',
  sortino: 'a gain without a losing day',
};

/** Fold numbers as a short list: "3, 5, 9" or "3, 5, 9 … 40" past ten. */
function foldList(folds: readonly number[]): string {
  return folds.length <= 10 ? folds.join(', ') : `${folds.slice(0, 10).join(', ')} …`;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/**
 * The error of a run inside a fold, told which fold and stretch it was: "walk-forward fold 2 of 3, in-sample
 * 2023-03-08 00:00 to 2023-03-14 23:59: my-strat with fast=7 stopped the run at bar 700 (…): …". Its class is
 * kept (a ParamError stays one, exit 2); a stalled strategy's `stopped` line, which the CLI prints, says it too.
 */
function foldNamed(err: unknown, where: string): unknown {
  if (err instanceof StrategyStalled) return new StrategyStalled(`${where}: ${err.stopped}`, err.hint);
  if (err instanceof Error) err.message = `${where}: ${err.message}`;
  return err;
}
