// Numbers out of a line of text without cutting the line into strings first. Plain decimals
// ("23140.48", "0.881378", "1677628800000") are read digit by digit; anything else (a sign, an
// exponent, spaces, more than 15 significant digits) goes to Number() on the cut text, once that text
// is known to be a decimal: Number() alone reads "0x64" as 100, "0b1" as 1 and "0o7" as 7.

// Exact powers of ten: every one up to 1e22 is a double without rounding.
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
// Integers below this are exact doubles, and so is every step of m * 10 + d on the way to them.
const MAX_EXACT = 2 ** 53;

/**
 * The number written in s[start, end), exactly what Number(s.slice(start, end)) gives, or NaN when the
 * text is not a finite decimal or is blank ("" and "  " are not 0 here, "Infinity" and "0x64" are not prices).
 *
 * Why the fast path gives the same double: with at most 2^53 as the digits' integer m and k ≤ 22
 * digits after the point, m and 10^k are both exact doubles, and IEEE division rounds m / 10^k
 * correctly, which is what Number() does with the text (Clinger's fast path).
 */
export function decimalAt(s: string, start: number, end: number): number {
  let m = 0;
  let digits = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (d === -2 /* . */ && point < 0) {
      point = i;
    } else {
      return slowNumber(s.slice(start, end));
    }
  }
  if (digits === 0 || m >= MAX_EXACT) return slowNumber(s.slice(start, end));
  if (point < 0) return m;
  const k = end - point - 1;
  return k <= 22 ? m / POW10[k]! : slowNumber(s.slice(start, end));
}

/**
 * A decimal: a sign, digits with a point, an exponent, blanks around. Each part can match in one way only,
 * so a cell of 100,000 digits and an `x` is refused in one pass (`\d+\.?\d*` took minutes backtracking).
 */
const DECIMAL = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Number() of a decimal (see DECIMAL); NaN for anything else, and when not finite. */
export function slowNumber(text: string): number {
  if (!DECIMAL.test(text)) return NaN;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

/** Whether s[start, end) is digits only (at least one): an epoch time written as an integer. */
export function allDigits(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}
