// What an optimization maximizes. NaN scores (a Sharpe ratio without two days of returns, a run with no
// trades) rank last.
//
// CAGR and Calmar rank by the annualized rate over any span: a run's metrics leave them out under a year
// (metrics.ts: annualizing days extrapolates them), but a search's sets share one span, where the rate
// orders the sets as their returns do, and a walk-forward's folds are mostly shorter than a year.
import type { OptimizeObjective } from '../../shared/contract/commands/backtest.ts';
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
  throw new RangeError(`unknown objective "${v}"; objectives: ${OBJECTIVE_NAMES.join(', ')}`);
}

export function score(objective: Objective, m: Metrics): number {
  const s = OBJECTIVES[objective](m);
  return Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s;
}
