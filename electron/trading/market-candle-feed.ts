// Feeds the trading engine from the app's market stream: every market.candle event on the bus (replay
// now; live and simulated sources publish the same event) becomes one tick for the paper broker and
// the marks. The candle's close is the latest price; the growth of the forming candle's volume since the
// last event is the volume traded at it. Backtests skip this and call MarketFeed.onBar directly.
import { seriesLabel } from '../../shared/domain/candle.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { MarketFeed } from './market-feed.ts';
import { MarkSources, type MarkHolder } from './mark-sources.ts';

/**
 * Subscribes; `after` runs after each tick (the app publishes marks there). With `marks` (the engine), a
 * position is marked only by prices of the market source it was opened on (mark-sources.ts). Returns the
 * unsubscribe.
 */
export function feedFromMarketCandles(bus: Pick<EventBus, 'on'>, feed: MarketFeed, after: () => void, log: Logger, marks?: MarkHolder): () => void {
  // Per series: the open time and volume of the candle seen last, to turn cumulative volume into per-tick volume.
  const seen = new Map<string, { t: number; v: number }>();
  const sources = marks === undefined ? null : new MarkSources(marks);
  return bus.on('market.candle', ({ series, candle, closed, source }) => {
    const label = seriesLabel(series);
    let volume = Number.NaN;
    if (candle.v !== null) {
      const prev = seen.get(label);
      volume = prev && prev.t === candle.t ? Math.max(0, candle.v - prev.v) : candle.v;
      if (prev) {
        prev.t = candle.t;
        prev.v = candle.v;
      } else seen.set(label, { t: candle.t, v: candle.v });
    }
    // Market time: a forming candle's tick is stamped with its open time, a closed candle with its close.
    const ts = closed ? candle.t + timeframeMs(series.timeframe) : candle.t;
    try {
      sources?.before(series.symbol, `${source}:${series.exchange}`);
      feed.onPrice(series.symbol, ts, candle.c, volume);
      after();
    } catch (err) {
      // A fault in trading must not stop the market stream (the chart keeps playing); it is logged loudly.
      log.error('trading', `could not process the ${label} tick at ${ts}`, err);
    }
  });
}
