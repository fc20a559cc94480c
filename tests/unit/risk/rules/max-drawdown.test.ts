import { describe, expect, it } from 'vitest';
import { AccountMonitor } from '../../../../electron/risk/account-monitor.ts';
import { maxDrawdown } from '../../../../electron/risk/rules/max-drawdown.ts';
import { account, ctx, limits, order } from './rule-fixtures.ts';

describe('max-drawdown', () => {
  it('refuses entries once equity is the limit below its peak', () => {
    const monitor = new AccountMonitor('UTC');
    const rule = maxDrawdown(limits({ maxDrawdownPct: 20 }), monitor);
    expect(rule.check(order(), ctx({ account: account([], 12_500) }))).toBeNull();
    expect(rule.check(order(), ctx({ account: account([], 10_001) }))).toBeNull();
    expect(rule.check(order(), ctx({ account: account([], 10_000) }))?.message).toBe('max-drawdown: equity (10,000 USDT) is 20% below its peak, at or past the 20% limit; no new entries');
  });
});
