// Rule: at most N positions at once, where a resting order that could open one counts as one (so N limit
// orders in N markets cannot fill into N + 1 positions). Adding to a position already held always passes.
import type { ExposureMeter } from '../exposure.ts';
import type { RiskRule } from '../risk-gate.ts';
import { modeLabel, type LimitsSource } from './limits-source.ts';

export function maxConcurrentPositions(source: LimitsSource, meter: ExposureMeter): RiskRule {
  const name = 'max-concurrent-positions';
  return {
    name,
    check(order, ctx) {
      const e = meter.orderEffect(order, ctx);
      if (e.beforeQty > 0 || e.afterQty === 0) return null;
      const open = meter.snapshot(ctx).count;
      const limit = source.limits.maxConcurrentPositions;
      if (open + 1 <= limit) return null;
      return {
        rule: name,
        message: `${name}: ${open} position${open === 1 ? '' : 's'} (or orders that would open one) already, and ${order.symbol} would be one more; the limit is ${limit} of ${modeLabel(source.mode)}`,
      };
    },
  };
}
