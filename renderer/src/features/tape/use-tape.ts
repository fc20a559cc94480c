// The chart's market's trades for the tape: the market engine's trades, which during a replay are its
// replayed ticks (tapeBatch), stamped as the paper fills they cause. Candle updates are not turned into
// trades here: a replay's ticks came twice that way, at other times than its fills'.
import { useEffect, useState } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { reportError } from '../../state/notices-store.ts';
import type { MarketSourceKind, Trade } from '../market/market-types.ts';
import { pushTrades, tapeBatch, type TapeRow } from './tape-model.ts';

export interface TapeFeed {
  rows: TapeRow[];
  /** Where the trades come from. */
  source: MarketSourceKind | null;
  /** 'trades': real trades from the source; 'ticks': a replay's replayed ticks. */
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
    const take = (all: readonly Trade[], kind: MarketSourceKind | null) => {
      const { trades, origin: from } = tapeBatch(kind, all);
      if (trades.length === 0) return;
      origin = from;
      source = kind;
      pending.push(...trades);
      timer ??= setTimeout(flush, RENDER_MS);
    };
    const offs = [
      // Only the chart's market: the same symbol on the same exchange.
      api.events['market.trades']((e) => e.exchange === series.exchange && e.symbol === series.symbol && take(e.trades, e.source)),
    ];
    api.commands['market.trades']({ limit: 100 }).then(
      (r) => r.exchange === series.exchange && r.symbol === series.symbol && take(r.trades, r.source),
      (err: unknown) => reportError('Read trades', err),
    );
    return () => {
      if (timer !== null) clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [api, series]);
  return feed;
}
