// The built-in strategies by name: what `keel backtest --strategy NAME`, the UI and the live
// StrategyRunner can run. Unknown names get an error that lists the valid ones.
import { aiAssisted } from './builtins/ai-assisted.ts';
import { bollingerReversion } from './builtins/bollinger-reversion.ts';
import { donchianBreakout } from './builtins/donchian-breakout.ts';
import { emaCross } from './builtins/ema-cross.ts';
import { rsiReversion } from './builtins/rsi-reversion.ts';
import { smaCross } from './builtins/sma-cross.ts';
import { ParamError, resolveParams } from './params.ts';
import type { AnyStrategyDefinition } from './strategy.ts';

export const STRATEGIES: readonly AnyStrategyDefinition[] = [smaCross, emaCross, rsiReversion, bollingerReversion, donchianBreakout, aiAssisted];

export const STRATEGY_NAMES: readonly string[] = STRATEGIES.map((s) => s.name);

export function findStrategy(name: string): AnyStrategyDefinition {
  const def = STRATEGIES.find((s) => s.name === name);
  if (!def) throw new ParamError(`unknown strategy "${name}"; strategies: ${STRATEGY_NAMES.join(', ')}`);
  return def;
}

/** The strategy and its full, checked parameter set (defaults filled in); throws a ParamError. */
export function strategyWithParams(name: string, given: Readonly<Record<string, number>> = {}): { def: AnyStrategyDefinition; params: Record<string, number> } {
  const def = findStrategy(name);
  const params = resolveParams(name, def.params, given);
  const problem = def.check?.(params);
  if (problem) throw new ParamError(problem);
  return { def, params };
}

/** Bars before every indicator of the strategy has a value. */
export function warmupOf(def: AnyStrategyDefinition, params: Record<string, number>): number {
  return def.indicators(params).reduce((m, u) => Math.max(m, u.warmup), 0);
}
