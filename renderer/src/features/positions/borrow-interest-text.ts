// How the dock words the borrow interest margin shorts pay (the engine's decimal strings): what the account
// paid on shorts bought back and what the open ones owe so far, in the account line when either is not
// zero, and a position's in its P&L's and fees' tooltips. Interest starts small (cents a day on a small
// short), so an amount under a cent is written in full rather than as 0.00.
import { dec } from '../../../../shared/trading/decimal.ts';
import type { Account, Position } from '../../../../shared/trading/orders.ts';
import { fixed, qtyText, signOf } from '../orders/decimal-text.ts';

const CENT = dec('0.01');

const nonZero = (text: string | undefined): text is string => text !== undefined && signOf(text) !== 0;

/** "12.35", or "0.00057" under a cent. */
export function interestText(text: string): string {
  const a = dec(text);
  return (a < 0n ? -a : a) < CENT ? qtyText(text) : fixed(text, 2);
}

/** The account line's interest: "1.23 paid · 0.45 owed" (the parts that are not zero), or null when both are. */
export function accountInterest(account: Pick<Account, 'interestPaid' | 'interestOwed' | 'borrowRatePct' | 'quoteAsset'>): { text: string; title: string } | null {
  const paid = nonZero(account.interestPaid);
  const owed = nonZero(account.interestOwed);
  if (!paid && !owed) return null;
  const parts = [paid && `${interestText(account.interestPaid)} paid`, owed && `${interestText(account.interestOwed)} owed`].filter((p): p is string => typeof p === 'string');
  const q = account.quoteAsset;
  return {
    text: parts.join(' · '),
    title: `Borrow interest at ${account.borrowRatePct}% a year: ${interestText(account.interestPaid)} ${q} paid by shorts bought back, ${interestText(account.interestOwed)} ${q} owed by the open ones so far (paid when bought back; already out of the equity)`,
  };
}

/** A short's P&L tooltip: what it owes so far (paid when bought back), or undefined when it owes nothing. */
export function owedTitle(p: Pick<Position, 'interestOwed'>, quote: string): string | undefined {
  return nonZero(p.interestOwed) ? `Unrealized P&L; the short owes ${interestText(p.interestOwed)} ${quote} of borrow interest so far, paid when it is bought back` : undefined;
}

/** A position's fees tooltip: the borrow interest its shorts paid besides, or undefined when none. */
export function paidTitle(p: Pick<Position, 'interestPaid'>, quote: string): string | undefined {
  return nonZero(p.interestPaid) ? `Fees; besides them, its shorts paid ${interestText(p.interestPaid)} ${quote} of borrow interest when bought back` : undefined;
}
