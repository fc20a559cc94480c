// The ticket's Max: the most the account can put into this order, as a quantity on the market's step.
// A buy spends the free cash, the taker fee included, as the engine checks it (validate-order.ts's
// costWithFee: qty × the reference price plus the fee rounded up to 1e-8). An order that executes at
// market (market, stop, take-profit, trailing) is sized at one price and fills at another: the next price
// plus the venue's slippage. A spot venue pays only what the cash covers at the fill price and expires the
// rest (paper-broker's cash cut), so a Max to the last cent at the last price would come back cut. Max
// therefore leaves that headroom: the configured slippage and a small allowance for the price's move
// between the press and the fill. A limit-priced order fills at its price or better and needs none.
// A sell sells what is held (spot cannot go short); on margin with nothing held, a short as large as the
// cash collateralises (1×, fee included: the engine's margin check). Pure and exact, so it is unit-tested.
import { dec, div, floorTo, format, mul, type Dec } from '../../../../shared/trading/decimal.ts';
import type { Side } from '../../../../shared/trading/orders.ts';
import { MARKET_MOVE } from '../../../../shared/trading/market-move.ts';

// MARKET_MOVE (0.1 %, shared with a strategy's maxBuyQty) is how far the price may move up (a buy) or
// down (a short) between pressing Max and the fill. A market order is sent at once and fills at the next
// price, rarely that far off; when the price moves further before Buy is pressed, the preview shows the
// order refused and Max sizes again.

export interface MaxSizeInput {
  side: Side;
  kind: 'spot' | 'margin';
  /** The order executes at market (market, stop-market, take-profit, trailing-stop): it needs the headroom. */
  atMarket: boolean;
  /** The price the engine sizes it at: the limit, the trigger, or the last price (order-form's entryPrice). */
  price: string | null;
  /** Free quote cash (not reserved by open orders) and free base held, as the account snapshot says. */
  quoteFree: string | null;
  baseFree: string | null;
  /** trading.rules: the quantity step, the smallest quantity, the taker fee and the paper venue's slippage. */
  step: string;
  minQty: string;
  takerFee: string;
  slippage?: string | undefined;
}

export type MaxSize = { ok: true; qty: string } | { ok: false; message: string };

const FEE_UNIT = 10n ** 10n;

/** qty × price plus the taker fee rounded up to 1e-8: what the engine reserves and checks (costWithFee). */
function costWithFee(qty: Dec, price: Dec, rate: Dec): Dec {
  const notional = mul(qty, price);
  const fee = mul(notional, rate);
  const r = fee % FEE_UNIT;
  return notional + (r === 0n ? fee : fee - r + FEE_UNIT);
}

/** The most of `step`s whose cost at `price` (fee included) is within `cash`. */
function affordable(cash: Dec, price: Dec, rate: Dec, step: Dec): Dec {
  if (cash <= 0n || price <= 0n || step <= 0n) return 0n;
  let q = floorTo(div(cash, price + mul(price, rate)), step);
  while (q > 0n && costWithFee(q, price, rate) > cash) q -= step;
  return q;
}

export function maxSize(input: MaxSizeInput): MaxSize {
  if (input.price === null) return { ok: false, message: 'Max needs a price to size at: enter the order price, or wait for a market price' };
  if (input.quoteFree === null) return { ok: false, message: 'Max needs the account, which is not loaded yet' };
  const step = dec(input.step);
  const minQty = dec(input.minQty);
  const base = input.baseFree === null ? 0n : dec(input.baseFree);
  if (input.side === 'sell' && (input.kind === 'spot' || base > 0n)) {
    const held = floorTo(base, step);
    if (held <= 0n || held < minQty) return { ok: false, message: `Nothing to sell: ${format(base)} free, less than the smallest order ${format(minQty > step ? minQty : step)}` };
    return { ok: true, qty: format(held) };
  }
  // A buy, or a short on margin: the cash pays for it at the price it fills at, which for an order at
  // market may be the sized price moved against it by the slippage and the price's move.
  const headroom = input.atMarket ? dec(MARKET_MOVE) + (input.slippage ? dec(input.slippage) : 0n) : 0n;
  const price = dec(input.price);
  const fillPrice = price + mul(price, headroom);
  const cash = dec(input.quoteFree);
  const qty = affordable(cash, fillPrice, dec(input.takerFee), step);
  if (qty <= 0n || qty < minQty) return { ok: false, message: `${format(cash)} free buys less than the smallest order (${format(minQty > step ? minQty : step)}) at ${format(fillPrice)}, fee included` };
  return { ok: true, qty: format(qty) };
}

/** The headroom a Max leaves on an order at market, in percent of the price, for its tooltip: "0.11". */
export function headroomPct(slippage: string | undefined): string {
  return format((dec(MARKET_MOVE) + (slippage ? dec(slippage) : 0n)) * 100n);
}
