// A spot buy the cash cannot pay for at its fill price, on the simulated venue. An order is sized at one
// price (a bar's close, the last price) and a market execution fills at another (the next open, the ask,
// plus slippage): all-in at a higher fill price, cost and fee come to more than the cash. A real spot
// venue never lets a balance go below zero; the paper broker does what one does with a market order:
// fills what the balance pays for and expires the rest, or fills nothing when not even one step (or the
// market's smallest order) is covered. The words here are the order's reason, and what a backtest's
// notes count them by (cashCutKind).
import { div, floorTo, format, mul, type Dec } from '../../../shared/trading/decimal.ts';

/** The most of `qty`, on the `step` grid, whose cost plus fee (`feeOn`) is within `cash`; 0 when not one step is. */
export function affordableQty(qty: Dec, price: Dec, rate: Dec, step: Dec, cash: Dec, feeOn: (qty: Dec) => Dec): Dec {
  if (cash <= 0n || step <= 0n || price <= 0n) return 0n;
  // The quotient at the exact rate; the fee rounds up to 1e-8, so at most a step or two less pays.
  let q = floorTo(div(cash, price + mul(price, rate)), step);
  if (q > qty) q = qty;
  while (q > 0n && mul(q, price) + feeOn(q) > cash) q -= step;
  return q;
}

export interface CutWords {
  base: string;
  quote: string;
  price: Dec;
  cash: Dec;
}

/** The reason of an order cut to `filled` (of `qty`): what it was cut to, why, and what expired. */
export function cutReason(w: CutWords, filled: Dec, qty: Dec): string {
  return `cut to ${format(filled)} ${w.base}: the free cash, ${format(w.cash)} ${w.quote}, covered no more at the fill price ${format(w.price)} (fee included); the other ${format(qty - filled)} ${w.base} expired`;
}

/** The reason of an order nothing of which the cash paid for: not one step, or less than the market's smallest order. */
export function unpaidReason(w: CutWords, step: Dec, minQty: Dec, minNotional: Dec, affordable: Dec): string {
  const smallest =
    affordable <= 0n
      ? `one step (${format(step)} ${w.base})`
      : `the market's smallest order (${[minQty > step ? `${format(minQty)} ${w.base}` : '', minNotional > 0n ? `${format(minNotional)} ${w.quote}` : ''].filter(Boolean).join(' and ')}; it paid for ${format(affordable)} ${w.base})`;
  return `not filled: the free cash, ${format(w.cash)} ${w.quote}, covered not even ${smallest} at the fill price ${format(w.price)} (fee included)`;
}

/** Whether an order's reason says the cash cut it ('cut') or paid for none of it ('unpaid'); null for any other reason. */
export function cashCutKind(reason: string | null): 'cut' | 'unpaid' | null {
  if (reason === null) return null;
  if (reason.startsWith('cut to ') && reason.includes(': the free cash, ')) return 'cut';
  if (reason.startsWith('not filled: the free cash, ')) return 'unpaid';
  return null;
}
