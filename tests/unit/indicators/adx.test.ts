import { describe, expect, it } from 'vitest';
import { adx, AdxStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, firstValue, withNaN, without } from './compare.ts';
import { btc5000, btcAll, forming } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('adx', () => {
  it('matches TA-Lib PLUS_DI, MINUS_DI and ADX on 5,000 real candles', async () => {
    const c = btc5000();
    for (const p of [2, 14, 30]) {
      const got = adx(c.high, c.low, c.close, p);
      const hlc = [c.high, c.low, c.close];
      expectClose(got.plusDi, (await talib('PLUS_DI', hlc, [p]))[0]!, `+DI(${p})`, 1e-9, 1);
      expectClose(got.minusDi, (await talib('MINUS_DI', hlc, [p]))[0]!, `-DI(${p})`, 1e-9, 1);
      expectClose(got.adx, (await talib('ADX', hlc, [p]))[0]!, `ADX(${p})`, 1e-9, 1);
      expect(firstValue(got.plusDi)).toBe(p);
      expect(firstValue(got.adx)).toBe(2 * p - 1);
    }
  });

  it('works out a small case by hand (period 2)', () => {
    // bar1: up 12-10 = 2, down 9-10 < 0 -> +DM 2; TR max(12,10)-min(10,10) = 2 (the seed sums period-1 = 1 bar)
    // bar2: up 1, down -1 -> +DM 1; TR 13-11 = 2; s+DM = 2 - 2/2 + 1 = 2, sTR = 2 - 1 + 2 = 3 -> +DI 200/3, -DI 0, DX 100
    // bar3: up -3, down 11-6 = 5 -> -DM 5; TR max(10,12)-min(6,12) = 6; s+DM 1, s-DM 5, sTR 1.5 + 6 = 7.5
    //   -> +DI 100/7.5, -DI 500/7.5, DX 100*4/6; ADX = mean of the two DX = (100 + 400/6)/2
    const h = F(10, 12, 13, 10);
    const l = F(9, 10, 11, 6);
    const c = F(10, 11, 12, 7);
    const got = adx(h, l, c, 2);
    expectClose(got.plusDi, F(NaN, NaN, 200 / 3, 100 / 7.5), '+DI', 1e-14);
    expectClose(got.minusDi, F(NaN, NaN, 0, 500 / 7.5), '-DI', 1e-14);
    expectClose(got.adx, F(NaN, NaN, NaN, (100 + 400 / 6) / 2), 'ADX', 1e-14);
  });

  it('returns NaN warm-up for short input and treats a NaN bar as missing', () => {
    expect(adx(new Float64Array(0), new Float64Array(0), new Float64Array(0)).adx.length).toBe(0);
    const c = btc5000();
    const holes = [0, 20, 21, 4000];
    const got = adx(withNaN(c.high, [0, 21]), withNaN(c.low, [20]), withNaN(c.close, [4000]));
    const compact = adx(without(c.high, holes), without(c.low, holes), without(c.close, holes));
    expectIdentical(got.adx, expand(compact.adx, 5000, holes), 'adx with holes');
    expectIdentical(got.plusDi, expand(compact.plusDi, 5000, holes), '+DI with holes');
    const flat = adx(F(5, 5, 5, 5, 5), F(5, 5, 5, 5, 5), F(5, 5, 5, 5, 5), 2);
    // No range at all: DI 0 (TA-Lib's convention), DX undefined, the ADX seed averages it as 0.
    expectIdentical(flat.plusDi, F(NaN, NaN, 0, 0, 0), 'flat +DI');
    expectIdentical(flat.adx, F(NaN, NaN, NaN, 0, 0), 'flat ADX');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    const b = adx(c.high, c.low, c.close);
    expectStreamMatches(
      'adx',
      c.close.length,
      () => new AdxStream(),
      (s, i, how, stage) => {
        const x = stage === 'forming' ? forming(c, i) : { high: c.high[i]!, low: c.low[i]!, close: c.close[i]! };
        return s[how](x.high, x.low, x.close);
      },
      (s) => [s.adx, s.plusDi, s.minusDi, s.value],
      [b.adx, b.plusDi, b.minusDi, b.adx],
    );
  });
});
