// How the page reads a run's borrow rate and the interest its shorts paid (keel backtest --borrow-rate): a
// short borrows the coins it sells, and a margin venue charges for them, percent a year. A run that could
// short at a rate is another run than the same one borrowing for free, so its name says the rate (" · borrow
// 10%/yr"); its interest is shown beside its fees wherever a run could have paid some. Runs stored before
// rates were sent have none: they borrowed for free (0), and a long-only run never borrows.
import { MAX_BORROW_RATE_PCT } from '../../../../shared/trading/borrow-interest.ts';
import { formatMoney } from '../../lib/format.ts';
import { directionOf, type DirectionOf } from './direction-view.ts';

/** A request's borrow rate as sent or stored (absent: 0) with its direction. */
export interface BorrowOf extends DirectionOf {
  borrowRatePct?: number | undefined;
}

/** What the run form's Borrow box says in its title. */
export const BORROW_RATE_TITLE = `What a short pays on the coins it borrows, percent a year, from 0 to ${MAX_BORROW_RATE_PCT}: 5 is 5% a year, and Binance's 0.01% a day is 3.65. Charged when the short is bought back, for the time it was held (keel backtest --borrow-rate)`;

/** The yearly rate the run's shorts paid: 0 for a long-only run (it borrows nothing) and for runs stored without one. */
export function borrowRateOf(request: BorrowOf): number {
  return directionOf(request) === 'long' ? 0 : (request.borrowRatePct ?? 0);
}

/** " · borrow 10%/yr" for a run that could short at a rate, "" otherwise: a run's name, after its direction. */
export function borrowSuffix(request: BorrowOf): string {
  const tag = borrowTag(request);
  return tag ? ` · ${tag}` : '';
}

/** "borrow 10%/yr", or "" for a run whose shorts paid no borrow rate: the suffix without its separator. */
export function borrowTag(request: BorrowOf): string {
  const rate = borrowRateOf(request);
  return rate > 0 ? `borrow ${rate}%/yr` : '';
}

interface InterestRun {
  request: BorrowOf;
  metrics: Record<string, number | null> | null;
}

/** The interest a run's shorts paid (and one open at the end owes), or null where it sent none (still running, stored before). */
export function borrowInterestOf(run: InterestRun): number | null {
  const v = run.metrics?.['borrowInterest'];
  return typeof v === 'number' ? v : null;
}

/** Whether a run's interest is worth a figure: it could short, or paid some. A long-only run reads as before. */
export function showsBorrowInterest(run: InterestRun): boolean {
  return directionOf(run.request) !== 'long' || (borrowInterestOf(run) ?? 0) !== 0;
}

/**
 * Under a run's heading in its Trades tab, once it could short: "Borrow interest 12.34 at 10% a year,
 * beside 56.78 in fees", or that its shorts borrowed for free; null for a run that never could borrow.
 */
export function borrowInterestLine(run: InterestRun): string | null {
  if (!showsBorrowInterest(run)) return null;
  const rate = borrowRateOf(run.request);
  if (rate === 0) return 'Its shorts borrowed for free (0% a year): give Borrow % / year in the form to count what a margin venue charges';
  const interest = borrowInterestOf(run);
  const fees = run.metrics?.['feesPaid'];
  return `Borrow interest ${interest === null ? '–' : formatMoney(interest)} at ${rate}% a year${typeof fees === 'number' ? `, beside ${formatMoney(fees)} in fees` : ''}`;
}

/**
 * What "Trade this strategy…" adds for a run whose shorts paid a rate: a strategy does not take one, the
 * account does (the paper account's is set in the Positions tab), so the backtest's is said, not carried.
 */
export function paperBorrowNote(request: BorrowOf): string {
  const rate = borrowRateOf(request);
  return rate > 0 ? ` Its shorts borrowed at ${rate}% a year in the backtest; the paper account's own rate is set in the Positions tab.` : '';
}
