// The margin call: a margin venue closes an account's positions when what it owns no longer covers what it
// owes by enough. Its margin level is assets over liabilities: (equity + owed) / owed, where owed is the
// shorts' buy-back value at the marks plus the interest they have run up, and equity is cash plus every
// position at its mark (the shorts negative) less that interest. A short opened with Keel's 1× collateral
// starts at 2; at LIQUIDATION_LEVEL (Binance's cross-margin level) the risk room closes every position, as
// the venue would, instead of letting the account sink below zero.

import { money, num } from './figures.ts';

/** Binance's margin liquidation level: assets 1.1 times what is owed. */
export const LIQUIDATION_LEVEL = 1.1;

/** The margin level for `equity` with `owed` on shorts; Infinity when nothing is owed. */
export function marginLevel(equity: number, owed: number): number {
  return owed > 0 ? (equity + owed) / owed : Number.POSITIVE_INFINITY;
}

/** What the risk log and the kill switch say when the level reaches the liquidation level. */
export function marginCallMessage(level: number, equity: number, owed: number, quote: string): string {
  return `margin call: the margin level fell to ${levelText(level)} (${money(equity + owed, quote)} of assets against ${money(owed, quote)} owed on shorts), at or below the liquidation level of ${LIQUIDATION_LEVEL}; every position is being closed, as a margin venue would`;
}

/** The level to two places, or as many more as it takes to show it below the liquidation level (1.099, not 1.1). */
export function levelText(level: number): string {
  for (let d = 2; d < 6; d++) if (Math.round(level * 10 ** d) / 10 ** d < LIQUIDATION_LEVEL) return num(level, d);
  return num(level, 6);
}
