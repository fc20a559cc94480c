// Rule: total exposure (worst case, open orders included) divided by equity may not exceed the cap.
// Unlike the total exposure cap in money, this one shrinks with the account.
import type { ExposureMeter } from '../exposure.ts';
import { equityOf } from '../context-equity.ts';
import type { RiskRule } from '../risk-gate.ts';
import { money, num } from '../figures.ts';
import type { LimitsSource } from './limits-source.ts';

export function leverageCap(source: LimitsSource, meter: ExposureMeter): RiskRule {
  const name = 'leverage-cap';
  return {
    name,
    check(order, ctx) {
      const e = meter.orderEffect(order, ctx);
      if (e.after <= e.before) return null;
      const total = meter.snapshot(ctx).total - e.before + e.after;
      const equity = equityOf(ctx);
      const limit = source.limits.maxLeverage;
      if (equity > 0 && total <= equity * limit * (1 + 1e-12)) return null;
      const leverage = equity > 0 ? `${num(total / equity, 2)}×` : 'unbounded';
      return { rule: name, message: `${name}: leverage would be ${leverage} (exposure ${money(total, ctx.quoteAsset)} on equity ${money(equity, ctx.quoteAsset)}), above the ${num(limit)}× cap` };
    },
  };
}
