import { describe, expect, it } from 'vitest';
import { stochastic, StochasticStream } from '../../../shared/indicators/index.ts';
import { expectClose, expectIdentical, expectStreamMatches, firstValue, nanIndices, withNaN } from './compare.ts';
import { btc5000, btcAll, forming } from './data.ts';
import { MA_SMA, talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('stochastic', () => {
  it('matches TA-Lib STOCH (SMA-smoothed %K and %D) on 5,000 real candles', async () => {
    const c = btc5000();
    for (const [k, ks, d] of [[14, 3, 3], [5, 3, 3], [14, 1, 3], [21, 5, 4]] as const) {
      const [refK, refD] = await talib('STOCH', [c.high, c.low, c.close], [k, ks, MA_SMA, d, MA_SMA], 2);
      const got = stochastic(c.high, c.low, c.close, k, ks, d);
      // TA-Lib starts %K at %D's first index; Keel gives %K as soon as it exists.
      const kFrom = k + ks - 2;
      const dFrom = k + ks + d - 3;
      expect(firstValue(got.k)).toBe(kFrom);
      expect(firstValue(got.d)).toBe(dFrom);
      expect(firstValue(refD!)).toBe(dFrom);
      // Oscillator on 0..100: relative to max(|value|, 1), as a running sum may leave 1e-14 where 0 is exact.
      expectClose(got.k.map((v, i) => (i < dFrom ? NaN : v)), refK!, `%K(${k},${ks},${d})`, 1e-9, 1);
      expectClose(got.d, refD!, `%D(${k},${ks},${d})`, 1e-9, 1);
    }
  });

  it('works out a small case by hand; a flat range gives 50', () => {
    // windows of 2: hh/ll = (4,1) (5,2) (6,3); fast %K = 100*(3-1)/3, 100*(5-2)/3, 100*(4-3)/3
    const got = stochastic(F(2, 4, 5, 6), F(1, 2, 3, 4), F(1, 3, 5, 4), 2, 1, 2);
    expectClose(got.k, F(NaN, 200 / 3, 100, 100 / 3), '%K', 1e-15);
    expectClose(got.d, F(NaN, NaN, 250 / 3, 200 / 3), '%D', 1e-15);
    const flat = stochastic(F(5, 5, 5), F(5, 5, 5), F(5, 5, 5), 2, 1, 1);
    expectIdentical(flat.k, F(NaN, 50, 50), 'flat');
    expect(stochastic(new Float64Array(0), new Float64Array(0), new Float64Array(0)).k.length).toBe(0);
  });

  it('a NaN high spoils the kPeriod windows holding it, a NaN close only its own bar, then smoothing spreads both', () => {
    const c = btc5000();
    const got = stochastic(withNaN(c.high, [100]), c.low, withNaN(c.close, [1000]), 14, 3, 3);
    const expectedK = new Set<number>();
    for (let i = 0; i < 15; i++) expectedK.add(i);
    for (let i = 100; i < 100 + 14 + 2; i++) expectedK.add(i); // high window 14, then %K's SMA(3)
    for (let i = 1000; i < 1000 + 3; i++) expectedK.add(i);
    expect(nanIndices(got.k)).toEqual([...expectedK].sort((a, b) => a - b));
    const clean = stochastic(c.high, c.low, c.close, 14, 3, 3);
    expectClose(got.d, got.d.map((v, i) => (v === v ? clean.d[i]! : NaN)), '%D after NaN', 1e-9, 1);
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    const b = stochastic(c.high, c.low, c.close);
    expectStreamMatches(
      'stochastic',
      c.close.length,
      () => new StochasticStream(),
      (s, i, how, stage) => {
        const x = stage === 'forming' ? forming(c, i) : { high: c.high[i]!, low: c.low[i]!, close: c.close[i]! };
        return s[how](x.high, x.low, x.close);
      },
      (s) => [s.k, s.d, s.value],
      [b.k, b.d, b.k],
    );
    const h = withNaN(c.high.slice(0, 2000), [0, 30, 31]);
    const cl = withNaN(c.close.slice(0, 2000), [5, 500]);
    const l = c.low.slice(0, 2000);
    const bh = stochastic(h, l, cl, 5, 3, 3);
    expectStreamMatches('stochastic(5,3,3) with NaN', 2000, () => new StochasticStream(5, 3, 3), (s, i, how, stage) => (stage === 'forming' ? s[how](NaN, NaN, NaN) : s[how](h[i]!, l[i]!, cl[i]!)), (s) => [s.k, s.d], [bh.k, bh.d]);
  });
});
