// Which candle a moment belongs to. Where each timeframe's candles open, and which timeframes nest in
// which, live in shared/ (the backtest form offers the timeframes a series rolls up into); the engine's
// code reads them from here beside bucketStart.
import { timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { bucketOrigin } from '../../../shared/domain/timeframe-nesting.ts';

export { bucketOrigin, nests, WEEK_ORIGIN_MS } from '../../../shared/domain/timeframe-nesting.ts';

/** The open time of the `timeframe` candle that contains `t` (epoch ms). */
export function bucketStart(t: number, timeframe: Timeframe): number {
  const step = timeframeMs(timeframe);
  const origin = bucketOrigin(timeframe);
  return Math.floor((t - origin) / step) * step + origin;
}
