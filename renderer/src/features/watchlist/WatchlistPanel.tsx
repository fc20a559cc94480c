// The watchlist: last price and 24 h change per symbol, the price flashing green or red as it moves.
// Clicking a row shows that symbol on the chart (when a series of it is stored).
import { useMemo } from 'react';
import { Panel } from '../../app/Panel.tsx';
import { formatPrice } from '../../lib/format.ts';
import { isActive } from '../replay/replay-run.ts';
import { useReplay } from '../replay/replay-store.ts';
import { useApi } from '../../api/api-context.tsx';
import { selectSeries } from '../chart/series-actions.ts';
import { useSeries } from '../chart/series-store.ts';
import { chooseMarket } from '../chart/switchers/market-actions.ts';
import { switchSymbol, symbolChoices, symbolId } from '../chart/switchers/series-choices.ts';
import { DataStatusBadge } from '../market/DataStatusBadge.tsx';
import { formatChangePct } from './watchlist-model.ts';
import { useWatchlist } from './watchlist-store.ts';
import './market-panels.css';

export function WatchlistPanel() {
  const rows = useWatchlist((s) => s.rows);
  const origin = useWatchlist((s) => s.origin);
  const loading = useWatchlist((s) => s.loading);
  const source = useWatchlist((s) => s.source);
  const exchange = useWatchlist((s) => s.exchange);
  const api = useApi();
  const list = useSeries((s) => s.list);
  const selected = useSeries((s) => s.selected);
  const replaying = useReplay((s) => isActive(s.state)) || source === 'replay';
  const choices = useMemo(() => symbolChoices(list ?? []), [list]);

  // An engine row switches the engine's market (same source, same timeframe); a journal row loads the stored series.
  const choose = (symbol: string, rowExchange: string | undefined) => {
    if (origin === 'engine' && (source === 'live' || source === 'simulated') && exchange) {
      void chooseMarket(api, source, { exchange, symbol, timeframe: selected?.timeframe ?? '1m' });
      return;
    }
    const id = rowExchange ? symbolId(rowExchange, symbol) : choices.find((c) => c.symbol === symbol)?.id;
    const next = id ? switchSymbol(choices, selected, id) : null;
    if (next) selectSeries(next);
  };

  return (
    <Panel title="Watchlist" className="watchlist" testId="watchlist" aside={<DataStatusBadge {...(origin === 'engine' ? { source } : {})} />}>
      {rows.length === 0 ? (
        <div className="empty-state small">
          <span className="muted">{loading ? 'Reading prices…' : 'No symbols yet. Import candles, or choose a market source, and they appear here.'}</span>
        </div>
      ) : (
        <table className="mkt-table watch-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Last</th>
              <th className="num">24h</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const isSelected = selected?.symbol === r.symbol && (r.exchange ?? exchange) === selected.exchange;
              const change = r.change24hPct ?? 0;
              return (
                <tr
                  key={`${r.exchange ?? ''}|${r.symbol}`}
                  className={`${isSelected ? 'is-selected' : ''} ${r.available ? '' : 'is-unavailable'} ${replaying ? '' : 'is-clickable'}`}
                  data-testid="watch-row"
                  data-symbol={r.symbol}
                  title={replaying ? 'Stop the replay to switch symbol' : `Show ${r.symbol}${r.exchange ? ` (${r.exchange})` : ''} on the chart`}
                  onClick={() => !replaying && choose(r.symbol, r.exchange)}
                >
                  <td>
                    <span className="watch-symbol">{r.symbol}</span>
                    {r.exchange && <span className="watch-exchange">{r.exchange}</span>}
                  </td>
                  <td className={`num tick-${r.tick}`} data-testid="watch-last">
                    {formatPrice(r.last)}
                  </td>
                  <td className={`num ${change > 0 ? 'up' : change < 0 ? 'down' : ''}`} data-testid="watch-change">
                    {formatChangePct(r.change24hPct)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {origin === 'journal' && rows.length > 0 && <p className="mkt-note">From stored candles: last close and its change over 24 h of market time.</p>}
    </Panel>
  );
}
