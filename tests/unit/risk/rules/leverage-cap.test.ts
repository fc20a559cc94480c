import { describe, expect, it } from 'vitest';
import { leverageCap } from '../../../../electron/risk/rules/leverage-cap.ts';
import { exposureFixture } from './exposure-rules.fixture.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('leverage-cap', () => {
  it('divides total exposure by equity', () => {
    const f = exposureFixture([{ symbol: 'BTC/USDT', qty: '100', mark: 100 }], 10_000);
    const rule = leverageCap(limits({ maxLeverage: 2 }), f.meter);
    expect(rule.check(order({ qty: '100' }), ctx({ position: '100', account: f.acct }))).toBeNull(); // 20,000 / 10,000
    expect(rule.check(order({ qty: '101' }), ctx({ position: '100', account: f.acct }))?.message).toBe(
      'leverage-cap: leverage would be 2.01× (exposure 20,100 USDT on equity 10,000 USDT), above the 2× cap',
    );
  });

  it('refuses any new exposure without equity', () => {
    const f = exposureFixture([], 0);
    expect(leverageCap(limits(), f.meter).check(order(), ctx({ account: f.acct }))?.message).toMatch(/unbounded/);
  });
});
