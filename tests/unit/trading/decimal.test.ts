// The decimal fast paths (hand-parsed text, floats with few decimals, formatting by position) give
// exactly what the general forms give: a regex parse of the text, the float's printed shortest form,
// and bigint division for the point.
import { describe, expect, it } from 'vitest';
import { dec, decFromNumber, exactNumber, floorTo, floorToFromNumber, format, ONE, type Dec } from '../../../shared/trading/decimal.ts';
import { mulberry32 as rng } from '../../../electron/risk/projection/prng.ts';

/** The general parser, as it was before the fast path. */
function refDec(text: string): Dec {
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError('not a decimal');
  const [, sign, whole, frac = ''] = m;
  if (frac.length > 18 && /[1-9]/.test(frac.slice(18))) throw new RangeError('too many decimals');
  const atoms = BigInt(whole!) * ONE + BigInt((frac.slice(0, 18) || '0').padEnd(18, '0'));
  return sign === '-' ? -atoms : atoms;
}

/** The float's shortest printed form, exponent expanded, cut at 18 decimals. */
function refDecFromNumber(value: number): Dec {
  let s = value.toString();
  if (s.includes('e')) {
    const [mant, expText] = s.split('e') as [string, string];
    const negative = mant.startsWith('-');
    const [w, f = ''] = mant.replace('-', '').split('.') as [string, string?];
    const all = w + f;
    const point = w.length + Number(expText);
    s = (negative ? '-' : '') + (point <= 0 ? '0.' + '0'.repeat(-point) + all : point >= all.length ? all + '0'.repeat(point - all.length) : all.slice(0, point) + '.' + all.slice(point));
  }
  const dot = s.indexOf('.');
  if (dot !== -1 && s.length - dot - 1 > 18) s = s.slice(0, dot + 19);
  return refDec(s);
}

function refFormat(a: Dec): string {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const frac = (abs % ONE).toString().padStart(18, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + (abs / ONE).toString() + (frac ? '.' + frac : '');
}

describe('decimal fast paths', () => {
  it('decFromNumber gives the printed value of prices, quantities, tiny, huge and full-precision floats', () => {
    const r = rng(7);
    const values = [0, -0, 0.1, 0.2, 0.3, 1e-7, 1e-18, 1e-19, 5e-324, 1e21, 1.5e300, 46216.93, 0.015, 2 ** 50 / 10 + 0.5, 123456789012345.6, 9007199254740993, -1e-7];
    for (let i = 0; i < 40_000; i++) {
      const kind = i % 6;
      if (kind === 0) values.push(Math.round(r() * 1e7) / 100);
      else if (kind === 1) values.push(Math.round(r() * 1e9) / 10 ** Math.floor(r() * 12));
      else if (kind === 2) values.push(r() * 10 ** (Math.floor(r() * 40) - 20));
      else if (kind === 3) values.push(-r() * 10 ** (Math.floor(r() * 30) - 15));
      else if (kind === 4) values.push(Number((r() * 1000).toFixed(Math.floor(r() * 16))));
      else values.push(Math.floor(r() * 2 ** 53) / 2 ** Math.floor(r() * 60));
    }
    for (const v of values) expect(decFromNumber(v), String(v)).toBe(refDecFromNumber(v));
    expect(() => decFromNumber(Number.NaN)).toThrow(RangeError);
  });

  it('dec parses every form as the general parser does, and refuses the same texts', () => {
    const r = rng(11);
    const texts = ['0', '-0', '42', '0.015', '-1.5', '1.', '.5', '', ' 1', '1 ', '+1', '--1', '1.2.3', '1e5', 'abc', '-', '00012.500', '0.0000000000000000001', '0.000000000000000001', '999999999999999', '1234567890123456', '123456789012345678901234567890', '1234567890123456789012345678901'];
    for (let i = 0; i < 20_000; i++) {
      const whole = Math.floor(r() * 10 ** Math.floor(r() * 16)).toString();
      const frac = Math.floor(r() * 10 ** Math.floor(r() * 20))
        .toString()
        .padStart(Math.floor(r() * 20), '0');
      texts.push((r() < 0.2 ? '-' : '') + whole + (r() < 0.7 ? '.' + frac : ''));
    }
    for (const t of texts) {
      let want: Dec | string;
      try {
        want = refDec(t);
      } catch {
        want = 'refused';
      }
      let got: Dec | string;
      try {
        got = dec(t);
      } catch {
        got = 'refused';
      }
      expect(got, JSON.stringify(t)).toBe(want);
    }
  });

  it('floorToFromNumber floors the printed value to the step, also right next to a step boundary', () => {
    const r = rng(17);
    const steps = [dec('0.00001'), dec('0.001'), dec('0.1'), dec('1'), dec('0.000005'), 1n, 3n, dec('0.25'), dec('100')];
    for (let i = 0; i < 40_000; i++) {
      const step = steps[i % steps.length]!;
      const stepF = Number(format(step));
      const kind = i % 4;
      let v: number;
      if (kind === 0) v = r() * 10 ** (Math.floor(r() * 12) - 6);
      else if (kind === 1) v = Math.floor(r() * 1e6) * stepF;
      else if (kind === 2) v = (Math.floor(r() * 1e6) + 1) * stepF * (1 - 2 ** -52 * Math.ceil(r() * 8));
      else v = Math.floor(r() * 1e9) * stepF + stepF * r() * 1e-6;
      expect(floorToFromNumber(v, step), `${v} / ${step}`).toBe(floorTo(decFromNumber(v), step));
    }
    expect(floorToFromNumber(0, dec('0.001'))).toBe(0n);
    expect(() => floorToFromNumber(Number.NaN, dec('0.001'))).toThrow(RangeError);
  });

  it('format prints what bigint division prints, and dec reads it back', () => {
    const r = rng(13);
    const amounts: Dec[] = [0n, 1n, -1n, ONE, -ONE, ONE / 10n, 10n ** 40n + 5n];
    for (let i = 0; i < 20_000; i++) {
      const a = BigInt(Math.floor(r() * 2 ** 53)) * 10n ** BigInt(Math.floor(r() * 20)) + BigInt(Math.floor(r() * 1000));
      amounts.push(r() < 0.3 ? -a : a);
    }
    for (const a of amounts) {
      expect(format(a)).toBe(refFormat(a));
      expect(dec(format(a))).toBe(a);
    }
  });

  it('exactNumber is the float of the printed amount, whether the amount was just made from a float or not', () => {
    const r = rng(29);
    for (let i = 0; i < 20_000; i++) {
      // A float as a price or quantity (few decimals, or many), made exact; another amount in between
      // (so the remembered pairs turn over); both read back.
      const digits = Math.floor(r() * 12);
      const v = Math.round(r() * 1e6 * 10 ** digits) / 10 ** digits / (r() < 0.1 ? 1e7 : 1);
      const made = decFromNumber(v);
      const other = BigInt(Math.floor(r() * 2 ** 53)) * 10n ** BigInt(Math.floor(r() * 12)) + BigInt(Math.floor(r() * 3));
      const between = decFromNumber(r() * 1000);
      expect(exactNumber(made), `${v}`).toBe(Number(format(made)));
      expect(exactNumber(other)).toBe(Number(format(other)));
      expect(exactNumber(between)).toBe(Number(format(between)));
      expect(exactNumber(-other)).toBe(Number(format(-other)));
    }
    expect(exactNumber(0n)).toBe(0);
  });
});
