// How numbers and market times read on screen. Market times are UTC everywhere (the chart's
// time axis is UTC too), so the clock and the candles never disagree by a time zone.

/** Decimals that suit a price's size: 46,377.00 for BTC, 0.5412 for XRP, 0.00001234 for small caps. */
export function priceDecimals(price: number): number {
  const abs = Math.abs(price);
  if (abs >= 1000) return 2;
  if (abs >= 1) return 4;
  if (abs >= 0.01) return 6;
  return 8;
}

export function formatPrice(price: number | null): string {
  if (price === null || !Number.isFinite(price)) return '—';
  const d = priceDecimals(price);
  return price.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
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
