import { describe, expect, it } from 'vitest';
import { keltner, KeltnerStream } from '../../../shared/indicators/index.ts';
import { expectClose, expectStreamMatches, firstValue, nanIndices, withNaN } from './compare.ts';
import { btc5000, btcAll, forming } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('keltner', () => {
  it('equals TA-Lib EMA(close) ± mult × TA-Lib ATR on 5,000 real candles', async () => {
    const c = btc5000();
    for (const [p, m, ap] of [[20, 2, 10], [20, 1.5, 20], [10, 2, 30]] as const) {
      const [e] = await talib('EMA', [c.close], [p]);
      const [a] = await talib('ATR', [c.high, c.low, c.close], [ap]);
      const got = keltner(c.high, c.low, c.close, p, m, ap);
      expectClose(got.middle, e!, `middle(${p})`);
      expectClose(got.upper, e!.map((x, i) => x + m * a![i]!), `upper(${p},${m},${ap})`);
      expectClose(got.lower, e!.map((x, i) => x - m * a![i]!), `lower(${p},${m},${ap})`);
      expect(firstValue(got.middle)).toBe(p - 1);
      expect(firstValue(got.upper)).toBe(Math.max(p - 1, ap));
    }
  });

  it('returns NaN warm-up for short input; a NaN high spoils only the bands of that bar', () => {
    expectClose(keltner(F(3, 4), F(1, 2), F(2, 3), 2, 1, 1).upper, F(NaN, 2.5 + 2), 'tiny', 1e-15);
    expect(keltner(new Float64Array(0), new Float64Array(0), new Float64Array(0)).middle.length).toBe(0);
    const c = btc5000();
    const got = keltner(withNaN(c.high, [500]), c.low, c.close);
    expect(nanIndices(got.upper)).toEqual([...Array(19).keys(), 500]);
    expect(nanIndices(got.middle)).toEqual([...Array(19).keys()]);
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    const b = keltner(c.high, c.low, c.close);
    expectStreamMatches(
      'keltner',
      c.close.length,
      () => new KeltnerStream(),
      (s, i, how, stage) => {
        const x = stage === 'forming' ? forming(c, i) : { high: c.high[i]!, low: c.low[i]!, close: c.close[i]! };
        return s[how](x.high, x.low, x.close);
      },
      (s) => [s.middle, s.upper, s.lower, s.value],
      [b.middle, b.upper, b.lower, b.middle],
    );
  });
});
