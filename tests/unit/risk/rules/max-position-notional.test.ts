import { describe, expect, it } from 'vitest';
import { maxPositionNotional } from '../../../../electron/risk/rules/max-position-notional.ts';
import { dec } from '../../../../shared/trading/decimal.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('max-position-notional', () => {
  it('counts the position and its open orders at the order price, exactly', () => {
    const rule = maxPositionNotional(dec('1000'));
    expect(rule.check(order({ qty: '5', price: '100' }), ctx({ position: '3', pending: '2' }))).toBeNull(); // 10 × 100 = 1,000
    expect(rule.check(order({ qty: '5.00000001', price: '100' }), ctx({ position: '3', pending: '2' }))?.message).toMatch(/position would be 10\.00000001 \(1000\.000001 USDT at 100, open orders included\), above the limit of 1000 USDT/);
  });

  it('reads the limits in force at each check', () => {
    const source = { limits: { ...limits().limits, maxPositionNotional: 500 }, mode: 'custom' as const };
    const rule = maxPositionNotional(source);
    expect(rule.check(order({ qty: '6' }), ctx())?.rule).toBe('max-position-notional');
    source.limits = { ...source.limits, maxPositionNotional: 700 };
    expect(rule.check(order({ qty: '6' }), ctx())).toBeNull();
  });
});
