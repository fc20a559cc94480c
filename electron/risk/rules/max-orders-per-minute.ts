// Rule: at most N orders that add exposure in any minute. A strategy stuck in a loop, or a key held down,
// is stopped after its first minute's worth. The gate tells the counter of each order it lets through.
import type { RiskRule } from '../risk-gate.ts';
import type { OrderRate } from '../order-rate.ts';
import type { LimitsSource } from './limits-source.ts';

export function maxOrdersPerMinute(source: LimitsSource, rate: OrderRate): RiskRule {
  const name = 'max-orders-per-minute';
  return {
    name,
    check(_order, ctx) {
      const limit = source.limits.maxOrdersPerMinute;
      const count = rate.count(ctx.now);
      if (count < limit) return null;
      const next = rate.nextSlot();
      const wait = next === null ? '' : `; the next one may go in ${Math.max(1, Math.ceil((next - ctx.now) / 1000))} s`;
      return { rule: name, message: `${name}: ${count} orders in the last minute already, the limit is ${limit}${wait}` };
    },
  };
}
