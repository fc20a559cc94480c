// The bars a run's indicators read before its range (its lead-in, electron/backtest/lead-in.ts) as its
// price charts draw them: the app's (renderer/src/features/backtest/lead-in-view.ts) and the HTML report's
// (electron/backtest/lead-in-chart.ts). One place for which of them are drawn and for the line naming them,
// so the app and the report say the same.
import { enNumber } from '../domain/en-number.ts';

const count = (n: number) => enNumber(n, 0, 0);

/**
 * The price line's points the lead-in takes at most: a tenth of the line's. lightweight-charts spaces points
 * by index, so 39 bars at full resolution beside a line thinned from 17,520 are wide enough to see, and a
 * warm-up of 70,000 1m bars (a daily average on minutes) does not crowd out the run.
 */
export const leadInPoints = (pricePoints: number) => Math.max(1, Math.floor(pricePoints / 10));

/** The indices of `n` lead-in bars drawn: at most `max`, evenly spaced, the last (next to the range) always one. */
export function leadInPicks(n: number, max: number): number[] {
  if (n <= 0) return [];
  const step = Math.ceil(n / Math.max(1, max));
  const out: number[] = [];
  for (let i = (n - 1) % step; i < n; i += step) out.push(i);
  return out;
}

/** The line under a price chart naming the shaded bars: `bars` the run read before its range, `drawn` of them drawn. */
export function leadInCaption(bars: number, drawn: number): string {
  const what = bars === 1 ? 'the bar' : `the ${count(bars)} bars`;
  const thinned = drawn < bars ? ` (${count(drawn)} points of them drawn)` : '';
  return `Shaded, in grey: ${what} before the range its indicators read first${thinned}; the run trades from the range's first bar.`;
}
