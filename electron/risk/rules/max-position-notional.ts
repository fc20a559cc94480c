// Rule: a ledger's position in one market, counting its open orders, may not be worth more than a limit
// (in the quote asset) at the order's price. Stops one fat-fingered qty or a runaway strategy from putting
// the whole account into one coin. Exact decimals: the limit is compared to the last unit.
import { decFromNumber, format, mul, type Dec } from '../../../shared/trading/decimal.ts';
import type { RiskRule } from '../risk-gate.ts';
import type { LimitsSource } from './limits-source.ts';

/** A fixed limit, or the limits in force (read at each check). */
export function maxPositionNotional(limit: Dec | LimitsSource): RiskRule {
  const name = 'max-position-notional';
  let seen = Number.NaN;
  let cached: Dec = 0n;
  const current = (): Dec => {
    if (typeof limit === 'bigint') return limit;
    const n = limit.limits.maxPositionNotional;
    if (n !== seen) {
      seen = n;
      cached = decFromNumber(n);
    }
    return cached;
  };
  return {
    name,
    check(order, ctx) {
      const max = current();
      const after = ctx.positionQty + ctx.pendingQty + (order.side === 'buy' ? order.qty : -order.qty);
      const value = mul(after < 0n ? -after : after, order.refPrice);
      if (value <= max) return null;
      return {
        rule: name,
        message: `${name}: the ${order.ledger} ledger's ${order.symbol} position would be ${format(after)} (${format(value)} ${ctx.quoteAsset} at ${format(order.refPrice)}, open orders included), above the limit of ${format(max)} ${ctx.quoteAsset}`,
      };
    },
  };
}
