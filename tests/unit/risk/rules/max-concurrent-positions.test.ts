import { describe, expect, it } from 'vitest';
import { maxConcurrentPositions } from '../../../../electron/risk/rules/max-concurrent-positions.ts';
import { exposureFixture } from './exposure-rules.fixture.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('max-concurrent-positions', () => {
  it('counts positions and orders that would open one; adding to a held position passes', () => {
    const f = exposureFixture([{ symbol: 'BTC/USDT', qty: '1', mark: 100 }, { symbol: 'ETH/USDT', qty: '1', mark: 10 }]);
    f.rest('SOL/USDT', 'buy', '1');
    const rule = maxConcurrentPositions(limits({ maxConcurrentPositions: 3 }, 'conservative'), f.meter);
    expect(rule.check(order({ symbol: 'XRP/USDT' }), ctx({ account: f.acct }))?.message).toBe(
      'max-concurrent-positions: 3 positions (or orders that would open one) already, and XRP/USDT would be one more; the limit is 3 of conservative mode',
    );
    expect(rule.check(order({ symbol: 'BTC/USDT' }), ctx({ position: '1', account: f.acct }))).toBeNull();
    expect(rule.check(order({ symbol: 'SOL/USDT' }), ctx({ account: f.acct }))).toBeNull();
  });
});
