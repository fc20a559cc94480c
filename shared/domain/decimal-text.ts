// A number as a trader types it: decimal digits, an optional sign, point and exponent ("10", "-0.5",
// "2.5e-3"). Number() alone also takes "0x10", "0b11", "Infinity" and "" (as 0), none of which anyone
// means as a period, a fee or a capital; those are NaN here, so each caller's "is not a number" applies.
// The point and its decimals as one optional group: `\d+\.?\d*` tried every split of a long digit run
// before failing (1.7 s on 20,000 digits and a letter).
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** The number `text` (trimmed) writes in decimal notation; NaN for anything else. */
export function decimalNumber(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : Number.NaN;
}
