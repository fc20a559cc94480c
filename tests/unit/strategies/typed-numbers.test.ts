// Numbers a trader types (parameters, ranges, exits, capital): decimal notation only, and an answer at
// once however long the text (a pasted column, a stuck key), not a pattern that tries every split of it.
import { describe, expect, it } from 'vitest';
import { decimalNumber } from '../../../shared/domain/decimal-text.ts';

describe('decimalNumber', () => {
  it.each([
    ['10', 10],
    ['-0.5', -0.5],
    ['+.5e+2', 50],
    ['2.5e-3', 0.0025],
    ['1.', 1],
    [' 7 ', 7],
  ])('reads %j as %d', (text, value) => {
    expect(decimalNumber(text)).toBe(value);
  });

  it.each(['0x10', '0b11', '0o7', 'Infinity', '', '1e', '1..2', '.', '1,5'])('reads %j as no number', (text) => {
    expect(decimalNumber(text)).toBeNaN();
  });

  it('answers at once on a long run of digits that is no number', () => {
    // Quadratic backtracking took ~1.7 s on 20,000 digits, so ~40 s here: past the test's 5 s limit.
    expect(decimalNumber(`${'1'.repeat(100_000)}x`)).toBeNaN();
  });
});
