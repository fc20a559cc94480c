// Rule: once the day's loss (realized and unrealized: the fall in equity since the calendar day began, in
// the user's time zone) reaches the limit, no new entries for the rest of the day. The risk service also
// pulls the kill switch when it sees the breach; this rule holds even before it does.
import { allMarked, equityOf } from '../context-equity.ts';
import type { RiskRule } from '../risk-gate.ts';
import type { AccountMonitor } from '../account-monitor.ts';
import { money, pct } from '../figures.ts';
import type { LimitsSource } from './limits-source.ts';

export function dailyLossLimit(source: LimitsSource, monitor: Pick<AccountMonitor, 'dailyLossPct' | 'observe' | 'rolls'>): RiskRule {
  const name = 'daily-loss-limit';
  return {
    name,
    check(_order, ctx) {
      const equity = equityOf(ctx);
      // The check itself may be the first sight of a new day.
      if (monitor.rolls(ctx.now)) monitor.observe(equity, ctx.now, allMarked(ctx.account));
      const loss = monitor.dailyLossPct(equity);
      const limit = source.limits.dailyLossLimitPct;
      if (loss < limit) return null;
      return { rule: name, message: `${name}: today's loss is ${pct(loss)} of the day's starting equity (equity now ${money(equity, ctx.quoteAsset)}), at or past the ${pct(limit)} limit; no new entries until tomorrow (${source.limits.timeZone})` };
    },
  };
}
