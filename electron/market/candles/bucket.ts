// Which candle a moment belongs to. Timeframes open on whole multiples of their length counted from
// 00:00 UTC on 1 January 1970, except weeks, which open on Mondays (as on Binance and in the importer's
// alignment check): the epoch was a Thursday, so weeks count from Monday 5 January 1970.
import { timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';

/** Monday 1970-01-05 00:00 UTC. */
export const WEEK_ORIGIN_MS = 4 * 86_400_000;

/** Where this timeframe's candles are counted from. */
export function bucketOrigin(timeframe: Timeframe): number {
  return timeframe === '1w' ? WEEK_ORIGIN_MS : 0;
}

/** The open time of the `timeframe` candle that contains `t` (epoch ms). */
export function bucketStart(t: number, timeframe: Timeframe): number {
  const step = timeframeMs(timeframe);
  const origin = bucketOrigin(timeframe);
  return Math.floor((t - origin) / step) * step + origin;
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
