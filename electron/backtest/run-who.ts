// A run as its errors name it: the strategy with its parameters and the exits the run set (a search's set,
// exits included, is the one to run again with --params), and in a portfolio the market whose strategy threw.
import type { RunExits } from '../../shared/backtest/run-exits.ts';

export function runWho(name: string, params: Readonly<Record<string, number>>, exits: RunExits | undefined, symbol?: string): string {
  const given = Object.entries(params);
  for (const key of ['stopLossPct', 'takeProfitPct', 'trailingStopPct'] as const) {
    const v = exits?.[key];
    if (v !== null && v !== undefined) given.push([key, v]);
  }
  const named = given.length === 0 ? name : `${name} with ${given.map(([k, v]) => `${k}=${v}`).join(', ')}`;
  return symbol === undefined ? named : `${named} on ${symbol}`;
}
