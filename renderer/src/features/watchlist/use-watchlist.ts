// Fills the watchlist: from the market engine's watchlist when it serves one (answer, then events),
// otherwise from the journal: each stored symbol's newest candle and the close a day before, moved
// on by the candle events of a replay or a live feed.
import { useEffect } from 'react';
import { MAX_CANDLES_PER_CALL, type Api } from '../../../../shared/contract/index.ts';
import { timeframeMs } from '../../../../shared/domain/timeframe.ts';
import { toErrorData } from '../../state/error-data.ts';
import { reportError } from '../../state/notices-store.ts';
import { useSeries } from '../chart/series-store.ts';
import { symbolChoices } from '../chart/switchers/series-choices.ts';
import { marketApi, type Watchlist } from '../market/market-api.ts';
import { applyPrice, candlesForDay, changeFromCandles, mergeRows, type WatchRow } from './watchlist-model.ts';
import { useWatchlist } from './watchlist-store.ts';

/** Rows read from the journal; more would be a list, not a watchlist. */
const MAX_ROWS = 30;

export function useWatchlistFeed(api: Api): void {
  const list = useSeries((s) => s.list);

  // The engine's watchlist, when there is one.
  useEffect(() => {
    const m = marketApi(api);
    if (!m.watchlist || !m.onWatchlist) return;
    const take = (w: Watchlist) => useWatchlist.setState((s) => ({ origin: 'engine', source: w.source, rows: mergeRows(s.rows, w.items) }));
    const off = m.onWatchlist(take);
    m.watchlist({}).then(take, (err: unknown) => toErrorData(err).code !== 'unknown_command' && reportError('Read watchlist', err));
    return off;
  }, [api]);

  // The journal's symbols, when the engine has no watchlist.
  useEffect(() => {
    if (marketApi(api).watchlist || list === null) return;
    let cancelled = false;
    const choices = symbolChoices(list).slice(0, MAX_ROWS);
    useWatchlist.setState({ loading: true });
    void Promise.all(
      choices.map(async (c): Promise<WatchRow> => {
        const timeframe = c.timeframes[0]!;
        try {
          const { candles } = await api.commands['market.candles']({
            series: { exchange: c.exchange, symbol: c.symbol, timeframe },
            limit: candlesForDay(timeframeMs(timeframe), MAX_CANDLES_PER_CALL),
          });
          return { ...changeFromCandles(c.symbol, candles), exchange: c.exchange, tick: 'flat' };
        } catch (err) {
          reportError(`Read ${c.symbol} for the watchlist`, err);
          return { symbol: c.symbol, exchange: c.exchange, last: null, change24hPct: null, t: null, available: false, tick: 'flat' };
        }
      }),
    ).then((rows) => {
      if (!cancelled) useWatchlist.setState((s) => ({ origin: 'journal', loading: false, rows: mergeRows(s.rows, rows) }));
    });
    const off = api.events['market.candle']((e) => {
      const rows = useWatchlist.getState().rows;
      const next = applyPrice(rows, e.series.symbol, e.candle.c, e.candle.t, e.series.exchange);
      if (next !== rows) useWatchlist.setState({ rows: next });
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [api, list]);
}
