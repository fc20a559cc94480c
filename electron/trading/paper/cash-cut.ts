// A spot buy the cash cannot pay for at its fill price, on the simulated venue. An order is sized at one
// price (a bar's close, the last price) and a market execution fills at another (the next open, the ask,
// plus slippage): all-in at a higher fill price, cost and fee come to more than the cash. A real spot
// venue never lets a balance go below zero; the paper broker does what one does with a market order:
// fills what the balance pays for and expires the rest, or fills nothing when not even one step (or the
// market's smallest order) is covered. The words here are the order's reason, for the trader; which of the
// two it was travels beside them as data (ExpiredBy, on the broker's expiry and the order's record), and
// that is what a backtest's notes count them by.
import { div, floorTo, format, mul, toNumber, type Dec } from '../../../shared/trading/decimal.ts';
import { money, num } from '../../risk/figures.ts';

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
  return `cut to ${format(filled)} ${w.base}: the free cash, ${cashText(w)}, covered no more at the fill price ${priceText(w)} (fee included); the other ${format(qty - filled)} ${w.base} expired`;
}

// The cash and the price as the risk room's refusals write them (figures.ts): after a few trades the cash is
// an exact decimal of many places, and a reason read "the free cash, 11153.3791301745973 USDT" beside a
// refusal's "9,333.06 USDT". The quantities stay exact: they are on the market's step.
const cashText = (w: CutWords) => money(toNumber(w.cash), w.quote);
const priceText = (w: CutWords) => num(toNumber(w.price));

/** The reason of an order nothing of which the cash paid for: not one step, or less than the market's smallest order. */
export function unpaidReason(w: CutWords, step: Dec, minQty: Dec, minNotional: Dec, affordable: Dec): string {
  const smallest =
    affordable <= 0n
      ? `one step (${format(step)} ${w.base})`
      : `the market's smallest order (${[minQty > step ? `${format(minQty)} ${w.base}` : '', minNotional > 0n ? `${format(minNotional)} ${w.quote}` : ''].filter(Boolean).join(' and ')}; it paid for ${format(affordable)} ${w.base})`;
  return `not filled: the free cash, ${cashText(w)}, covered not even ${smallest} at the fill price ${priceText(w)} (fee included)`;
}
