// The account's open orders, kept from the trading.orders answer and every trading.order event, for the
// blotter, the chart's price lines and the cancel-all shortcut. An order leaves when it is filled,
// cancelled, rejected or expired. Orders of another account than the one the commands act on are left out.
import { create } from 'zustand';
import { OPEN_STATUSES, type Order } from '../../../../shared/trading/orders.ts';
import { isOfActiveAccount } from './account-scope.ts';

interface OrdersState {
  open: ReadonlyMap<string, Order>;
  /** The trading.orders answer has arrived: an empty blotter means "none", not "not loaded yet". */
  loaded: boolean;
  /** The latest updatedAt seen per order id, closed ones included, so a late answer cannot undo an event. */
  seen: ReadonlyMap<string, number>;
}

export const useOrders = create<OrdersState>()(() => ({ open: new Map(), loaded: false, seen: new Map() }));

const isOpen = (o: Order) => OPEN_STATUSES.includes(o.status);

/** Folds orders in, newest state wins; an order's state from before one already seen is ignored. */
export function applyOrders(orders: readonly Order[], { loaded = false } = {}): void {
  useOrders.setState((s) => {
    const open = new Map(s.open);
    const seen = new Map(s.seen);
    for (const o of orders) {
      if (!isOfActiveAccount(o)) continue;
      const before = seen.get(o.id);
      if (before !== undefined && before > o.updatedAt) continue;
      // Same updatedAt: two changes in one market instant (accepted, then filled); closed is final.
      if (before === o.updatedAt && !open.has(o.id) && isOpen(o)) continue;
      seen.set(o.id, o.updatedAt);
      if (isOpen(o)) open.set(o.id, o);
      else open.delete(o.id);
    }
    return { open, seen, loaded: s.loaded || loaded };
  });
}

export function applyOrder(order: Order): void {
  applyOrders([order]);
}

/** Open orders newest first, the blotter's order. */
export function openOrderList(open: ReadonlyMap<string, Order>): Order[] {
  return [...open.values()].sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1));
}
