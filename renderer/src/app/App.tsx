// The terminal's layout: top bar, chart, order ticket and risk on the right, positions and the
// co-pilot below, status bar at the bottom.
import { useEffect } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ChartPanel } from '../features/chart/ChartPanel.tsx';
import { CopilotPanel } from '../features/ai/CopilotPanel.tsx';
import { PositionsPanel } from '../features/positions/PositionsPanel.tsx';
import { useReplayEvents } from '../features/replay/use-replay-events.ts';
import { RiskPanel } from '../features/risk/RiskPanel.tsx';
import { StatusBar } from '../features/status/StatusBar.tsx';
import { OrderTicket } from '../features/ticket/OrderTicket.tsx';
import { bootstrap } from './bootstrap.ts';
import { ConnectionLost } from './ConnectionLost.tsx';
import { Notices } from './Notices.tsx';
import { TopBar } from './TopBar.tsx';

export function App() {
  const api = useApi();
  useReplayEvents(api);
  useEffect(() => {
    void bootstrap(api);
  }, [api]);

  return (
    <div className="app" data-testid="app">
      <TopBar />
      <main className="main">
        <ChartPanel />
      </main>
      <aside className="side">
        <OrderTicket />
        <RiskPanel />
      </aside>
      <section className="dock">
        <PositionsPanel />
        <CopilotPanel />
      </section>
      <StatusBar />
      <ConnectionLost />
      <Notices />
    </div>
  );
}
