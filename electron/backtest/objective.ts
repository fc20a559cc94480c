// What an optimization maximizes. NaN scores (a Sharpe ratio without two days of returns, a run with no
// trades) rank last.
import type { OptimizeObjective } from '../../shared/contract/commands/backtest.ts';
import type { Metrics } from './metrics.ts';

export const OBJECTIVES = {
  sharpe: (m: Metrics) => m.sharpe,
  sortino: (m: Metrics) => m.sortino,
  return: (m: Metrics) => m.totalReturnPct,
  cagr: (m: Metrics) => m.cagrPct,
  calmar: (m: Metrics) => m.calmar,
  'profit-factor': (m: Metrics) => m.profitFactor,
  expectancy: (m: Metrics) => m.expectancy,
} as const satisfies Record<OptimizeObjective, (m: Metrics) => number>;

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
