// The market column: watchlist over the selected symbol's order book and trades, and the feeds that
// fill them (the watchlist's and the market engine's status).
import { useApi } from '../../api/api-context.tsx';
import { useMarketStatus } from '../market/use-market-status.ts';
import { OrderBookPanel } from '../orderbook/OrderBookPanel.tsx';
import { TapePanel } from '../tape/TapePanel.tsx';
import { useWatchlistFeed } from './use-watchlist.ts';
import { WatchlistPanel } from './WatchlistPanel.tsx';

export function MarketColumn() {
  const api = useApi();
  useMarketStatus(api);
  useWatchlistFeed(api);
  return (
    <aside className="market-column" data-testid="market-column">
      <WatchlistPanel />
      <OrderBookPanel />
      <TapePanel />
    </aside>
  );
}
