import { describe, expect, it } from 'vitest';
import { OrderRate } from '../../../../electron/risk/order-rate.ts';
import { maxOrdersPerMinute } from '../../../../electron/risk/rules/max-orders-per-minute.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('max-orders-per-minute', () => {
  it('refuses the order past the limit within a sliding minute and says when the next may go', () => {
    const rate = new OrderRate();
    const rule = maxOrdersPerMinute(limits({ maxOrdersPerMinute: 3 }), rate);
    for (const t of [0, 10_000, 20_000]) {
      expect(rule.check(order(), ctx({ now: t }))).toBeNull();
      rate.record(t);
    }
    expect(rule.check(order(), ctx({ now: 30_000 }))?.message).toBe('max-orders-per-minute: 3 orders in the last minute already, the limit is 3; the next one may go in 30 s');
    expect(rule.check(order(), ctx({ now: 60_001 }))).toBeNull();
  });
});
