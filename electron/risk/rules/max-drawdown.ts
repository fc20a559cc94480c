// Rule: once equity has fallen the limit's distance from its peak, no new entries. The risk service pulls
// the kill switch on the breach; re-arming afterwards is the user's deliberate decision.
import { allMarked, equityOf } from '../context-equity.ts';
import type { RiskRule } from '../risk-gate.ts';
import type { AccountMonitor } from '../account-monitor.ts';
import { money, pct } from '../figures.ts';
import type { LimitsSource } from './limits-source.ts';

export function maxDrawdown(source: LimitsSource, monitor: Pick<AccountMonitor, 'drawdownPct' | 'observe' | 'rolls'>): RiskRule {
  const name = 'max-drawdown';
  return {
    name,
    check(_order, ctx) {
      const equity = equityOf(ctx);
      if (monitor.rolls(ctx.now)) monitor.observe(equity, ctx.now, allMarked(ctx.account));
      const dd = monitor.drawdownPct(equity);
      const limit = source.limits.maxDrawdownPct;
      if (dd < limit) return null;
      return { rule: name, message: `${name}: equity (${money(equity, ctx.quoteAsset)}) is ${pct(dd)} below its peak, at or past the ${pct(limit)} limit; no new entries` };
    },
  };
}
