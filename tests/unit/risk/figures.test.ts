// The figures refusals and gauges print: the same text toLocaleString('en-US') gives with those options
// (the formatters are made once and kept, which must not change a digit), small values keeping their
// significant digits.
import { describe, expect, it } from 'vitest';
import { money, num, pct } from '../../../electron/risk/figures.ts';

describe('figures', () => {
  it('prints as toLocaleString does, for every number of decimals, over many values', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let k = 0; k < 3000; k++) {
      const v = (rnd() - 0.3) * 10 ** Math.floor(rnd() * 14 - 6);
      for (const d of [0, 1, 2, 4, 8]) {
        const abs = Math.abs(v);
        const digits = abs > 0 && abs < 1 ? Math.max(d, Math.min(10, Math.ceil(-Math.log10(abs)) + 3)) : d;
        expect(num(v, d)).toBe(v.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: true }));
      }
    }
  });

  it('says what a refusal says', () => {
    expect(pct(2.4000000001)).toBe('2.4%');
    expect(pct(0.354)).toBe('0.354%');
    expect(pct(12.34)).toBe('12.3%');
    expect(money(1234.567, 'USDT')).toBe('1,234.57 USDT');
    expect(num(0.000012345)).toBe('0.00001235');
    expect(num(Number.NaN)).toBe('NaN');
    expect(num(-1234567.891, 1)).toBe('-1,234,567.9');
  });
});
