// Paper or live as the engine's trading.mode says (answer and events): the armed exchange account, and
// the accounts that have an API key stored (only those can be armed). Null until the engine answered,
// or for good with an engine that has no arming (then app.info's mode stands).
import { create } from 'zustand';
import type { TradingMode } from '../../../../../shared/contract/commands/trading-mode.ts';

export const useTradingModeState = create<{ state: TradingMode | null }>()(() => ({ state: null }));

/** The engine's account the trading.* commands act on: "paper" or the armed "exchange:name". */
export function scopeOf(state: TradingMode | null): string | null {
  if (state === null) return null;
  return state.mode === 'live' ? state.account : 'paper';
}

/** Takes in a mode; returns true when the commands now act on a different account than before. */
export function applyTradingMode(next: TradingMode): boolean {
  const before = scopeOf(useTradingModeState.getState().state);
  useTradingModeState.setState({ state: next });
  return before !== null && before !== scopeOf(next);
}
