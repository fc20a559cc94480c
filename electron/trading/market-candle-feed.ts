// Feeds the trading engine from the app's market stream: every market.candle event on the bus (replay
// now; live and simulated sources publish the same event) becomes one tick for the paper broker and
// the marks. The candle's close is the latest price; the growth of the forming candle's volume since the
// last event is the volume traded at it. Backtests skip this and call MarketFeed.onBar directly.
//
// A replay plays each candle as the backtest's intrabar path, one tick a point (open, nearer extreme,
// farther extreme, close): those ticks reach the broker as the backtest's bar does, the open a jump from the
// last close and the others along segments every price traded (a stop between fires at its trigger, not at
// the extreme), stamped at the point's time in the bar (open, a third, two thirds, close). Without that, a
// strategy's stop-loss filled at the bar's extreme on paper and at its trigger in the backtest.
import { seriesLabel } from '../../shared/domain/candle.ts';
import { pathPointTime } from '../../shared/domain/intrabar-path.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import type { EventBus } from '../app/event-bus.ts';
import { heldBack, RepeatLimit, type Logger } from '../app/logger.ts';
import type { MarketFeed } from './market-feed.ts';
import { MarkSources, type MarkHolder } from './mark-sources.ts';

/**
 * Subscribes; `after` runs after each tick (the app publishes marks there). With `marks` (the engine), a
 * position is marked only by prices of the market source it was opened on (mark-sources.ts). `wentBack`
 * hears, before the tick, that a replayed series went back to an earlier candle (the replay started over):
 * that tick marks positions again at an earlier price, a jump nobody traded (the app tells the risk room,
 * RiskService.marketWentBack). Returns the unsubscribe.
 */
export function feedFromMarketCandles(
  bus: Pick<EventBus, 'on'>,
  feed: MarketFeed,
  after: () => void,
  log: Logger,
  marks?: MarkHolder,
  wentBack?: (symbol: string, ts: number) => void,
): () => void {
  // Per series: the open time and volume of the candle seen last, to turn cumulative volume into per-tick
  // volume, and how many of its ticks came before this one (0 after it closed).
  const seen = new Map<string, { t: number; v: number; ticks: number }>();
  const sources = marks === undefined ? null : new MarkSources(marks);
  const faults = new RepeatLimit();
  return bus.on('market.candle', ({ series, candle, closed, source }) => {
    const label = seriesLabel(series);
    let prev = seen.get(label);
    if (prev === undefined) seen.set(label, (prev = { t: Number.NaN, v: 0, ticks: 0 }));
    const same = prev.t === candle.t;
    // Only a replay goes back along one series (a live source may send its last candle again, never an older one).
    const back = source === 'replay' && candle.t < prev.t;
    const before = same ? prev.ticks : 0;
    let volume = Number.NaN;
    if (candle.v !== null) volume = same ? Math.max(0, candle.v - prev.v) : candle.v;
    prev.t = candle.t;
    prev.v = candle.v ?? 0;
    prev.ticks = closed ? 0 : before + 1;
    const tf = timeframeMs(series.timeframe);
    // Market time: a closed candle's tick is stamped with its close; a forming candle's with its open, or a
    // replayed one's with its point's time on the path. After a replayed candle's open, the move is continuous.
    const path = source === 'replay' && before > 0;
    const ts = closed ? candle.t + tf : source === 'replay' ? pathPointTime(candle.t, tf, Math.min(before, 2)) : candle.t;
    try {
      sources?.before(series.symbol, `${source}:${series.exchange}`);
      if (back) wentBack?.(series.symbol, ts);
      feed.onPrice(series.symbol, ts, candle.c, volume, path);
      after();
    } catch (err) {
      // A fault in trading must not stop the market stream (the chart keeps playing); it is logged loudly,
      // once a minute when it repeats at every tick (a journal that cannot be written).
      const held = faults.pass();
      if (held !== null) log.error('trading', `could not process the ${label} tick at ${ts}${heldBack(held)}`, err);
    }
  });
}
