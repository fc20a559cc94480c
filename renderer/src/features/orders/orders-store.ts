// The account's open orders, kept from the trading.orders answer and every trading.order event, for the
// blotter, the chart's price lines and the cancel-all shortcut. An order leaves when it is filled,
// cancelled, rejected or expired. Orders of another account than the one the commands act on are left out.
// The last orders that ended are kept a while too (`ended`): the ticket follows the order it placed to
// its end, and the blotter lists the expired ones with the venue's reason (a market buy the cash paid for
// only in part, an immediate-or-cancel order that found nothing), which would otherwise vanish unread.
import { create } from 'zustand';
import { OPEN_STATUSES, type Order } from '../../../../shared/trading/orders.ts';
import { isOfActiveAccount } from './account-scope.ts';

interface OrdersState {
  open: ReadonlyMap<string, Order>;
  /** The trading.orders answer has arrived: an empty blotter means "none", not "not loaded yet". */
  loaded: boolean;
  /** The latest updatedAt seen per order id, closed ones included, so a late answer cannot undo an event. */
  seen: ReadonlyMap<string, number>;
  /** Orders that ended (filled, cancelled, rejected, expired) while on screen, by id, the newest last; at most ENDED_KEPT. */
  ended: ReadonlyMap<string, Order>;
  /** Ended orders the trader put away from the blotter's list. */
  dismissed: ReadonlySet<string>;
}

/** How many ended orders are kept: enough for the ticket's last order and the blotter's few expired ones. */
export const ENDED_KEPT = 50;

export const useOrders = create<OrdersState>()(() => ({ open: new Map(), loaded: false, seen: new Map(), ended: new Map(), dismissed: new Set() }));

const isOpen = (o: Order) => OPEN_STATUSES.includes(o.status);

/** Folds orders in, newest state wins; an order's state from before one already seen is ignored. */
export function applyOrders(orders: readonly Order[], { loaded = false } = {}): void {
  useOrders.setState((s) => {
    const open = new Map(s.open);
    const seen = new Map(s.seen);
    let ended: Map<string, Order> | null = null;
    for (const o of orders) {
      if (!isOfActiveAccount(o)) continue;
      const before = seen.get(o.id);
      if (before !== undefined && before > o.updatedAt) continue;
      // Same updatedAt: two changes in one market instant (accepted, then filled); closed is final.
      if (before === o.updatedAt && !open.has(o.id) && isOpen(o)) continue;
      seen.set(o.id, o.updatedAt);
      if (isOpen(o)) open.set(o.id, o);
      else {
        open.delete(o.id);
        ended ??= new Map(s.ended);
        ended.delete(o.id);
        ended.set(o.id, o);
        if (ended.size > ENDED_KEPT) ended.delete(ended.keys().next().value!);
      }
    }
    return { open, seen, ended: ended ?? s.ended, loaded: s.loaded || loaded };
  });
}

export function applyOrder(order: Order): void {
  applyOrders([order]);
}

/** Open orders newest first, the blotter's order. */
export function openOrderList(open: ReadonlyMap<string, Order>): Order[] {
  return [...open.values()].sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1));
}

/** The order as last seen, open or ended; null when it is neither (another account's, or long gone). */
export function orderNow(s: Pick<OrdersState, 'open' | 'ended'>, id: string): Order | null {
  return s.open.get(id) ?? s.ended.get(id) ?? null;
}

/** Expired orders to read in the blotter, newest first, less those the trader has put away. */
export function expiredOrderList(ended: ReadonlyMap<string, Order>, dismissed: ReadonlySet<string>): Order[] {
  return [...ended.values()].filter((o) => o.status === 'expired' && !dismissed.has(o.id)).reverse();
}

/** The trader has read it: the blotter no longer lists it (the ticket may still show its outcome). */
export function dismissEnded(id: string): void {
  useOrders.setState((s) => ({ dismissed: new Set(s.dismissed).add(id) }));
}
