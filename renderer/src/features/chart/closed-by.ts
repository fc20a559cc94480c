// Which stored candles a replay has already played: those that closed at or before its clock.
// Loading history with `to: clock - 1` alone would also return the candle being formed, fully formed,
// showing its high, low and close before the replay reached them.
import type { Candle } from '../../../../shared/domain/candle.ts';

export function closedBy(candles: Candle[], clock: number, timeframeMs: number): Candle[] {
  let end = candles.length;
  while (end > 0 && candles[end - 1]!.t + timeframeMs > clock) end--;
  return end === candles.length ? candles : candles.slice(0, end);
}
