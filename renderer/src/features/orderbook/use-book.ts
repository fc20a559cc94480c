// The chart's market's order book from the market engine: its answer, then its book events. Null
// when the engine serves no book (a replay, or an engine without the market.book stream).
import { useEffect, useState } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import { toErrorData } from '../../state/error-data.ts';
import { reportError } from '../../state/notices-store.ts';
import { marketApi } from '../market/market-api.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import type { Book, MarketSourceKind } from '../market/market-types.ts';

export interface BookFeed {
  book: Book | null;
  /** Where the book comes from. */
  source: MarketSourceKind | null;
  /** Whether the engine has a book stream at all (else the panel says where a book would come from). */
  supported: boolean;
}

/** The book of the chart's market only: the same symbol on the same exchange (a simulated BTC/USDT book is not a stored series' book). */
export function useBook(api: Api, series: SeriesKey | null): BookFeed {
  const [feed, setFeed] = useState<{ book: Book | null; source: MarketSourceKind | null }>({ book: null, source: null });
  const supported = marketApi(api).onBook !== undefined;
  const exchange = series?.exchange ?? null;
  const symbol = series?.symbol ?? null;
  useEffect(() => {
    setFeed({ book: null, source: null });
    const m = marketApi(api);
    if (!m.onBook || symbol === null) return;
    const ours = (e: { exchange: string | null; book: Book | null }) => e.book !== null && e.exchange === exchange && e.book.symbol === symbol;
    const off = m.onBook((e) => ours(e) && setFeed({ book: e.book, source: e.source }));
    m.book?.().then(
      (r) => ours(r) && setFeed((current) => (current.book ? current : { book: r.book, source: r.source })),
      (err: unknown) => toErrorData(err).code !== 'unknown_command' && reportError('Read order book', err),
    );
    return off;
  }, [api, exchange, symbol]);
  return { ...feed, supported };
}
