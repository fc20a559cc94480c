// The paper account's kind, spot or margin, switched by the trader (trading.setAccountKind): margin can go
// short, with the short's proceeds and as much again (1×) held as collateral, which strategies started
// short or long and short need. The engine refuses a switch with orders open, to spot with a short held or
// a strategy that may short running, and on a live account (the exchange's kind); the account snapshot
// says why before the trader tries (kindChangeRefusal), and the answer is the snapshot after the switch.
import type { Api } from '../../../../shared/contract/index.ts';
import type { Account } from '../../../../shared/trading/orders.ts';
import { attempt, type ActionResult } from '../orders/order-actions.ts';
import { takeAccount } from '../orders/trading-feed.ts';

export type AccountKind = Account['kind'];

export const KIND_LABELS: Readonly<Record<AccountKind, string>> = { spot: 'Spot', margin: 'Margin' };

/** The one-line hint beside the switch. */
export const KIND_HINT = 'Spot: long only · Margin: shorts allowed, 1× collateral';

/** What each kind means, for its button's tooltip. */
export const KIND_TITLES: Readonly<Record<AccountKind, string>> = {
  spot: 'Spot: holds only what it bought; sells need the coins, nothing goes short',
  margin: "Margin: shorts allowed; a short's proceeds and as much again (1×) are held as collateral. Strategies started short or long and short need it",
};

export function setAccountKind(api: Api, kind: AccountKind): Promise<ActionResult> {
  // The answer is the snapshot after the switch: as new as any event.
  return attempt(async () => takeAccount(await api.commands['trading.setAccountKind']({ kind }), 'event'));
}

/** Why `kind` cannot be chosen now, or null: the account's own word, for the kind it is not. */
export function kindUnavailable(account: Pick<Account, 'kind' | 'kindChangeRefusal'>, kind: AccountKind): string | null {
  return kind === account.kind ? null : account.kindChangeRefusal;
}
