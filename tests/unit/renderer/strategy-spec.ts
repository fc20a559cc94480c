// A strategy as backtest.strategies lists it, for the backtest form's tests: whole-number parameters from
// 1 to 1000 with the given defaults.
import type { StrategyInfo } from '../../../renderer/src/features/backtest/run-form.ts';

export const strategySpec = (name: string, params: [string, number][]): StrategyInfo => ({
  name,
  description: name,
  params: params.map(([p, d]) => ({ name: p, type: 'int', default: d, min: 1, max: 1000, description: p })),
  file: null,
});
