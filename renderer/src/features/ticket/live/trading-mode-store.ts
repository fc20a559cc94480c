// Paper or live as the engine's trading.mode says (answer and events): the armed exchange account, and
// the accounts that have an API key stored (only those can be armed). Null until the engine answered,
// or for good with an engine that has no arming (then app.info's mode stands).
import { create } from 'zustand';
import type { TradingMode } from '../../../../../shared/contract/commands/trading-mode.ts';

export const useTradingModeState = create<{ state: TradingMode | null }>()(() => ({ state: null }));

/**
 * The account the trading.* commands act on: the armed "exchange:name" while live, else "paper" (also
 * before the engine has answered: Keel always starts in paper).
 */
export function activeAccount(state: TradingMode | null): string {
  return state?.mode === 'live' && state.account !== null ? state.account : 'paper';
}

/** Takes in a mode; returns true when the commands now act on a different account than before. */
export function applyTradingMode(next: TradingMode): boolean {
  const before = activeAccount(useTradingModeState.getState().state);
  useTradingModeState.setState({ state: next });
  return before !== activeAccount(next);
}
