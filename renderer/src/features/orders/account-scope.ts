// Which account a trading event or answer belongs to. Paper and an armed live account run side by side
// and both publish on the same event streams; every order, fill, positions list and account snapshot
// names its account ("paper", "binance:main"), set by the engine that sent it. The trading stores (and
// the chart's) take only the account the trading.* commands act on: trading.mode's armed account while
// live, else paper.
import { activeAccount, useTradingModeState } from '../ticket/live/trading-mode-store.ts';

/** The account the trading.* commands act on now. */
export function currentAccount(): string {
  return activeAccount(useTradingModeState.getState().state);
}

/** Whether an order, fill, positions list or account snapshot is of the account the commands act on. */
export function isOfActiveAccount(item: { readonly account: string }): boolean {
  return item.account === currentAccount();
}

/**
 * Wraps what to do with a command's answer: it runs only if the account the commands act on is still the
 * one it was when the question was asked (after a switch, the new account is read afresh instead).
 */
export function whileAccountStays<T>(apply: (answer: T) => void): (answer: T) => void {
  const asked = currentAccount();
  return (answer) => {
    if (currentAccount() === asked) apply(answer);
  };
}
