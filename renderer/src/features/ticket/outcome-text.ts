// The ticket's outcome line for an order it placed, as the order stands now: still working, filled, or
// ended short of its quantity. An order that ends short (a spot market buy the free cash paid for only in
// part, or not at all; an immediate-or-cancel order that found too little) says what was bought of what
// and, in the venue's own words, why not the rest: the trader reads it where they pressed Buy, without
// opening the Orders tab. Pure, so each case is unit-tested.
import { dec } from '../../../../shared/trading/decimal.ts';
import type { Order } from '../../../../shared/trading/orders.ts';
import { priceText, qtyText } from '../orders/decimal-text.ts';
import { TYPE_SHORT } from '../orders/order-labels.ts';

export interface OutcomeLine {
  /** placed: working, filled whole or cancelled; short: expired with less than its quantity filled; rejected. */
  kind: 'placed' | 'short' | 'rejected';
  text: string;
  /** The venue's or the engine's reason, word for word; null when there is none. */
  reason: string | null;
}

/** "BUY MKT 0.015 BTC/USDT @ 43,210.50": the order as sent. */
export function orderWhat(o: Order): string {
  return `${o.side.toUpperCase()} ${TYPE_SHORT[o.type]} ${qtyText(o.qty)} ${o.symbol}${o.price !== null ? ` @ ${priceText(o.price)}` : ''}`;
}

export function outcomeLine(o: Order): OutcomeLine {
  const what = orderWhat(o);
  if (o.status === 'rejected') return { kind: 'rejected', text: `Rejected: ${what}.`, reason: o.reason };
  const at = o.avgFillPrice !== null ? ` at ${priceText(o.avgFillPrice)}` : '';
  if (o.status === 'filled') return { kind: 'placed', text: `Placed ${what} · filled${at}`, reason: null };
  const filled = dec(o.filledQty) > 0n;
  // Cancelled is the trader's (or a bracket's) doing: said plainly, not as a warning.
  if (o.status === 'cancelled') return { kind: 'placed', text: `Placed ${what} · cancelled${filled ? `, ${qtyText(o.filledQty)} filled${at}` : ''}`, reason: null };
  if (o.status === 'expired') {
    if (!filled) return { kind: 'short', text: `Not ${o.side === 'buy' ? 'bought' : 'sold'}: ${what} expired`, reason: o.reason };
    const base = o.symbol.split('/')[0] ?? o.symbol;
    return { kind: 'short', text: `${o.side === 'buy' ? 'Bought' : 'Sold'} ${qtyText(o.filledQty)} of ${qtyText(o.qty)} ${base}${at}; the rest expired`, reason: o.reason };
  }
  return { kind: 'placed', text: `Placed ${what} · ${o.status.replace('_', ' ')}`, reason: null };
}
