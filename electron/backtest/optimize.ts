// Parameter search: every set is run over the in-sample bars, ranked by the objective; the best is then
// run over the held-out bars that no set was chosen on. When the best in-sample result does not hold
// out of sample (it loses money there, or keeps less than half its in-sample score) the search says so:
// a parameter set picked from many is flattered by the choice. Cancelled partway (the app's searches), the
// sets already run are kept, ranked as the whole search would rank them, and nothing is claimed out of sample.
import { EvalCancelled, type EvalJob, type EvalPool, type EvalResult } from './eval-pool.ts';
import type { Metrics } from './metrics.ts';
import { paceMatched, score, type Objective } from './objective.ts';
import { pctText, ratioText } from '../../shared/backtest/figure-text.ts';
import { anObjective, objectiveText } from '../../shared/backtest/objective-label.ts';
import type { HaltedToEnd } from '../../shared/backtest/halted-to-end.ts';
import { REPORT_REARM } from './halted-hint.ts';

export interface RankedSet {
  params: Record<string, number>;
  score: number;
  metrics: Metrics;
  /** The kill switch engaged for good over a quarter of the stretch or more (eval-pool.ts). */
  halted?: HaltedToEnd;
}

export interface SearchResult {
  objective: Objective;
  /** Best first. */
  ranked: RankedSet[];
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number; metrics: Metrics; score: number } | null;
  warnings: string[];
}

/** How much of a cancelled search ran: `done` of the `planned` sets (a walk-forward's: folds). */
export interface Ran {
  done: number;
  planned: number;
}

/**
 * A search cancelled after some of its sets (a walk-forward: folds) had run: `result` is what they make,
 * ranked as the finished search ranks them, and `ran` how much of it ran. A search cancelled before any
 * set finished throws the pool's EvalCancelled instead: nothing to show.
 */
export class SearchCancelled<T> extends Error {
  readonly result: T;
  readonly ran: Ran;
  constructor(result: T, ran: Ran) {
    super('the optimization was cancelled');
    this.result = result;
    this.ran = ran;
  }
}

/** Runs `sets` over bars [from, to) and ranks them, best first. */
export async function rankSets(pool: EvalPool, sets: readonly Record<string, number>[], from: number, to: number, objective: Objective, onProgress?: (done: number, total: number) => void, cancelled?: () => boolean): Promise<RankedSet[]> {
  const jobs: EvalJob[] = sets.map((params) => ({ params, from, to }));
  return ranking(await pool.evaluate(jobs, onProgress, cancelled), objective);
}

/**
 * Runs ranked best first. Sets with the same score (several infinite profit factors: every trade a winner)
 * rank by what they made, the larger return first; ties beyond that, and the sets with no score at all,
 * keep the jobs' order (the sort is stable), so some of the sets rank as they do among all.
 */
function ranking(results: readonly EvalResult[], objective: Objective): RankedSet[] {
  return results.map((r) => ({ params: r.job.params, metrics: r.metrics, score: score(objective, r.metrics), ...(r.halted ? { halted: r.halted } : {}) })).sort(bestFirst);
}

export function bestFirst(a: Pick<RankedSet, 'score' | 'metrics'>, b: Pick<RankedSet, 'score' | 'metrics'>): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.score === Number.NEGATIVE_INFINITY ? 0 : b.metrics.totalReturnPct - a.metrics.totalReturnPct || 0;
}

/**
 * The best set's kill switch stayed engaged to the end of a stretch it was scored on (a drawdown breach,
 * not re-armed: the default, as live): its score is then partly the limit's doing, and so is the ranking.
 * A run says so in its hint; a search's table would not. Null when the best set traded the stretch through.
 */
export function haltedBestText(ranked: readonly RankedSet[], stretch: string): string | null {
  const best = ranked[0];
  if (best?.halted === undefined) return null;
  const held = ranked.filter((r) => r.halted !== undefined).length;
  const others = held > 1 ? ` (${held} of the ${ranked.length} sets were held so)` : '';
  return `the best set's kill switch stayed engaged from ${isoDay(best.halted.from)} to the end of ${stretch}, ${Math.round(best.halted.share * 100)}% of it without a new entry, after a drawdown breach${others}: its score, and the ranking, are partly the risk limits' doing; ${REPORT_REARM}`;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Why an objective can have no value (NaN, ranked as −∞) for a run. */
const NO_VALUE: Record<Objective, string> = {
  sharpe: 'a Sharpe ratio needs daily returns over two days or more',
  sortino: 'a Sortino ratio needs daily returns over two days or more, not all of them 0',
  return: 'a return needs bars',
  cagr: 'a CAGR needs a stretch of time',
  calmar: 'a Calmar ratio needs a drawdown',
  'profit-factor': 'a profit factor needs closed trades',
  expectancy: 'an expectancy needs closed trades',
};

/** Why `objective` has no value for a run, for the warning that says no set had one. */
export const noValueReason = (objective: Objective): string => NO_VALUE[objective];

/**
 * Whether no set has a value for the objective: each ranks as −∞, so the first set given stands first
 * and would be called the best. A Sharpe ratio over a stretch shorter than two days is the usual case:
 * every set's is undefined, whatever it earned.
 */
export function unranked(ranked: readonly RankedSet[]): boolean {
  return ranked.length > 1 && ranked.every((r) => r.score === Number.NEGATIVE_INFINITY);
}

/** A score in a warning's sentence: a return or a CAGR as a percent, the other objectives as ratios (or money per trade). */
export function scoreWords(objective: Objective, v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '∞';
  if (!Number.isFinite(v)) return String(v);
  return objective === 'return' || objective === 'cagr' ? pctText(v) : ratioText(v);
}

/** Whether an out-of-sample result keeps what the in-sample one promised; the reason when not. */
export function holdsUp(objective: Objective, inSample: { metrics: Metrics; score: number }, outOfSample: { metrics: Metrics; score: number }): string | null {
  // Figures as the tables beside the warning write them (figure-text.ts): a loss too small to show is "0.00%", not "-0.00%".
  const fmt = (v: number) => scoreWords(objective, v);
  if (inSample.metrics.totalReturnPct > 0 && outOfSample.metrics.totalReturnPct <= 0) {
    return `the best in-sample set made ${pctText(inSample.metrics.totalReturnPct)} in sample but ${pctText(outOfSample.metrics.totalReturnPct)} out of sample`;
  }
  // No value out of sample (a Sharpe ratio over less than two days): said as that, not as a fall to -Infinity.
  if (inSample.score > 0 && Number.isFinite(inSample.score) && outOfSample.score === Number.NEGATIVE_INFINITY) {
    return `the best in-sample ${objectiveText(objective)} of ${fmt(inSample.score)} has no value out of sample (${noValueReason(objective)}), so nothing confirms it`;
  }
  // A return is judged at the in-sample pace over the out-of-sample stretch (objective.ts paceMatched).
  const bar = paceMatched(objective, inSample, outOfSample.metrics);
  if (inSample.score > 0 && Number.isFinite(inSample.score) && !(outOfSample.score >= bar / 2)) {
    const paced = bar === inSample.score ? '' : ` (${pctText(bar)} at the same pace over the out-of-sample stretch's ${spanText(outOfSample.metrics)})`;
    return `the best in-sample ${objectiveText(objective)} of ${fmt(inSample.score)}${paced} fell to ${fmt(outOfSample.score)} out of sample (less than half)`;
  }
  return null;
}

const DAY_MS = 86_400_000;

/** A stretch's length as the warnings write it: "146 days", "36 hours". */
function spanText(m: { from: number; to: number }): string {
  const ms = m.to - m.from;
  if (ms >= 2 * DAY_MS) return `${Math.round(ms / DAY_MS).toLocaleString('en-US')} days`;
  const h = Math.round(ms / 3_600_000);
  return `${h} hour${h === 1 ? '' : 's'}`;
}

/**
 * Searches `sets` on the first (1 − holdout) of the bars and checks the best on the rest. holdout 0
 * searches all bars and checks nothing (the result is then in-sample only, and says so).
 */
export async function search(pool: EvalPool, sets: readonly Record<string, number>[], bars: number, objective: Objective, holdout: number, onProgress?: (done: number, total: number) => void, cancelled?: () => boolean): Promise<SearchResult> {
  if (sets.length === 0) throw new RangeError('no valid parameter sets to try (check the ranges against the strategy\'s rules)');
  // The last `holdout` of the bars, rounded up to a whole bar. Counted from the held-out side and rounded to 12
  // digits first: 1,440 × (1 − 0.3) is 1,007.999… in floats, which held out 433 bars for 30% (432).
  const split = holdout > 0 ? bars - Math.ceil(Number((bars * holdout).toPrecision(12))) : bars;
  let ranked: RankedSet[];
  let cut = false;
  try {
    ranked = await rankSets(pool, sets, 0, split, objective, onProgress, cancelled);
  } catch (err) {
    if (!(err instanceof EvalCancelled) || err.done.length === 0) throw err;
    ranked = ranking(err.done, objective);
    cut = true;
  }
  const warnings: string[] = [];
  // Scores of sets that never traded rank nothing; a run of one says why (its notes: refusals, the data).
  if (ranked.every((r) => r.metrics.trades === 0 && r.metrics.openTrades === 0)) {
    warnings.push(`no set made a trade in sample, so the ranking means nothing: run one set on its own and read its notes (orders the risk room refused, and what the data was)`);
  } else {
    // The best set lost in sample: nothing to carry out of sample, whatever the held-out bars then show (a walk-forward says the same of its folds).
    const top = ranked[0]!;
    if (!unranked(ranked) && (top.metrics.trades > 0 || top.metrics.openTrades > 0) && top.metrics.totalReturnPct <= 0) {
      warnings.push(`WARNING: the best in-sample set ${top.metrics.totalReturnPct < 0 ? `lost ${pctText(-top.metrics.totalReturnPct)}` : `made ${pctText(top.metrics.totalReturnPct)}`} in sample (${objectiveText(objective)} ${Number.isFinite(top.score) || top.score === Number.POSITIVE_INFINITY ? scoreWords(objective, top.score) : 'n/a'}), so there is no in-sample edge to carry forward; widen the ranges or try another strategy`);
    }
    const halt = haltedBestText(ranked, 'the in-sample stretch');
    if (halt !== null && !unranked(ranked)) warnings.push(`WARNING: ${halt}`);
    if (unranked(ranked)) warnings.push(`WARNING: no set has ${anObjective(objective)} in sample (${noValueReason(objective)}), so the sets are not ranked and the first one given stands in for the best; rank by another objective, such as return, or search a longer stretch`);
  }
  let outOfSample: SearchResult['outOfSample'] = null;
  const best = ranked[0]!;
  const result = (): SearchResult => ({ objective, ranked, inSample: { from: 0, to: split }, outOfSample, warnings });
  // Cancelled during the sets or before the held-out check: the best is not run there, and no score out of sample is claimed.
  const stopped = () => {
    const ran = `the search was cancelled after ${ranked.length} of ${sets.length} sets`;
    const only = `only the ${ranked.length} ${ranked.length === 1 ? 'set' : 'sets'} that ran`;
    warnings.push(split < bars ? `${ran}, before its best was run on the held-out bars: nothing checks it out of sample, and it is the best of ${only}` : `${ran}: these results are in-sample only, ranked over ${only}`);
    return new SearchCancelled(result(), { done: ranked.length, planned: sets.length });
  };
  if (cut) throw stopped();
  if (split < bars) {
    let oos: EvalResult | undefined;
    try {
      [oos] = await pool.evaluate([{ params: best.params, from: split, to: bars }], undefined, cancelled);
    } catch (err) {
      if (err instanceof EvalCancelled) throw stopped();
      throw err;
    }
    outOfSample = { from: split, to: bars, metrics: oos!.metrics, score: score(objective, oos!.metrics) };
    const problem = holdsUp(objective, best, outOfSample);
    if (problem) warnings.push(`WARNING: the best in-sample result does not hold out of sample: ${problem}`);
  } else {
    warnings.push('these results are in-sample only: the best of many sets looks better than it will trade; hold bars out or walk forward (--holdout, --walk-forward) to check it');
  }
  return result();
}
