// The chart's market's order book from the market engine: its answer, then its book events. Null
// when the engine has no book for it (a replay has none; a stored series is not streaming).
import { useEffect, useState } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { reportError } from '../../state/notices-store.ts';
import type { Book, MarketSourceKind } from '../market/market-types.ts';

export interface BookFeed {
  book: Book | null;
  /** Where the book comes from. */
  source: MarketSourceKind | null;
}

/** The book of the chart's market only: the same symbol on the same exchange (a simulated BTC/USDT book is not a stored series' book). */
export function useBook(api: Api, series: SeriesKey | null): BookFeed {
  const [feed, setFeed] = useState<BookFeed>({ book: null, source: null });
  const exchange = series?.exchange ?? null;
  const symbol = series?.symbol ?? null;
  useEffect(() => {
    setFeed({ book: null, source: null });
    if (symbol === null) return;
    const ours = (e: { exchange: string | null; book: Book | null }) => e.book !== null && e.exchange === exchange && e.book.symbol === symbol;
    const off = api.events['market.book']((e) => ours(e) && setFeed({ book: e.book, source: e.source }));
    api.commands['market.book']({}).then(
      (r) => ours(r) && setFeed((current) => (current.book ? current : { book: r.book, source: r.source })),
      (err: unknown) => reportError('Read order book', err),
    );
    return off;
  }, [api, exchange, symbol]);
  return feed;
}
