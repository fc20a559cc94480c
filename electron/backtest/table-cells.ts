// The cells the breakdown tables (Exits, Sides, Entries by tag) write their figures in, one way for all:
// a percent with two decimals, money with thousands separators, a profit factor (∞ without a loss), and
// "–" for a figure there is none of.
// The figures themselves read as the app's tables write them (figure-text.ts).
import { moneyText, pctText, profitFactorText } from '../../shared/backtest/figure-text.ts';
import { enNumber } from '../../shared/domain/en-number.ts';

export const pctCell = (v: number): string => pctText(v);
export const moneyCell = (v: number): string => moneyText(v);
export const factorCell = (v: number): string => profitFactorText(v);

/**
 * A price with the decimals its size needs, as the app's trade list writes it (priceDecimals in
 * renderer/src/lib/format.ts): 46,377.00 for BTC, 125.1400 for ETH, 0.00152300 for XRP/ETH, whose
 * prices two decimals would print as 0.00.
 */
export function priceCell(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const abs = Math.abs(v);
  const d = abs >= 1000 ? 2 : abs >= 1 ? 4 : abs >= 0.01 ? 6 : 8;
  return enNumber(v, d, d);
}
