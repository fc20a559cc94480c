// How numbers and market times read on screen. Market times are UTC everywhere (the chart's
// time axis is UTC too), so the clock and the candles never disagree by a time zone.

import { enNumber } from '../../../shared/domain/en-number.ts';

/** Decimals that suit a price's size: 46,377.00 for BTC, 0.5412 for XRP, 0.00001234 for small caps. */
export function priceDecimals(price: number): number {
  const abs = Math.abs(price);
  if (abs >= 1000) return 2;
  if (abs >= 1) return 4;
  if (abs >= 0.01) return 6;
  return 8;
}

/** `value` with exactly `decimals` decimals (1,234.50); the tape, book, legend and watchlist print many a second (en-number.ts says why it is cached). */
const fixed = (value: number, decimals: number) => enNumber(value, decimals, decimals);

export function formatPrice(price: number | null): string {
  if (price === null || !Number.isFinite(price)) return '—';
  return fixed(price, priceDecimals(price));
}

/** An amount of the quote currency: 1,234.50, -3.59. */
export function formatMoney(value: number): string {
  return fixed(value, 2);
}

/** `value` with the decimals that suit `reference` (a spread or a change written like its price). */
export function formatPriceLike(value: number, reference: number): string {
  return fixed(value, priceDecimals(reference));
}

/** 2022-01-01 12:34:56 UTC */
export function formatMarketTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** 12,345 */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
