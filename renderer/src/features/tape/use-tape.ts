// The chart's market's trades for the tape: the market engine's trades when it streams them, and,
// during a replay (which has no trades), one derived trade per replayed tick of the chart's series.
import { useEffect, useState } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { timeframeMs } from '../../../../shared/domain/timeframe.ts';
import { sameSeries } from '../../lib/series-key.ts';
import { reportError } from '../../state/notices-store.ts';
import type { MarketSourceKind, Trade } from '../market/market-types.ts';
import { pushTrades, ReplayTicks, type TapeRow } from './tape-model.ts';

export interface TapeFeed {
  rows: TapeRow[];
  /** Where the trades come from. */
  source: MarketSourceKind | null;
  /** 'trades': real trades from the source; 'ticks': derived from a replay's candle updates. */
  origin: 'trades' | 'ticks' | null;
}

/** The tape re-renders at most this often; trades arriving in between are batched. */
const RENDER_MS = 100;

export function useTape(api: Api, series: SeriesKey | null): TapeFeed {
  const [feed, setFeed] = useState<TapeFeed>({ rows: [], origin: null, source: null });
  useEffect(() => {
    setFeed({ rows: [], origin: null, source: null });
    if (!series) return;
    let pending: Trade[] = [];
    let origin: TapeFeed['origin'] = null;
    let source: MarketSourceKind | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      setFeed((f) => ({ rows: pushTrades(f.rows, batch), origin, source }));
    };
    const take = (trades: readonly Trade[], from: 'trades' | 'ticks', kind: MarketSourceKind | null) => {
      if (trades.length === 0) return;
      origin = from;
      source = kind;
      pending.push(...trades);
      timer ??= setTimeout(flush, RENDER_MS);
    };
    const ticks = new ReplayTicks(timeframeMs(series.timeframe));
    const offs = [
      // Only the chart's market: the same symbol on the same exchange.
      api.events['market.trades']((e) => e.exchange === series.exchange && e.symbol === series.symbol && take(e.trades, 'trades', e.source)),
      api.events['market.candle']((e) => {
        if (e.source !== 'replay' || !sameSeries(e.series, series)) return;
        const trade = ticks.next(e.candle, e.closed);
        if (trade) take([trade], 'ticks', 'replay');
      }),
    ];
    api.commands['market.trades']({ limit: 100 }).then(
      (r) => r.exchange === series.exchange && r.symbol === series.symbol && take(r.trades, 'trades', r.source),
      (err: unknown) => reportError('Read trades', err),
    );
    return () => {
      if (timer !== null) clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [api, series]);
  return feed;
}
