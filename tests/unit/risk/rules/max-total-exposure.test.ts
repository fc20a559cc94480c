import { describe, expect, it } from 'vitest';
import { maxTotalExposure } from '../../../../electron/risk/rules/max-total-exposure.ts';
import { exposureFixture } from './exposure-rules.fixture.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('max-total-exposure', () => {
  it('sums every position and the worst case of resting orders at the last prices', () => {
    const f = exposureFixture([{ symbol: 'BTC/USDT', qty: '1', mark: 100 }, { symbol: 'ETH/USDT', qty: '-2', mark: 50 }]);
    f.rest('ETH/USDT', 'sell', '1'); // short 2 could become short 3: 150
    const rule = maxTotalExposure(limits({ maxTotalExposure: 400 }), f.meter);
    // 100 + 150 = 250; buying 1.5 BTC more makes 400.
    expect(rule.check(order({ qty: '1.5' }), ctx({ position: '1', account: f.acct }))).toBeNull();
    expect(rule.check(order({ qty: '1.6' }), ctx({ position: '1', account: f.acct }))?.message).toBe(
      'max-total-exposure: total exposure would be 410 USDT (open orders included, worst case), above the limit of 400 USDT',
    );
  });

  it('lets an order through that does not raise exposure', () => {
    const f = exposureFixture([{ symbol: 'BTC/USDT', qty: '10', mark: 100 }]);
    const rule = maxTotalExposure(limits({ maxTotalExposure: 1 }), f.meter);
    expect(rule.check(order({ side: 'sell', qty: '5' }), ctx({ position: '10', account: f.acct }))).toBeNull();
  });
});
