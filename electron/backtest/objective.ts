// What an optimization maximizes. NaN scores (a Sharpe ratio without two days of returns, a run with no
// trades) rank last.
//
// CAGR and Calmar rank by the annualized rate over any span: a run's metrics leave them out under a year
// (metrics.ts: annualizing days extrapolates them), but a search's sets share one span, where the rate
// orders the sets as their returns do, and a walk-forward's folds are mostly shorter than a year.
import type { OptimizeObjective } from '../../shared/contract/commands/backtest.ts';
import { didYouMean } from '../../shared/domain/nearest-name.ts';
import { cagrPct, type Metrics } from './metrics.ts';

export const OBJECTIVES = {
  sharpe: (m: Metrics) => m.sharpe,
  sortino: (m: Metrics) => m.sortino,
  return: (m: Metrics) => m.totalReturnPct,
  cagr: (m: Metrics) => rate(m),
  calmar: (m: Metrics) => (m.maxDrawdownPct > 0 ? rate(m) / m.maxDrawdownPct : Number.NaN),
  'profit-factor': (m: Metrics) => m.profitFactor,
  expectancy: (m: Metrics) => m.expectancy,
} as const satisfies Record<OptimizeObjective, (m: Metrics) => number>;

/** The annualized rate over the run's span, whatever its length (the metrics' CAGR is NaN under a year). */
function rate(m: Metrics): number {
  return cagrPct(m.startEquity, m.finalEquity, m.to - m.from);
}

export type Objective = keyof typeof OBJECTIVES;
export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as Objective[];

export function parseObjective(v: string): Objective {
  if (Object.hasOwn(OBJECTIVES, v)) return v as Objective;
  throw new RangeError(`unknown objective "${v}"${didYouMean(v, OBJECTIVE_NAMES)}; objectives: ${OBJECTIVE_NAMES.join(', ')}`);
}

export function score(objective: Objective, m: Metrics): number {
  const s = OBJECTIVES[objective](m);
  return Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s;
}

/**
 * The in-sample score the out-of-sample one is judged against (a holdout's "less than half", a walk-forward's
 * efficiency). A return is over its stretch: an in-sample stretch three times the held-out one makes about
 * three times the return at the same pace, so a steady strategy's held-out return always read as "less than
 * half" of it. The in-sample return is taken at its own pace over the out-of-sample stretch's length; the other
 * objectives are rates (Sharpe, Sortino, CAGR, Calmar) or per-trade figures already, and stand as they are.
 */
export function paceMatched(objective: Objective, inSample: { metrics: Metrics; score: number }, outOfSample: Metrics): number {
  const s = inSample.score;
  if (objective !== 'return' || !Number.isFinite(s) || s <= -100) return s;
  const isSpan = inSample.metrics.to - inSample.metrics.from;
  const oosSpan = outOfSample.to - outOfSample.from;
  if (!(isSpan > 0 && oosSpan > 0)) return s;
  return (Math.pow(1 + s / 100, oosSpan / isSpan) - 1) * 100;
}
