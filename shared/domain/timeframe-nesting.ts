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
