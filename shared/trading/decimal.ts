// Exact decimal amounts for money and quantities: a bigint count of 10^-18 units ("atoms").
// Every price an exchange quotes (≤ 8-10 decimals) times every quantity (≤ 8 decimals) is exact at this
// scale, so balances, fills and fees add up to the last unit. Amounts cross the bridge as decimal strings.

export type Dec = bigint;

export const SCALE_DIGITS = 18;
export const ONE: Dec = 10n ** 18n;
export const ZERO: Dec = 0n;

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** 10^0 .. 10^18 as bigints: scaling a parsed integer to atoms is one multiplication. */
const POW10: readonly bigint[] = Array.from({ length: SCALE_DIGITS + 1 }, (_, i) => 10n ** BigInt(i));
/** 10^0 .. 10^22: every one is an exact double. */
const POW10_F: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Digits a double holds exactly as an integer (10^15 < 2^53). */
const SAFE_DIGITS = 15;

/**
 * "42", "0.015", "-1.5" with at most 30 digits and 18 decimals, parsed by hand in two exact integer
 * chunks of 15 digits: the atoms, or null for anything else (signs other than a leading "-", spaces,
 * more digits, no digit on either side of the point), which the general parser takes. The same value
 * the general parser gives.
 */
function decPlain(text: string): Dec | null {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const start = i;
  if (n - start === 0 || n - start > 2 * SAFE_DIGITS + 1) return null;
  let hi = 0;
  let lo = 0;
  let loDigits = 0;
  let digits = 0;
  let point = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      if (digits < SAFE_DIGITS) hi = hi * 10 + c;
      else {
        lo = lo * 10 + c;
        loDigits++;
      }
      digits++;
    } else if (c === -2 && point === -1 && i > start && i < n - 1) point = i;
    else return null;
  }
  const decimals = point === -1 ? 0 : n - point - 1;
  if (decimals > SCALE_DIGITS || digits > 2 * SAFE_DIGITS) return null;
  const whole = loDigits === 0 ? BigInt(hi) : BigInt(hi) * POW10[loDigits]! + BigInt(lo);
  const atoms = whole * POW10[SCALE_DIGITS - decimals]!;
  return start === 1 ? -atoms : atoms;
}

/** Parses "123.45", "-0.001" or "42" exactly; throws a RangeError that says what a valid amount is. */
export function dec(text: string): Dec {
  const plain = decPlain(text);
  if (plain !== null) return plain;
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
  if (Number.isSafeInteger(value)) return remember(value, BigInt(value) * ONE);
  const short = fewDecimals(value);
  if (short !== null) return remember(value, short);
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

/**
 * A float with few decimals (a price such as 46216.93, a quantity such as 0.015) without printing it:
 * the smallest k for which some integer m has m / 10^k === value. While |value × 10^k| < 2^50, the
 * nearest integer to the product is the only candidate at each k (any other integer is more than
 * 1/4 away, beyond the half-ulp a round trip allows), so the first k that round-trips gives the shortest
 * decimal that reads back as the value, which is what toString() prints: the same digits, exactly.
 * Null when the value needs more digits than that; the caller then prints it.
 */
function fewDecimals(value: number): Dec | null {
  for (let k = 1; k <= SAFE_DIGITS; k++) {
    const p = POW10_F[k]!;
    const scaled = value * p;
    if (!(scaled < 2 ** 50 && scaled > -(2 ** 50))) return null;
    const m = Math.round(scaled);
    if (m / p === value) return BigInt(m) * POW10[SCALE_DIGITS - k]!;
  }
  return null;
}

/** Decimal text cut to at most SCALE_DIGITS decimals. */
function truncateDigits(text: string): string {
  const dot = text.indexOf('.');
  return dot !== -1 && text.length - dot - 1 > SCALE_DIGITS ? text.slice(0, dot + SCALE_DIGITS + 1) : text;
}

/**
 * The last two amounts decFromNumber made exactly (a safe integer, or a float's shortest decimal) and the
 * floats they came from: exactNumber of such an amount is that float (the shortest decimal of a float
 * reads back as it), so a price that became an amount and is asked for as a float again (a backtest's
 * fill at a bar's open) costs no bigint division. Two, because one other conversion may come between.
 */
const madeFrom = [Number.NaN, Number.NaN];
const made: Dec[] = [-1n, -1n];
let madeNext = 0;

function remember(value: number, amount: Dec): Dec {
  madeFrom[madeNext] = value;
  made[madeNext] = amount;
  madeNext ^= 1;
  return amount;
}

/**
 * The float nearest to an exact amount: the same number as parsing its printed decimal (what the journal
 * and the UI show), by letting the number parser round "<atoms>e-18" once. toNumber() divides, which can
 * land one float away.
 */
export function exactNumber(a: Dec): number {
  if (a === 0n) return 0;
  if (a === made[0]) return madeFrom[0]!;
  if (a === made[1]) return madeFrom[1]!;
  // Amounts with at most 8 decimals (fees always; prices and quantities mostly): a = q × 10^10 with q a
  // safe integer, and q / 1e8 is one correctly rounded division of two exact doubles, the same float.
  const q = a / E10;
  if (q * E10 === a && q <= MAX_SAFE && q >= -MAX_SAFE) return Number(q) / 1e8;
  return Number(`${a}e-18`);
}

const E10 = 10n ** 10n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The amount as a float, for charts, marks and ratios (never for balances). */
export function toNumber(a: Dec): number {
  return Number(a) / 1e18;
}

/** Plain decimal text without trailing zeros: 1.5, 0.001, -42. */
export function format(a: Dec): string {
  if (a === 0n) return '0';
  const negative = a < 0n;
  // The atoms' digits once, the point put in by position: no bigint division.
  const digits = (negative ? -a : a).toString();
  const n = digits.length;
  let end = n;
  const fracStart = n > SCALE_DIGITS ? n - SCALE_DIGITS : 0;
  while (end > fracStart && digits.charCodeAt(end - 1) === 48) end--;
  let text: string;
  if (n > SCALE_DIGITS) text = end > fracStart ? `${digits.slice(0, fracStart)}.${digits.slice(fracStart, end)}` : digits.slice(0, fracStart);
  else text = `0.${'0'.repeat(SCALE_DIGITS - n)}${digits.slice(0, end)}`;
  return negative ? `-${text}` : text;
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

/**
 * floorTo(decFromNumber(value), step), exactly, without printing the float when it is clearly inside a
 * step (sizing an order from a float budget). y = value / step in floats is within y × 2^-51 of the exact
 * quotient of the printed decimal (the printed form is within half an ulp of the value, the float step
 * within an ulp of the exact one, and the division rounds once; cutting the decimal at 10^-18 moves no
 * whole number of steps), so while y < 2^30 (an error below 2^-21) and its fraction is more than 2^-19
 * from a whole number, floor(y) is the number of steps. Else, and for values that are not above 0, it prints.
 */
export function floorToFromNumber(value: number, step: Dec): Dec {
  if (value > 0 && step > 0n) {
    const y = value / toNumber(step);
    if (y < 2 ** 30) {
      const whole = Math.floor(y);
      const frac = y - whole;
      if (frac > 2 ** -19 && frac < 1 - 2 ** -19) return BigInt(whole) * step;
    }
  }
  return floorTo(decFromNumber(value), step);
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
