// What borrowing a coin to short it costs: simple interest on the value borrowed, by the time it was held,
// at a yearly rate (percent a year; Binance's margin pages print the daily rate, which is the yearly one
// over 365). Exact: the rate and the value are decimals, the time whole milliseconds, and the result is
// rounded up to 1e-8 of the quote asset as a fee is: a venue never charges less than it is owed.
import { ceilTo, dec, decFromNumber, mul, type Dec } from './decimal.ts';

export const YEAR_MS = 365 * 86_400_000;
const YEAR_MS_N = BigInt(YEAR_MS);
/** 1e-8 of the quote asset: the finest amount a venue books. */
const INTEREST_STEP = 10n ** 10n;
const HUNDRED = dec('100');

/** The highest yearly rate Keel accepts: beyond it the number is a typo (a daily rate as a yearly one is ~365× too small, never too large). */
export const MAX_BORROW_RATE_PCT = 1000;

/** What a valid borrow rate is, for the messages that refuse one. */
export const BORROW_RATE_VALID = `what a short pays on what it borrowed, percent a year from 0 to ${MAX_BORROW_RATE_PCT} (5 is 5% a year, 0.01% a day is 3.65)`;

/** A yearly percentage (5 = 5 % a year) as the exact fraction interest is worked out with. */
export function borrowRateFraction(ratePct: Dec): Dec {
  return (ratePct * 10n ** 18n) / HUNDRED;
}

/**
 * The interest on `value` (quote asset) borrowed for `ms` at `rate` (a yearly fraction, borrowRateFraction's),
 * plus `earlier`: what the loan ran up at rates the account had before (rateTimesMs of each, summed), so a
 * rate change counts from when it was made and never reaches back over the time before it.
 */
export function borrowInterest(value: Dec, rate: Dec, ms: number, earlier: bigint = 0n): Dec {
  if (value <= 0n) return 0n;
  const now = rate > 0n && ms > 0 ? mul(value, rate) * BigInt(Math.round(ms)) : 0n;
  const owed = earlier > 0n ? now + mul(value, earlier) : now;
  return owed === 0n ? 0n : ceilTo(owed / YEAR_MS_N, INTEREST_STEP);
}

/** A rate held for `ms`: what borrowInterest's `earlier` sums when the rate changes under an open short. */
export function rateTimesMs(rate: Dec, ms: number): bigint {
  return rate > 0n && ms > 0 ? rate * BigInt(Math.round(ms)) : 0n;
}

/**
 * A borrow rate as the trader typed it (percent a year), checked: a number from 0 to MAX_BORROW_RATE_PCT.
 * Throws a RangeError saying what is wrong and what is valid.
 */
export function parseBorrowRatePct(value: number | string, what = 'the borrow rate'): Dec {
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (typeof value === 'string' && value.trim() === '') throw new RangeError(`${what} is empty; give percent a year, from 0 to ${MAX_BORROW_RATE_PCT} (5 is 5% a year)`);
  if (!Number.isFinite(n) || n < 0 || n > MAX_BORROW_RATE_PCT) {
    throw new RangeError(`${what} ${JSON.stringify(value)} is not a rate Keel takes; give percent a year, from 0 to ${MAX_BORROW_RATE_PCT} (5 is 5% a year, 0.01% a day is 3.65)`);
  }
  return decFromNumber(n);
}
