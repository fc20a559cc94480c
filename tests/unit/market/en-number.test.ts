// enNumber: the en-US text of a number through kept formatters, digit for digit what toLocaleString with
// the same decimals gives (the summary table, the HTML report and the screen all print through it).
import { describe, expect, it } from 'vitest';
import { enNumber } from '../../../shared/domain/en-number.ts';

describe('enNumber', () => {
  it('is toLocaleString("en-US") with the same decimals (and no minus on a value that rounds to zero), for many values and every pair of decimals used', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pairs = [[0, 0], [0, 2], [0, 8], [2, 2], [4, 4], [6, 6], [8, 8], [1, 3]] as const;
    for (let k = 0; k < 2000; k++) {
      const v = (rnd() - 0.4) * 10 ** Math.floor(rnd() * 16 - 8);
      for (const [lo, hi] of pairs) expect(enNumber(v, lo, hi)).toBe(v.toLocaleString('en-US', { minimumFractionDigits: lo, maximumFractionDigits: hi, signDisplay: 'negative' }));
    }
  });

  it('groups thousands and pads or trims decimals as asked', () => {
    expect(enNumber(1234567.891, 2, 2)).toBe('1,234,567.89');
    expect(enNumber(1.5, 2, 2)).toBe('1.50');
    expect(enNumber(1.5, 0, 8)).toBe('1.5');
    expect(enNumber(-0.000012345, 0, 8)).toBe('-0.00001235');
    expect(enNumber(Number.NaN, 2, 2)).toBe('NaN');
  });

  it('writes a loss too small for the decimals shown as zero, not "-0.00", and rounds half away from zero', () => {
    // A drawdown of -0.00001 % read "-0.00%", a figure that is neither a loss you can see nor a zero.
    expect(enNumber(-0.00001, 2, 2)).toBe('0.00');
    expect(enNumber(-0.004, 2, 2)).toBe('0.00');
    expect(enNumber(-0, 2, 2)).toBe('0.00');
    expect(enNumber(-0.4, 0, 0)).toBe('0');
    expect(enNumber(-1e-9, 0, 8)).toBe('0');
    // Past half the last digit shown it is a loss, and says so.
    expect(enNumber(-0.005, 2, 2)).toBe('-0.01');
    expect(enNumber(-0.006, 2, 2)).toBe('-0.01');
    expect(enNumber(0.005, 2, 2)).toBe('0.01');
    expect(enNumber(-1234.5, 2, 2)).toBe('-1,234.50');
  });
});
