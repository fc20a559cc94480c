// The terminal's layout: top bar, chart, the market column (watchlist, order book, trades), order
// ticket and risk on the right, positions, orders, fills and strategies and the co-pilot below, status bar
// at the bottom.
import { useEffect } from 'react';
import { useApi } from '../api/api-context.tsx';
import { BacktestPage } from '../features/backtest/BacktestPage.tsx';
import { ChartPanel } from '../features/chart/ChartPanel.tsx';
import { followStoredSeries } from '../features/chart/series-actions.ts';
import { CopilotPanel } from '../features/ai/CopilotPanel.tsx';
import { ImportDialog } from '../features/import/ImportDialog.tsx';
import { followJournalHealth } from '../features/journal-health/journal-health-store.ts';
import { followTrading } from '../features/orders/trading-feed.ts';
import { TradingDock } from '../features/positions/TradingDock.tsx';
import { useReplayEvents } from '../features/replay/use-replay-events.ts';
import { RiskPanel } from '../features/risk/RiskPanel.tsx';
import { StatusBar } from '../features/status/StatusBar.tsx';
import { followStrategies } from '../features/strategies/strategy-actions.ts';
import { OrderTicket } from '../features/ticket/OrderTicket.tsx';
import { MarketColumn } from '../features/watchlist/MarketColumn.tsx';
import '../styles/market-layout.css';
import { bootstrap } from './bootstrap.ts';
import { ConnectionLost } from './ConnectionLost.tsx';
import { Notices } from './Notices.tsx';
import { TopBar } from './TopBar.tsx';
import { useWindowTitle } from './use-window-title.ts';

export function App() {
  const api = useApi();
  useReplayEvents(api);
  useEffect(() => {
    void bootstrap(api);
  }, [api]);
  useEffect(() => followTrading(api), [api]);
  useEffect(() => followJournalHealth(api), [api]);
  useEffect(() => followStrategies(api), [api]);
  useEffect(() => followStoredSeries(api), [api]);
  useWindowTitle();

  return (
    <div className="app has-market-column" data-testid="app">
      <TopBar />
      <main className="main">
        <ChartPanel />
      </main>
      <MarketColumn />
      <aside className="side">
        <OrderTicket />
        <RiskPanel />
      </aside>
      <section className="dock">
        <TradingDock />
        <CopilotPanel />
      </section>
      <StatusBar />
      <BacktestPage />
      <ImportDialog />
      <ConnectionLost />
      <Notices />
    </div>
  );
}
