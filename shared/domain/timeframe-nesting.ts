// Where each timeframe's candles open, and which shorter timeframes fit whole into a longer one: what a
// series can be rolled up into (the engine's resampling, the backtest form's timeframe choice). Timeframes
// open on whole multiples of their length counted from 00:00 UTC on 1 January 1970, except weeks, which
// open on Mondays (as on Binance and in the importer's alignment check): the epoch was a Thursday, so weeks
// count from Monday 5 January 1970.
import { TIMEFRAME_NAMES, timeframeMs, type Timeframe } from './timeframe.ts';

/** Monday 1970-01-05 00:00 UTC. */
export const WEEK_ORIGIN_MS = 4 * 86_400_000;

/** Where this timeframe's candles are counted from. */
export function bucketOrigin(timeframe: Timeframe): number {
  return timeframe === '1w' ? WEEK_ORIGIN_MS : 0;
}

/**
 * Whether candles of `from` fit whole into candles of `to`: `to` is a multiple of `from` and every `to`
 * boundary is a `from` boundary (1m into 1w yes; 3d into 1w no).
 */
export function nests(from: Timeframe, to: Timeframe): boolean {
  const f = timeframeMs(from);
  const t = timeframeMs(to);
  return t >= f && t % f === 0 && (bucketOrigin(to) - bucketOrigin(from)) % f === 0;
}

/** The longer timeframes candles of `tf` roll up into, shortest first. */
export function longerTimeframes(tf: Timeframe): Timeframe[] {
  return TIMEFRAME_NAMES.filter((t) => t !== tf && nests(tf, t));
}

/**
 * Why candles of `from` do not make `to` bars, and which they do make: "6h is not a whole number of 4h
 * candles; 4h candles make 8h, 12h, 1d, 3d". Said where a --timeframe cannot be rolled up from the candles
 * at hand, so the trader is not left hunting for a broken line.
 */
export function notMadeText(from: Timeframe, to: Timeframe): string {
  const f = timeframeMs(from);
  const t = timeframeMs(to);
  const why = t < f ? `${to} is shorter than ${from}` : t % f !== 0 ? `${to} is not a whole number of ${from} candles` : `a ${to} bar does not start where a ${from} candle does`;
  const longer = longerTimeframes(from);
  return `${why}; ${from} candles make ${longer.length > 0 ? longer.join(', ') : 'no longer timeframe'}`;
}

/**
 * The part of a "no such series" refusal about the market's shorter series that do not make `to` (4h stored,
 * 6h asked): "; the stored binance:BTC/USDT:4h candles do not make 6h bars (6h is not a whole number of 4h
 * candles; …)". Empty when the market has no shorter series: "nor of a shorter timeframe" says it then.
 */
export function shorterStoredText(stored: readonly { exchange: string; symbol: string; timeframe: Timeframe }[], want: { exchange?: string | undefined; symbol: string; timeframe: Timeframe }): string {
  const shorter = stored.filter((s) => s.symbol === want.symbol && (want.exchange === undefined || s.exchange === want.exchange) && timeframeMs(s.timeframe) < timeframeMs(want.timeframe));
  const first = shorter[0];
  if (first === undefined) return '';
  const labels = shorter.map((s) => `${s.exchange}:${s.symbol}:${s.timeframe}`).join(', ');
  return `; the stored ${labels} candles do not make ${want.timeframe} bars (${notMadeText(first.timeframe, want.timeframe)})`;
}
