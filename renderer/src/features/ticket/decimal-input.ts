// What a user types into a number box, as the exact decimal string the contract wants. People paste
// "46,250.5" from elsewhere or type ".5"; both are fine. Anything else is not a number, and says so.
import { dec } from '../../../../shared/trading/decimal.ts';

/** "46,250.50" → "46250.50", ".5" → "0.5", "" → null (left empty), "abc" → undefined (not a number). */
export function readDecimal(text: string): string | null | undefined {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (t === '') return null;
  const s = t.startsWith('.') ? `0${t}` : t.endsWith('.') ? t.slice(0, -1) : t;
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  try {
    dec(s);
  } catch {
    return undefined; // more than 18 decimals
  }
  return s;
}

/** A decimal string greater than zero, or null. */
export function readPositive(text: string): string | null {
  const s = readDecimal(text);
  return s && /[1-9]/.test(s) ? s : null;
}

/** An optional box: null when left empty, the decimal when greater than zero, undefined for anything else. */
export function readOptionalPositive(text: string): string | null | undefined {
  const s = readDecimal(text);
  if (s === null || s === undefined) return s;
  return /[1-9]/.test(s) ? s : undefined;
}

/** A bracket level as typed: a price ("45,100"), or a percent of the entry's fill ("2%"). */
export type BracketLevel = { price: string } | { percent: string };

/**
 * A stop-loss or take-profit box: null when left empty, a price greater than zero, a percent greater than
 * zero and below `maxPercent` written with a trailing "%", or undefined for anything else.
 */
export function readBracketLevel(text: string, maxPercent: number): BracketLevel | null | undefined {
  const t = text.trim();
  if (!t.endsWith('%')) {
    const price = readOptionalPositive(t);
    return price === null || price === undefined ? price : { price };
  }
  const percent = readPositive(t.slice(0, -1));
  return percent !== null && Number(percent) < maxPercent ? { percent } : undefined;
}
