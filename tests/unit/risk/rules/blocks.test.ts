import { describe, expect, it } from 'vitest';
import { circuitBreakerBlock } from '../../../../electron/risk/rules/circuit-breaker-block.ts';
import { killSwitchBlock } from '../../../../electron/risk/rules/kill-switch-block.ts';
import { ctx, order } from './rule-fixtures.ts';

describe('kill-switch and circuit-breaker blocks', () => {
  it('kill-switch refuses every entry while engaged', () => {
    let state = { engaged: false, reason: null as string | null };
    const rule = killSwitchBlock(() => state);
    expect(rule.check(order(), ctx())).toBeNull();
    state = { engaged: true, reason: 'pulled by the user (tray)' };
    expect(rule.check(order(), ctx())?.message).toBe('kill-switch: the kill switch is engaged (pulled by the user (tray)); new entries are blocked until you re-arm it');
  });

  it('circuit-breaker refuses while open or recovering', () => {
    let state: { state: 'closed' | 'open' | 'recovering'; reason: string | null } = { state: 'closed', reason: null };
    const rule = circuitBreakerBlock(() => state);
    expect(rule.check(order(), ctx())).toBeNull();
    state = { state: 'open', reason: 'connection to the exchange lost' };
    expect(rule.check(order(), ctx())?.message).toMatch(/circuit breaker is open \(connection to the exchange lost\); new orders are halted/);
    state = { state: 'recovering', reason: null };
    expect(rule.check(order(), ctx())?.message).toMatch(/waiting for reconciliation/);
  });
});
