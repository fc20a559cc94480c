// The bars a run's indicators read before its range (its lead-in, electron/backtest/lead-in.ts) as its
// price charts draw them: the app's (renderer/src/features/backtest/lead-in-view.ts) and the HTML report's
// (electron/backtest/lead-in-chart.ts). One place for which of them are drawn, for the line naming them and
// for the words the report's header and the app's run page count them in, so the app and the report say the same.
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

/** A portfolio market's lead-in: the bars its own history had before the range for its indicators. */
export interface MarketLeadIn {
  symbol: string;
  /** Absent in app runs stored before each market's was sent. */
  leadIn?: number | undefined;
}

/**
 * What a run's indicators read before its range, in words, one way for the HTML report's header (and so
 * `keel backtest --html`) and the app's run page: "the indicators read the 29 bars before the range first".
 * A portfolio's markets each read their own, as far as each one's data goes back, so its words name them
 * ("…first: 29 on BTC/USDT, 12 on ETH/USDT", or "…first on each market" when alike) where both once gave the
 * largest market's count as the run's; a portfolio stored before its markets' counts were kept names that
 * largest one as such. Null when the run read none.
 */
export function leadInWords(run: { leadIn?: number | undefined; markets?: readonly MarketLeadIn[] | undefined }): string | null {
  const bars = (n: number) => (n === 1 ? 'the bar' : `the ${count(n)} bars`);
  const markets = run.markets ?? [];
  const most = run.leadIn ?? 0;
  if (markets.length < 2) return most > 0 ? `the indicators read ${bars(most)} before the range first` : null;
  const each = markets.map((m) => m.leadIn);
  if (each.some((n) => n === undefined)) return most > 0 ? `the indicators read up to ${bars(most)} before the range first (the most any of its markets read)` : null;
  const counts = each as number[];
  if (counts.every((n) => n === 0)) return null;
  if (counts.every((n) => n === counts[0])) return `the indicators read ${bars(counts[0]!)} before the range first on each market`;
  return `the indicators read the bars before the range first: ${markets.map((m, i) => `${counts[i] === 0 ? 'none' : count(counts[i]!)} on ${m.symbol}`).join(', ')}`;
}
