// The dock under the chart: positions, open orders, fills and running strategies as tabs (each with its
// count), and the account's equity and P&L along the tab bar, always in view.
import { create } from 'zustand';
import { TabBar, type TabSpec } from '../../app/TabBar.tsx';
import { FillsTable } from '../fills/FillsTable.tsx';
import { useFills } from '../fills/fills-store.ts';
import { OrdersBlotter } from '../orders/OrdersBlotter.tsx';
import { useOrders } from '../orders/orders-store.ts';
import { StrategiesPanel } from '../strategies/StrategiesPanel.tsx';
import { useStrategies } from '../strategies/strategies-store.ts';
import { AccountSummary } from './AccountSummary.tsx';
import { PositionsTable } from './PositionsTable.tsx';
import { isFlat, usePositions } from './positions-store.ts';
import './trading-dock.css';

export type DockTab = 'positions' | 'orders' | 'fills' | 'strategies';

export const useDockTab = create<{ tab: DockTab }>()(() => ({ tab: 'positions' }));

export function TradingDock() {
  const tab = useDockTab((s) => s.tab);
  const positions = usePositions((s) => s.positions.filter((p) => !isFlat(p)).length);
  const orders = useOrders((s) => s.open.size);
  const fills = useFills((s) => s.fills.length);
  const strategies = useStrategies((s) => s.running.length);
  const tabs: TabSpec<DockTab>[] = [
    { id: 'positions', label: 'Positions', count: positions },
    { id: 'orders', label: 'Orders', count: orders },
    { id: 'fills', label: 'Fills', count: fills },
    { id: 'strategies', label: 'Strategies', count: strategies },
  ];
  return (
    <section className="panel trading-dock" data-testid="trading-dock">
      <header className="panel-header dock-header">
        <TabBar tabs={tabs} active={tab} onSelect={(id) => useDockTab.setState({ tab: id })} label="Trading" testIdPrefix="dock-tab-" className="dock-tabs" />
        <AccountSummary onKind={() => useDockTab.setState({ tab: 'positions' })} />
      </header>
      <div className="panel-body dock-body" role="tabpanel">
        {tab === 'positions' ? <PositionsTable /> : tab === 'orders' ? <OrdersBlotter /> : tab === 'fills' ? <FillsTable /> : <StrategiesPanel />}
      </div>
    </section>
  );
}
