// The order state machine. Every status change in the engine goes through `transition`, which refuses
// any move the table does not list: a filled order cannot be cancelled, a cancelled one cannot fill,
// and a bug that tries is an exception, not a quietly corrupt ledger.
import type { OrderStatus } from '../../shared/trading/orders.ts';

const LEGAL: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['accepted', 'rejected'],
  accepted: ['partially_filled', 'filled', 'cancelled', 'expired'],
  partially_filled: ['partially_filled', 'filled', 'cancelled', 'expired'],
  filled: [],
  cancelled: [],
  rejected: [],
  expired: [],
};

export class IllegalTransitionError extends Error {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    const allowed = LEGAL[from];
    super(`order ${orderId} cannot go from ${from} to ${to}; from ${from} it may go to ${allowed.length ? allowed.join(', ') : 'nothing (it is final)'}`);
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.to = to;
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return LEGAL[from].includes(to);
}

export function isFinal(status: OrderStatus): boolean {
  return LEGAL[status].length === 0;
}

export function isOpen(status: OrderStatus): boolean {
  return status === 'new' || status === 'accepted' || status === 'partially_filled';
}

/** The one way an order's status changes: sets status and reason, or throws IllegalTransitionError. */
export function transition<T extends { id: string; status: OrderStatus; reason: string | null }>(order: T, to: OrderStatus, reason: string | null = null): T {
  if (!canTransition(order.status, to)) throw new IllegalTransitionError(order.id, order.status, to);
  order.status = to;
  if (reason !== null) order.reason = reason;
  return order;
}
