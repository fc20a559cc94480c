// Fills the watchlist: from the market engine's watchlist while it has an active source (answer, then
// events), otherwise from the journal: each stored symbol's newest candle and the close a day before,
// moved on by the candle events of a replay.
import { useEffect } from 'react';
import { MAX_CANDLES_PER_CALL, type Api } from '../../../../shared/contract/index.ts';
import { timeframeMs } from '../../../../shared/domain/timeframe.ts';
import { reportError } from '../../state/notices-store.ts';
import { useSeries } from '../chart/series-store.ts';
import { symbolChoices } from '../chart/switchers/series-choices.ts';
import type { Watchlist } from '../market/market-types.ts';
import { applyPrice, candlesForDay, changeFromCandles, mergeRows, type WatchRow } from './watchlist-model.ts';
import { useWatchlist } from './watchlist-store.ts';

/** Rows read from the journal; more would be a list, not a watchlist. */
const MAX_ROWS = 30;

export function useWatchlistFeed(api: Api): void {
  const list = useSeries((s) => s.list);
  const engineActive = useWatchlist((s) => s.engineActive);

  // The engine's watchlist; it speaks for the rows only while a source is active.
  useEffect(() => {
    const take = (w: Watchlist) => {
      if (w.source === null) {
        useWatchlist.setState({ engineActive: false });
        return;
      }
      useWatchlist.setState((s) => ({
        engineActive: true,
        origin: 'engine',
        source: w.source,
        exchange: w.exchange,
        rows: mergeRows(s.origin === 'engine' ? s.rows : [], w.items),
      }));
    };
    const off = api.events['market.watchlist'](take);
    api.commands['market.watchlist']({}).then(take, (err: unknown) => reportError('Read watchlist', err));
    return off;
  }, [api]);

  // The journal's symbols, while the engine has no active source.
  useEffect(() => {
    if (engineActive || list === null) return;
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
      if (!cancelled && !useWatchlist.getState().engineActive) {
        useWatchlist.setState((s) => ({ origin: 'journal', source: null, exchange: null, loading: false, rows: mergeRows(s.origin === 'journal' ? s.rows : [], rows) }));
      }
    });
    const off = api.events['market.candle']((e) => {
      const state = useWatchlist.getState();
      if (state.origin !== 'journal') return;
      const next = applyPrice(state.rows, e.series.symbol, e.candle.c, e.candle.t, e.series.exchange);
      if (next !== state.rows) useWatchlist.setState({ rows: next });
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [api, list, engineActive]);
}
