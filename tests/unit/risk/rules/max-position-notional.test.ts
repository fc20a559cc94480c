import { describe, expect, it } from 'vitest';
import { maxPositionNotional, surelyWithin } from '../../../../electron/risk/rules/max-position-notional.ts';
import { dec, mul, toNumber } from '../../../../shared/trading/decimal.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('max-position-notional', () => {
  it('counts the position and its open orders at the order price, exactly', () => {
    const rule = maxPositionNotional(dec('1000'));
    expect(rule.check(order({ qty: '5', price: '100' }), ctx({ position: '3', pending: '2' }))).toBeNull(); // 10 × 100 = 1,000
    // The other side's open orders do not shrink the worst case: they may be cancelled.
    expect(rule.check(order({ side: 'sell', qty: '10.00000001', price: '100' }), ctx({ pendingBuy: '9' }))?.message).toMatch(/position would be -10\.00000001 /);
    expect(rule.check(order({ side: 'sell', qty: '4', price: '100' }), ctx({ position: '-3', pendingBuy: '9', pendingSell: '3' }))).toBeNull(); // short 10 × 100 = 1,000
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

describe('max-position-notional: the float pre-check', () => {
  // The rule as first written: exact bigint arithmetic on every order.
  // The worst case on the order's side: that side's open orders count, the other side's do not.
  const exact = (max: bigint, position: bigint, pendingBuy: bigint, pendingSell: bigint, side: 'buy' | 'sell', qty: bigint, price: bigint) => {
    const after = side === 'buy' ? position + pendingBuy + qty : position - pendingSell - qty;
    return mul(after < 0n ? -after : after, price) <= max;
  };

  it('passes only what the exact test passes, and refuses what it refuses, at and around the limit', () => {
    let x = 3;
    const r = (n: number) => (x = (x * 16807) % 2147483647) % n;
    const big = (digits: number) => {
      let v = 0n;
      for (let i = 0; i < digits; i++) v = v * 10n + BigInt(r(10));
      return v;
    };
    for (let i = 0; i < 5_000; i++) {
      const price = big(1 + r(24)) + 1n;
      const qty = big(1 + r(24)) + 1n;
      const position = (r(2) ? 1n : -1n) * big(r(24));
      const pendingBuy = r(3) === 0 ? big(r(24)) : 0n;
      const pendingSell = r(3) === 0 ? big(r(24)) : 0n;
      const side = r(2) ? ('buy' as const) : ('sell' as const);
      const after = side === 'buy' ? position + pendingBuy + qty : position - pendingSell - qty;
      const value = mul(after < 0n ? -after : after, price);
      // Limits right at the value, a unit either side, a hair either side, and far off.
      const limits = [value, value - 1n, value + 1n, value + value / 10n ** 13n, value - value / 10n ** 13n, value * 2n, value / 2n, 0n];
      for (const max of limits) {
        const rule = maxPositionNotional(max);
        const o = { ...order(), side, qty, refPrice: price };
        const c = { ...ctx(), positionQty: position, pendingBuyQty: pendingBuy, pendingSellQty: pendingSell };
        expect(rule.check(o, c) === null, `${max} ${position} ${pendingBuy} ${pendingSell} ${side} ${qty} ${price}`).toBe(exact(max, position, pendingBuy, pendingSell, side, qty, price));
      }
    }
  });

  it('answers "surely within" only when the exact value is within', () => {
    let x = 9;
    const r = () => (x = (x * 16807) % 2147483647) / 2147483647;
    let sure = 0;
    for (let i = 0; i < 50_000; i++) {
      const qty = BigInt(Math.floor(r() * 1e12)) * 10n ** BigInt(Math.floor(r() * 8));
      const position = BigInt(Math.floor((r() - 0.5) * 1e12)) * 10n ** BigInt(Math.floor(r() * 8));
      const price = BigInt(Math.floor(r() * 1e12)) * 10n ** BigInt(Math.floor(r() * 8));
      const after = position + qty;
      const value = mul(after < 0n ? -after : after, price);
      const max = value + BigInt(Math.floor((r() - 0.5) * 1e6)) * (value / 10n ** 15n + 1n);
      const f = { qty: toNumber(qty), refPrice: toNumber(price), positionQty: toNumber(position) };
      if (!surelyWithin(f, 0, true, toNumber(max))) continue;
      sure++;
      expect(value <= max, `${qty} ${position} ${price} ${max}`).toBe(true);
    }
    // Most of these limits are a hair above the value: the floats settle the clear half of them.
    expect(sure).toBeGreaterThan(10_000);
  });
});
