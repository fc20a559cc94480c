// Exact decimal amounts for money and quantities: a bigint count of 10^-18 units ("atoms").
// Every price an exchange quotes (≤ 8-10 decimals) times every quantity (≤ 8 decimals) is exact at this
// scale, so balances, fills and fees add up to the last unit. Amounts cross the bridge as decimal strings.

export type Dec = bigint;

export const SCALE_DIGITS = 18;
export const ONE: Dec = 10n ** 18n;
export const ZERO: Dec = 0n;

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses "123.45", "-0.001" or "42" exactly; throws a RangeError that says what a valid amount is. */
export function dec(text: string): Dec {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a decimal number; write it like 0.015 or 42`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > SCALE_DIGITS) {
    const extra = frac.slice(SCALE_DIGITS);
    if (/[1-9]/.test(extra)) throw new RangeError(`"${text}" has more than ${SCALE_DIGITS} decimal places`);
  }
  const atoms = BigInt(whole!) * ONE + BigInt((frac.slice(0, SCALE_DIGITS) || '0').padEnd(SCALE_DIGITS, '0'));
  return sign === '-' ? -atoms : atoms;
}

/**
 * The exact decimal a float prints as (its shortest round-trip form): 46216.93 → 46216.93, not the
 * binary expansion. Candle prices arrive as floats; this is how they become exact amounts.
 * Digits past 10^-18 (tiny or long floats such as 0.0000012345678901234567) are cut off, toward zero.
 */
export function decFromNumber(value: number): Dec {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const s = value.toString();
  if (!s.includes('e')) return dec(truncateDigits(s));
  // 1e-7 and 1.5e+21: expand the exponent by hand.
  const [mant, expText] = s.split('e') as [string, string];
  const exp = Number(expText);
  const negative = mant.startsWith('-');
  const digits = mant.replace('-', '');
  const [w, f = ''] = digits.split('.') as [string, string?];
  const all = w + f;
  const point = w.length + exp;
  const text = point <= 0 ? '0.' + '0'.repeat(-point) + all : point >= all.length ? all + '0'.repeat(point - all.length) : all.slice(0, point) + '.' + all.slice(point);
  const atoms = dec(truncateDigits(text));
  return negative ? -atoms : atoms;
}

/** Decimal text cut to at most SCALE_DIGITS decimals. */
function truncateDigits(text: string): string {
  const dot = text.indexOf('.');
  return dot !== -1 && text.length - dot - 1 > SCALE_DIGITS ? text.slice(0, dot + SCALE_DIGITS + 1) : text;
}

/** The amount as a float, for charts, marks and ratios (never for balances). */
export function toNumber(a: Dec): number {
  return Number(a) / 1e18;
}

/** Plain decimal text without trailing zeros: 1.5, 0.001, -42. */
export function format(a: Dec): string {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const whole = abs / ONE;
  let frac = (abs % ONE).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  frac = frac ? '.' + frac : '';
  return (negative ? '-' : '') + whole.toString() + frac;
}

/** a × b, both amounts; the result is rounded toward zero at 10^-18 (exact for exchange-sized operands). */
export function mul(a: Dec, b: Dec): Dec {
  return (a * b) / ONE;
}

/** a ÷ b rounded toward zero; throws on division by zero. */
export function div(a: Dec, b: Dec): Dec {
  if (b === 0n) throw new RangeError('division by zero');
  return (a * ONE) / b;
}

export function abs(a: Dec): Dec {
  return a < 0n ? -a : a;
}

export function min(a: Dec, b: Dec): Dec {
  return a < b ? a : b;
}

export function max(a: Dec, b: Dec): Dec {
  return a > b ? a : b;
}

/** Rounds down to a whole multiple of `step` (toward zero): quantities to the lot size. */
export function floorTo(a: Dec, step: Dec): Dec {
  if (step <= 0n) throw new RangeError('step must be greater than 0');
  return a - (a % step);
}

/** Rounds up (away from zero) to a multiple of `step`: fees charged never under-count. */
export function ceilTo(a: Dec, step: Dec): Dec {
  if (step <= 0n) throw new RangeError('step must be greater than 0');
  const r = a % step;
  if (r === 0n) return a;
  return a > 0n ? a - r + step : a - r;
}

/** Rounds to the nearest multiple of `step`, halves away from zero: prices to the tick size. */
export function roundTo(a: Dec, step: Dec): Dec {
  if (step <= 0n) throw new RangeError('step must be greater than 0');
  const r = a % step;
  if (r === 0n) return a;
  const twice = (r < 0n ? -r : r) * 2n;
  if (a > 0n) return twice >= step ? a - r + step : a - r;
  return twice >= step ? a - r - step : a - r;
}

export function isMultipleOf(a: Dec, step: Dec): boolean {
  return step > 0n && a % step === 0n;
}
