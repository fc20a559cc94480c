// Fast number formatting for views that print many numbers a second (tape, book, legend, watchlist).
// Number.prototype.toLocaleString with options builds a new Intl.NumberFormat on every call, which
// costs tens of microseconds; one cached formatter per decimal count costs almost nothing.
import { priceDecimals } from './format.ts';

const formatters = new Map<number, Intl.NumberFormat>();

/** The en-US formatter with exactly `decimals` decimals (1,234.50). */
export function fixedFormatter(decimals: number): Intl.NumberFormat {
  let f = formatters.get(decimals);
  if (!f) formatters.set(decimals, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f;
}

/** Like lib/format.ts formatPrice (the same text), without its cost. */
export function fastPrice(price: number | null): string {
  if (price === null || !Number.isFinite(price)) return '—';
  return fixedFormatter(priceDecimals(price)).format(price);
}

/** `value` with the decimals that suit `reference` (a spread or a change written like its price). */
export function fastPriceLike(value: number, reference: number): string {
  return fixedFormatter(priceDecimals(reference)).format(value);
}
