// The trading engine's open orders, positions and recent fills, as the chart needs them to draw
// price lines and fill arrows. Kept from the trading.* answers and events.
import { create } from 'zustand';
import { OPEN_STATUSES, type Fill, type Order, type Position } from '../../../../../shared/trading/orders.ts';

/** Fills kept for arrows; older ones are far off any chart a user reads. */
export const MAX_FILLS = 1_000;

interface TradeState {
  orders: ReadonlyMap<string, Order>;
  positions: readonly Position[];
  fills: readonly Fill[];
}

export const useTrades = create<TradeState>()(() => ({ orders: new Map(), positions: [], fills: [] }));

/** An order's latest state; closed orders leave the map (their lines go away). */
export function applyOrder(order: Order): void {
  useTrades.setState((s) => {
    const orders = new Map(s.orders);
    if (OPEN_STATUSES.includes(order.status)) orders.set(order.id, order);
    else orders.delete(order.id);
    return { orders };
  });
}

export function applyOrders(list: readonly Order[]): void {
  useTrades.setState({ orders: new Map(list.filter((o) => OPEN_STATUSES.includes(o.status)).map((o) => [o.id, o])) });
}

export function applyPositions(positions: readonly Position[]): void {
  useTrades.setState({ positions });
}

/** New fills join the list once each (a fill event and a fills answer may overlap). */
export function applyFills(fills: readonly Fill[]): void {
  useTrades.setState((s) => {
    const seen = new Set(s.fills.map((f) => f.id));
    const fresh = fills.filter((f) => !seen.has(f.id));
    if (fresh.length === 0) return s;
    return { fills: [...s.fills, ...fresh].sort((a, b) => a.ts - b.ts).slice(-MAX_FILLS) };
  });
}
