// Rule: every position and every resting order that could add to one, worst case, valued at the last
// prices, may not exceed the cap (quote asset). An order that does not raise that total always passes.
import type { ExposureMeter } from '../exposure.ts';
import type { RiskRule } from '../risk-gate.ts';
import { money } from '../figures.ts';
import type { LimitsSource } from './limits-source.ts';

export function maxTotalExposure(source: LimitsSource, meter: ExposureMeter): RiskRule {
  const name = 'max-total-exposure';
  return {
    name,
    check(order, ctx) {
      const e = meter.orderEffect(order, ctx);
      if (e.after <= e.before) return null;
      const total = meter.snapshot(ctx).total - e.before + e.after;
      const limit = source.limits.maxTotalExposure;
      if (total <= limit * (1 + 1e-12)) return null;
      return { rule: name, message: `${name}: total exposure would be ${money(total, ctx.quoteAsset)} (open orders included, worst case), above the limit of ${money(limit, ctx.quoteAsset)}` };
    },
  };
}
