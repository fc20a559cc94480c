// Rule: an order priced too far from the last trade is refused (a slipped digit: 6,000 for 60,000). Market
// orders are priced at the last trade, so they always pass; without any trade yet there is nothing to compare.
import { toNumber } from '../../../shared/trading/decimal.ts';
import { figuresOf } from '../order-figures.ts';
import type { RiskRule } from '../risk-gate.ts';
import { num, pct } from '../figures.ts';
import type { LimitsSource } from './limits-source.ts';

export function fatFinger(source: LimitsSource): RiskRule {
  const name = 'fat-finger';
  return {
    name,
    check(order, ctx) {
      if (ctx.lastPrice === null || ctx.lastPrice <= 0n) return null;
      const price = figuresOf(order, ctx).refPrice;
      // A market order is priced at the last trade: the same amount, so the same float.
      const last = ctx.lastPrice === order.refPrice ? price : toNumber(ctx.lastPrice);
      const away = (Math.abs(price - last) / last) * 100;
      const limit = source.limits.fatFingerPct;
      if (away <= limit) return null;
      return { rule: name, message: `${name}: the price ${num(price)} is ${pct(away)} from the last trade at ${num(last)}, more than the ${pct(limit)} allowed` };
    },
  };
}
