// The trading engine's open orders, positions and recent fills, as the chart needs them to draw
// price lines and fill arrows. Kept from the trading.* answers and events of the account the trading
// commands act on only (paper's lines are not drawn while a live account is armed, nor the other way
// round; orders/account-scope.ts); clearTrades empties it when that account changes.
import { create } from 'zustand';
import { OPEN_STATUSES, type Fill, type Order, type Position, type Positions } from '../../../../../shared/trading/orders.ts';
import { isOfActiveAccount } from '../../orders/account-scope.ts';

/** Fills kept for arrows; older ones are far off any chart a user reads. */
export const MAX_FILLS = 1_000;

interface TradeState {
  orders: ReadonlyMap<string, Order>;
  positions: readonly Position[];
  fills: readonly Fill[];
}

export const useTrades = create<TradeState>()(() => ({ orders: new Map(), positions: [], fills: [] }));

/** Another account now: none of the last one's lines or arrows stay. */
export function clearTrades(): void {
  useTrades.setState({ orders: new Map(), positions: [], fills: [] });
}

/** An order's latest state; closed orders leave the map (their lines go away). */
export function applyOrder(order: Order): void {
  if (!isOfActiveAccount(order)) return;
  useTrades.setState((s) => {
    const orders = new Map(s.orders);
    if (OPEN_STATUSES.includes(order.status)) orders.set(order.id, order);
    else orders.delete(order.id);
    return { orders };
  });
}

export function applyOrders(list: readonly Order[]): void {
  useTrades.setState({ orders: new Map(list.filter((o) => OPEN_STATUSES.includes(o.status) && isOfActiveAccount(o)).map((o) => [o.id, o])) });
}

export function applyPositions(snapshot: Positions): void {
  if (isOfActiveAccount(snapshot)) useTrades.setState({ positions: snapshot.positions });
}

/** New fills join the list once each (a fill event and a fills answer may overlap). */
export function applyFills(fills: readonly Fill[]): void {
  useTrades.setState((s) => {
    const seen = new Set(s.fills.map((f) => f.id));
    const fresh = fills.filter((f) => !seen.has(f.id) && isOfActiveAccount(f));
    if (fresh.length === 0) return s;
    return { fills: [...s.fills, ...fresh].sort((a, b) => a.ts - b.ts).slice(-MAX_FILLS) };
  });
}
