import { describe, expect, it } from 'vitest';
import { atr, AtrStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, firstValue, withNaN, without } from './compare.ts';
import { btc5000, btcAll, forming } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('atr', () => {
  it("matches TA-Lib ATR (Wilder) on 5,000 real candles, first value at index period", async () => {
    const c = btc5000();
    for (const p of [1, 2, 14, 100]) {
      const got = atr(c.high, c.low, c.close, p);
      expectClose(got, (await talib('ATR', [c.high, c.low, c.close], [p]))[0]!, `atr(${p})`);
      expect(firstValue(got)).toBe(p);
    }
  });

  it('works out true range by hand, gaps included', () => {
    // TR1 = max(12,10)-min(9,10) = 3; TR2 (gap up over close 11) = max(15,11)-min(13,11) = 4; TR3 (gap down) = max(9,14)-min(8,14) = 6
    const h = F(10, 12, 15, 9);
    const l = F(9, 9, 13, 8);
    const c = F(10, 11, 14, 8.5);
    expectClose(atr(h, l, c, 2), F(NaN, NaN, 3.5, 3.5 + (6 - 3.5) / 2), 'atr(2)', 1e-15);
    expect(atr(new Float64Array(0), new Float64Array(0), new Float64Array(0)).length).toBe(0);
    expectIdentical(atr(F(1, 2), F(1, 2), F(1, 2), 2), F(NaN, NaN), 'short');
  });

  it('treats a bar with a NaN high, low or close as missing', () => {
    const c = btc5000();
    const holes = [0, 10, 11, 2222];
    const h = withNaN(c.high, [0, 11]);
    const l = withNaN(c.low, [10]);
    const cl = withNaN(c.close, [2222]);
    const compact = atr(without(c.high, holes), without(c.low, holes), without(c.close, holes), 14);
    expectIdentical(atr(h, l, cl, 14), expand(compact, c.close.length, holes), 'atr with holes');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    expectStreamMatches(
      'atr(14)',
      c.close.length,
      () => new AtrStream(14),
      (s, i, how, stage) => {
        const b = stage === 'forming' ? forming(c, i) : { high: c.high[i]!, low: c.low[i]!, close: c.close[i]! };
        return s[how](b.high, b.low, b.close);
      },
      (s) => [s.value],
      [atr(c.high, c.low, c.close, 14)],
    );
  });
});
