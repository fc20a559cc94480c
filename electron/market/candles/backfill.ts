// Fills a stored series' gaps from a market source's history (in practice the live exchange): each gap is
// fetched and upserted, so running it again, or over a range that is already whole, changes nothing.
// Candles the exchange does not have either (a real outage) stay missing and are reported as such.
import type { SeriesKey } from '../../../shared/domain/candle.ts';
import { timeframeMs } from '../../../shared/domain/timeframe.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import type { MarketSource } from '../market-source.ts';
import { findSeriesGaps, type Gap, type GapRange } from './gaps.ts';

/** The most candles one history call asks for (the live source's own ceiling is 20,000). */
const CHUNK = 5_000;

export interface BackfillResult {
  /** The gaps before the backfill. */
  found: Gap[];
  /** Candles the source returned and were upserted. */
  written: number;
  /** The gaps after: what the source could not fill. */
  remaining: Gap[];
}

export interface BackfillOptions extends GapRange {
  /** Stop after this many candles (default 100,000): a year of 1m gaps is a job for `keel import`. */
  maxCandles?: number;
}

export async function backfillGaps(store: CandleStore, source: MarketSource, key: SeriesKey, options: BackfillOptions = {}): Promise<BackfillResult> {
  const range: GapRange = { from: options.from, to: options.to };
  const found = findSeriesGaps(store, key, range);
  const step = timeframeMs(key.timeframe);
  const max = options.maxCandles ?? 100_000;
  let written = 0;
  for (const g of found) {
    for (let from = g.from; from <= g.to && written < max; from += CHUNK * step) {
      const to = Math.min(g.to, from + (CHUNK - 1) * step);
      const limit = Math.min((to - from) / step + 1, max - written);
      const candles = await source.history({ symbol: key.symbol, timeframe: key.timeframe, from, to, limit });
      // Only what was asked for: a source that answers more must not overwrite candles outside the gap.
      const inGap = candles.filter((c) => c.t >= from && c.t <= to);
      if (inGap.length > 0) store.upsert(key, inGap);
      written += inGap.length;
    }
  }
  return { found, written, remaining: findSeriesGaps(store, key, range) };
}
