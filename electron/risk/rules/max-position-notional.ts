// Rule: a ledger's position in one market, counting its open orders, may not be worth more than a limit
// (in the quote asset) at the order's price. Stops one fat-fingered qty or a runaway strategy from putting
// the whole account into one coin. Exact decimals: the limit is compared to the last unit.
import { decFromNumber, format, mul, toNumber, type Dec } from '../../../shared/trading/decimal.ts';
import { figuresOf, type OrderFigures } from '../order-figures.ts';
import type { RiskRule } from '../risk-gate.ts';
import type { LimitsSource } from './limits-source.ts';

/** A fixed limit, or the limits in force (read at each check). */
export function maxPositionNotional(limit: Dec | LimitsSource): RiskRule {
  const name = 'max-position-notional';
  let seen = Number.NaN;
  let cached: Dec = typeof limit === 'bigint' ? limit : 0n;
  let cachedF = toNumber(cached);
  const current = (): Dec => {
    if (typeof limit === 'bigint') return limit;
    const n = limit.limits.maxPositionNotional;
    if (n !== seen) {
      seen = n;
      cached = decFromNumber(n);
      cachedF = toNumber(cached);
    }
    return cached;
  };
  return {
    name,
    check(order, ctx) {
      const max = current();
      // The worst case on the order's side: its own side's open orders count, the other side's may be cancelled.
      const buy = order.side === 'buy';
      const pending = buy ? ctx.pendingBuyQty : -ctx.pendingSellQty;
      const pendingF = pending === 0n ? 0 : toNumber(pending);
      if (surelyWithin(figuresOf(order, ctx), pendingF, buy, cachedF)) return null;
      const after = ctx.positionQty + pending + (buy ? order.qty : -order.qty);
      const value = mul(after < 0n ? -after : after, order.refPrice);
      if (value <= max) return null;
      return {
        rule: name,
        message: `${name}: the ${order.ledger} ledger's ${order.symbol} position would be ${format(after)} (${format(value)} ${ctx.quoteAsset} at ${format(order.refPrice)}, open orders included), above the limit of ${format(max)} ${ctx.quoteAsset}`,
      };
    },
  };
}

/** Far more than the error of the floats below: a conversion is within 2^-52 of its amount, an operation within 2^-53. */
const MARGIN = 1e-12;

/**
 * Whether the position is certainly worth no more than the limit (`maxF`: toNumber of it), judged from the
 * floats of its amounts. The exact test is five bigint operations (about 120 ns); most orders are nowhere
 * near the limit, and for them floats answer. The float quantity is within MARGIN × (the sum of the sizes
 * of its terms) of the exact one, so the slack below bounds the exact size from above, and the factor on
 * the product bounds the price's and the products' rounding; the limit is shrunk by as much. So a true
 * answer is one the exact test gives too. Near the limit, or with figures that are not finite, the answer
 * is false and the exact test decides, as it always did.
 */
export function surelyWithin(f: OrderFigures, pendingF: number, buy: boolean, maxF: number): boolean {
  const after = f.positionQty + pendingF + (buy ? f.qty : -f.qty);
  const slack = (Math.abs(f.positionQty) + Math.abs(pendingF) + Math.abs(f.qty)) * MARGIN;
  const worth = (Math.abs(after) + slack) * Math.abs(f.refPrice) * (1 + MARGIN);
  return worth <= maxF * (1 - MARGIN);
}
