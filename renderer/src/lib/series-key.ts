// Series keys as the UI handles them: compared by value, and written the way the selector shows them.
import type { SeriesKey } from '../../../shared/domain/candle.ts';

export function sameSeries(a: SeriesKey | null, b: SeriesKey | null): boolean {
  if (a === null || b === null) return a === b;
  return a.exchange === b.exchange && a.symbol === b.symbol && a.timeframe === b.timeframe;
}

/** The key part of a SeriesInfo (which also carries counts and bounds). */
export function keyOf(s: SeriesKey): SeriesKey {
  return { exchange: s.exchange, symbol: s.symbol, timeframe: s.timeframe };
}

/** A stable string for <option value> and map keys. */
export function seriesId(s: SeriesKey): string {
  return `${s.exchange}|${s.symbol}|${s.timeframe}`;
}
