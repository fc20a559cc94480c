// The live broker's own last look before an order leaves the process. The engine has already validated
// the order against the same market rules (validate-order.ts); this repeats the checks that would
// otherwise be settled by the exchange or, worse, by ccxt quietly rounding a price onto the tick
// (priceToPrecision rounds), and refuses types the exchange does not hold. A refusal here means nothing
// was sent; the engine journals the order as rejected with this reason.
import { format, mul } from '../../../shared/trading/decimal.ts';
import type { OrderType } from '../../../shared/trading/orders.ts';
import type { BrokerOrder } from '../broker.ts';
import type { MarketRules } from '../market-rules.ts';

export function checkLiveOrder(o: BrokerOrder, rules: MarketRules | null, native: ReadonlySet<OrderType>): string | null {
  if (!native.has(o.type)) return `the exchange does not hold ${o.type} orders; the engine should have held it (emulated) and sent what it became`;
  if (!rules) return `the exchange lists no market ${o.symbol}`;
  const qty = o.qty - o.filledQty;
  if (qty <= 0n) return `nothing left to place: qty ${format(o.qty)}, filled ${format(o.filledQty)}`;
  if (qty % rules.stepSize !== 0n) return `qty ${format(qty)} is not a multiple of the step size ${format(rules.stepSize)} for ${o.symbol}`;
  if (qty < rules.minQty) return `qty ${format(qty)} is below the minimum quantity ${format(rules.minQty)} for ${o.symbol}`;
  for (const [name, v] of [
    ['price', o.price],
    ['triggerPrice', o.triggerPrice],
  ] as const) {
    if (v === null) continue;
    if (v <= 0n) return `${name} must be greater than 0, got ${format(v)}`;
    if (v % rules.tickSize !== 0n) return `${name} ${format(v)} is not a multiple of the tick size ${format(rules.tickSize)} for ${o.symbol}`;
  }
  // A market order's value is checked by the engine at the last price; here only priced orders can be.
  if (o.price !== null && mul(qty, o.price) < rules.minNotional && !o.reduceOnly) {
    return `order value ${format(mul(qty, o.price))} ${rules.quote} is below the minimum ${format(rules.minNotional)} ${rules.quote} for ${o.symbol}`;
  }
  return null;
}
