// Which account a trading event belongs to. Paper and an armed live account run side by side and both
// publish on the same event streams, and orders, fills and positions carry no account field; the UI
// must show only the account the trading.* commands act on. The execution engine prefixes its order and
// fill ids with its account ("paper-12", "binance-main-f3"; execution-engine.ts #idPrefix), and always
// sends trading.positions followed at once by its trading.account (which names the account), so both can
// be told apart here. An `account` field on those events would make this file unnecessary.
import type { Account } from '../../../../shared/trading/orders.ts';

/** The id prefix the engine of `account` gives its orders and fills. */
export function idPrefixOf(account: string): string {
  return `${account.replace(/[^A-Za-z0-9_-]/g, '-')}-`;
}

/** Whether an order or fill id is the account's; with no account known yet, everything is. */
export function isOfAccount(id: string, account: string | null): boolean {
  return account === null || id.startsWith(idPrefixOf(account));
}

/** Whether an account snapshot is the one the commands act on ("paper" means the paper account, whatever its name). */
export function isAccount(a: Pick<Account, 'mode' | 'account'>, scope: string | null): boolean {
  if (scope === null) return true;
  return scope === 'paper' ? a.mode === 'paper' : a.mode === 'live' && a.account === scope;
}
