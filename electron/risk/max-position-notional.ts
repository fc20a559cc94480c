// Rule: a ledger's position in one market, counting its open orders, may not be worth more than a limit
// (in the quote asset) at the order's price. Stops one fat-fingered qty or a runaway strategy from putting
// the whole account into one coin.
import { format, mul, type Dec } from '../../shared/trading/decimal.ts';
import type { RiskRule } from './risk-gate.ts';

export function maxPositionNotional(limit: Dec): RiskRule {
  const name = 'max-position-notional';
  return {
    name,
    check(order, ctx) {
      const after = ctx.positionQty + ctx.pendingQty + (order.side === 'buy' ? order.qty : -order.qty);
      const value = mul(after < 0n ? -after : after, order.refPrice);
      if (value <= limit) return null;
      return {
        rule: name,
        message: `${name}: the ${order.ledger} ledger's ${order.symbol} position would be ${format(after)} (${format(value)} ${ctx.quoteAsset} at ${format(order.refPrice)}, open orders included), above the limit of ${format(limit)} ${ctx.quoteAsset}`,
      };
    },
  };
}
