// Numbers read in place from a CSV line must be exactly the doubles Number() gives the same text,
// whatever the digits: the fast path (digits / 10^k) and the fallback (signs, exponents, blanks).
import { describe, expect, it } from 'vitest';
import { allDigits, decimalAt } from '../../../electron/market/import/decimal-text.ts';

/** Reads `text` as a field in the middle of a line, so the offsets are not trivially 0 and length. */
const inLine = (text: string) => decimalAt(`x,${text},y`, 2, 2 + text.length);

describe('decimalAt', () => {
  it('gives Number()\'s double for prices, volumes and epoch times as exchanges write them', () => {
    for (const text of ['23140.48', '0.881378', '1677628800000', '0.1', '0.3', '100', '5.', '.5', '007.50', '0.000000012345', '27000.123456789012', '9007199254740991', '123456789.123456789'])
      expect(inLine(text), text).toBe(Number(text));
  });

  it('agrees with Number() on 200,000 random decimals of up to 20 digits', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 200_000; k++) {
      const intDigits = Math.floor(rand() * 10);
      const fracDigits = Math.floor(rand() * 11);
      let text = '';
      for (let i = 0; i < intDigits; i++) text += Math.floor(rand() * 10);
      if (fracDigits > 0 || intDigits === 0) text += '.';
      for (let i = 0; i < fracDigits || text === '.'; i++) text += Math.floor(rand() * 10);
      const want = Number(text);
      if (inLine(text) !== want) expect(inLine(text), text).toBe(want);
    }
  });

  it('falls back to Number() for signs and exponents, and is NaN for what is not a number', () => {
    expect(inLine('-1.5')).toBe(-1.5);
    expect(inLine('1e3')).toBe(1000);
    expect(inLine(' 42 ')).toBe(42);
    expect(inLine('12345678901234567890.5')).toBe(12345678901234567890.5);
    expect(inLine('0.' + '1'.repeat(30))).toBe(Number('0.' + '1'.repeat(30)));
    for (const bad of ['', '  ', 'abc', '1.2.3', 'Infinity', '-Infinity', 'NaN', '.', '1,5', '0x64', '0X64', '0b11', '0o7', '-0x10', '1e999']) expect(inLine(bad), JSON.stringify(bad)).toBeNaN();
  });
});

describe('allDigits', () => {
  it('is true for an unsigned integer only', () => {
    expect(allDigits('a,1677628800000,b', 2, 15)).toBe(true);
    for (const text of ['', '1.5', '-1', ' 1', '1e3']) expect(allDigits(text, 0, text.length), text).toBe(false);
  });
});
