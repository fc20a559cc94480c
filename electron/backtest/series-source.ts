// Where a backtest's series comes from in the journal: the stored series itself, or, when that timeframe
// is not stored, a shorter one of the same market that nests in it (1m for 1h), rolled up on the way
// (market/candles/resample.ts), as Jesse builds its longer timeframes from 1m candles and `keel export`
// writes them. A trader who imported a year of 1m candles can then test on 15m, 1h or 4h without importing
// each. Of several that nest, the longest is read (5m rather than 1m for 1h): fewer rows, the same bars.
import { seriesLabel, type SeriesKey } from '../../shared/domain/candle.ts';
import { timeframeMs, type Timeframe } from '../../shared/domain/timeframe.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { nests } from '../market/candles/bucket.ts';

export interface SeriesSource {
  /** The stored series read. */
  stored: SeriesKey;
  /** Its timeframe when it is rolled up into the one asked for; null when the series itself is stored. */
  resampledFrom: Timeframe | null;
}

/** The stored series a run of `key` reads; null when neither it nor a shorter one that nests in it is stored. */
export function seriesSource(store: CandleStore, key: SeriesKey): SeriesSource | null {
  if (store.count(key) > 0) return { stored: key, resampledFrom: null };
  const finer = store.listSeries().filter((s) => s.exchange === key.exchange && s.symbol === key.symbol && s.timeframe !== key.timeframe && nests(s.timeframe, key.timeframe));
  if (finer.length === 0) return null;
  const best = finer.reduce((a, b) => (timeframeMs(b.timeframe) > timeframeMs(a.timeframe) ? b : a));
  return { stored: { ...key, timeframe: best.timeframe }, resampledFrom: best.timeframe };
}

/** "local:BTC/USDT:1h (resampled from 1m)": the series a run read, as its report and refusals name it. */
export function sourceLabel(key: SeriesKey, source: SeriesSource): string {
  return source.resampledFrom === null ? seriesLabel(key) : `${seriesLabel(key)} (resampled from ${source.resampledFrom})`;
}
