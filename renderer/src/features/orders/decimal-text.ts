// How the engine's exact amounts (decimal strings on the wire) read in the trading tables. Rounding is
// done on the decimal itself, never through a float, so 0.1 + 0.2 style noise cannot reach the screen
// and a P&L of -0.005 rounds the same way the engine's books would (halves away from zero).
import { dec, format, roundTo, SCALE_DIGITS, type Dec } from '../../../../shared/trading/decimal.ts';
import { priceDecimals } from '../../lib/format.ts';

function parse(text: string | null | undefined): Dec | null {
  if (text === null || text === undefined) return null;
  try {
    return dec(text);
  } catch {
    return null;
  }
}

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `text` rounded to exactly `decimals` places, thousands grouped: fixed('1234.5', 2) → "1,234.50". */
export function fixed(text: string | null | undefined, decimals: number): string {
  const a = parse(text);
  if (a === null) return text ?? '—';
  const places = Math.max(0, Math.min(SCALE_DIGITS, decimals));
  const rounded = roundTo(a, 10n ** BigInt(SCALE_DIGITS - places));
  const plain = format(rounded < 0n ? -rounded : rounded);
  const [whole = '0', frac = ''] = plain.split('.');
  const sign = rounded < 0n ? '-' : '';
  return places === 0 ? `${sign}${group(whole)}` : `${sign}${group(whole)}.${frac.padEnd(places, '0')}`;
}

/** Like fixed(), with a "+" on gains so a column of P&L reads at a glance. */
export function signedFixed(text: string | null | undefined, decimals: number): string {
  const out = fixed(text, decimals);
  const a = parse(text);
  return a !== null && roundTo(a, 10n ** BigInt(SCALE_DIGITS - decimals)) > 0n ? `+${out}` : out;
}

/**
 * A position's unrealized P&L: "—" while it is held with no price to value it at (after a restart, before
 * the market's first price), where the engine's 0 read as breaking even.
 */
export function unrealizedText(p: { qty: string; unrealizedPnl: string; markPrice?: string | null | undefined }): string {
  const held = parse(p.qty);
  return held !== null && held !== 0n && p.markPrice === null ? '—' : signedFixed(p.unrealizedPnl, 2);
}

/** A quantity as the engine wrote it, trailing zeros dropped, thousands grouped: "0.015", "1,200". */
export function qtyText(text: string | null | undefined): string {
  const a = parse(text);
  if (a === null) return text ?? '—';
  const plain = format(a < 0n ? -a : a);
  const [whole = '0', frac] = plain.split('.');
  return `${a < 0n ? '-' : ''}${group(whole)}${frac ? `.${frac}` : ''}`;
}

/** A price with the decimals its size suits (lib/format.ts: 2 from 1,000 up, 4 from 1, 6 below), exact. */
export function priceText(text: string | null | undefined): string {
  const a = parse(text);
  if (a === null) return text ?? '—';
  return fixed(text, priceDecimals(Number(text)));
}

/** -1, 0 or 1: which colour a P&L figure takes. */
export function signOf(text: string | null | undefined): -1 | 0 | 1 {
  const a = parse(text);
  if (a === null || a === 0n) return 0;
  return a > 0n ? 1 : -1;
}

/** The CSS class for a P&L figure: green gains, red losses, plain zero. */
export function pnlClass(text: string | null | undefined, decimals = 2): string {
  const a = parse(text);
  if (a === null) return 'pnl-flat';
  const shown = roundTo(a, 10n ** BigInt(SCALE_DIGITS - decimals));
  return shown > 0n ? 'pnl-up' : shown < 0n ? 'pnl-down' : 'pnl-flat';
}
