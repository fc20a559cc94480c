import { describe, expect, it } from 'vitest';
import { fatFinger } from '../../../../electron/risk/rules/fat-finger.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('fat-finger', () => {
  const rule = fatFinger(limits({ fatFingerPct: 5 }));
  it('refuses a price too far from the last trade, either way', () => {
    expect(rule.check(order({ price: '6000' }), ctx({ last: '60000' }))?.message).toBe('fat-finger: the price 6,000 is 90% from the last trade at 60,000, more than the 5% allowed');
    expect(rule.check(order({ price: '63100' }), ctx({ last: '60000' }))?.rule).toBe('fat-finger');
    expect(rule.check(order({ price: '63000' }), ctx({ last: '60000' }))).toBeNull();
  });
  it('has nothing to compare before the first trade', () => {
    expect(rule.check(order({ price: '1' }), ctx({ last: null }))).toBeNull();
  });
});
