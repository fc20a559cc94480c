import { describe, expect, it } from 'vitest';
import { symbolAllowlist } from '../../../../electron/risk/rules/symbol-allowlist.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('symbol-allowlist', () => {
  it('passes any symbol without a list, and only listed ones with it', () => {
    expect(symbolAllowlist(limits({ symbolAllowlist: null })).check(order({ symbol: 'DOGE/USDT' }), ctx())).toBeNull();
    const rule = symbolAllowlist(limits({ symbolAllowlist: ['BTC/USDT', 'ETH/USDT'] }));
    expect(rule.check(order({ symbol: 'BTC/USDT' }), ctx())).toBeNull();
    expect(rule.check(order({ symbol: 'DOGE/USDT' }), ctx())?.message).toBe('symbol-allowlist: DOGE/USDT is not on the symbol allowlist (allowed: BTC/USDT, ETH/USDT)');
  });
});
