import { describe, expect, it } from 'vitest';
import { correlatedExposure } from '../../../../electron/risk/rules/correlated-exposure.ts';
import { exposureFixture } from './exposure-rules.fixture.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('correlated-exposure', () => {
  it('counts positions whose returns correlate above the threshold as one group', () => {
    const f = exposureFixture([
      { symbol: 'BTC/USDT', qty: '1', mark: 100 },
      { symbol: 'ETH/USDT', qty: '10', mark: 10 },
      { symbol: 'XAU/USDT', qty: '1', mark: 500 },
    ]);
    const rho: Record<string, number> = { '0-1': 0.9, '0-2': 0.1, '1-2': 0.05 };
    const names = ['BTC/USDT', 'ETH/USDT', 'XAU/USDT'];
    const corr = { correlation: (a: number, b: number) => (a === b ? 1 : rho[`${Math.min(a, b)}-${Math.max(a, b)}`]!), name: (id: number) => names[id]! };
    const rule = correlatedExposure(limits({ correlationThreshold: 0.8, maxCorrelatedExposure: 300 }), f.meter, corr);
    // BTC and ETH together: 100 + 100 = 200; gold is not in the group.
    expect(rule.check(order({ qty: '1' }), ctx({ position: '1', account: f.acct }))).toBeNull();
    expect(rule.check(order({ qty: '1.5' }), ctx({ position: '1', account: f.acct }))?.message).toBe(
      'correlated-exposure: BTC/USDT with ETH/USDT ρ=0.9 (returns correlated at 0.8 or more) would carry 350 USDT of exposure, above the 300 USDT cap',
    );
    // Gold alone: 500 + 100 > 300 even without company.
    expect(rule.check(order({ symbol: 'XAU/USDT', qty: '0.2' }), ctx({ position: '1', account: f.acct }))?.rule).toBe('correlated-exposure');
  });
});
