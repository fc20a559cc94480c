// The paper account's kind, spot or margin, switched by the trader (trading.setAccountKind): margin can go
// short, with the short's proceeds and as much again (1×) held as collateral, which strategies started
// short or long and short need. The engine refuses a switch with orders open, to spot with a short held or
// a strategy that may short running, and on a live account (the exchange's kind); the account snapshot
// says why before the trader tries (kindChangeRefusal), and the answer is the snapshot after the switch.
// A margin account's shorts pay interest on the coins they borrow: the paper account's yearly rate is the
// trader's to set (trading.setBorrowRate, refused on a live account, whose rates are the exchange's).
import type { Api } from '../../../../shared/contract/index.ts';
import { KeelError } from '../../../../shared/contract/errors.ts';
import { parseBorrowRatePct } from '../../../../shared/trading/borrow-interest.ts';
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

/**
 * The borrow rate typed in the Positions tab as the number the command takes: percent a year, 0 to the
 * most Keel takes. A mistake is refused here as the engine would (invalid_request), saying what is valid.
 */
export function borrowRateFromText(text: string): number {
  try {
    parseBorrowRatePct(text);
  } catch (err) {
    throw new KeelError('invalid_request', err instanceof Error ? err.message : String(err));
  }
  return Number(text.trim());
}

/** Sets the paper account's borrow rate from the text typed; the answer is the snapshot with the new rate. */
export function setBorrowRate(api: Api, text: string): Promise<ActionResult> {
  return attempt(async () => takeAccount(await api.commands['trading.setBorrowRate']({ ratePct: borrowRateFromText(text) }), 'event'));
}
