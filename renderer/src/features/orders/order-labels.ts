// Short names for order types, statuses and ledgers as the blotter, fills and the ticket print them.
import type { Order, OrderStatus, OrderType, Origin } from '../../../../shared/trading/orders.ts';

/** The exchange shorthand traders read: LMT, STP LMT, TRAIL (the chart's price lines use the same). */
export const TYPE_SHORT: Record<OrderType, string> = {
  market: 'MKT',
  limit: 'LMT',
  'stop-market': 'STP',
  'stop-limit': 'STP LMT',
  'take-profit': 'TP',
  'take-profit-limit': 'TP LMT',
  'trailing-stop': 'TRAIL',
};

export const STATUS_TEXT: Record<OrderStatus, string> = {
  new: 'New',
  accepted: 'Open',
  partially_filled: 'Partial',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  expired: 'Expired',
};

/** The sub-ledger an order or fill trades for: "user", "ai", "strategy:<id>". */
export function ledgerText(x: { ledger?: string | undefined; origin: Origin }): string {
  if (x.ledger) return x.ledger;
  return x.origin.kind === 'strategy' ? `strategy:${x.origin.id}` : x.origin.kind;
}

/** Bracket legs and one-cancels-other groups, for the blotter's role column. */
export function roleText(o: Order): string {
  if (o.parentId !== null) return o.type === 'limit' || o.type === 'take-profit' || o.type === 'take-profit-limit' ? 'TP' : 'SL';
  return '';
}

/** "RO PO" flags. */
export function flagsText(o: Pick<Order, 'reduceOnly' | 'postOnly'>): string {
  return [o.reduceOnly ? 'RO' : '', o.postOnly ? 'PO' : ''].filter(Boolean).join(' ');
}

/** A trailing stop's trail as it reads: "1.5%" or "150". */
export function trailText(o: Order): string {
  if (!o.trail) return '';
  return 'percent' in o.trail ? `${o.trail.percent}%` : o.trail.amount;
}
