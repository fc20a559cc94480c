import { describe, expect, it } from 'vitest';
import { bollinger, BollingerStream } from '../../../shared/indicators/index.ts';
import { expectClose, expectIdentical, expectStreamMatches, firstValue, nanIndices, withNaN } from './compare.ts';
import { btc5000, btcAll } from './data.ts';
import { MA_SMA, talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('bollinger', () => {
  it('matches TA-Lib BBANDS (SMA middle, population std dev) on 5,000 real closes', async () => {
    const c = btc5000();
    for (const [p, k] of [[20, 2], [5, 1.5], [100, 3]] as const) {
      const [up, mid, lo] = await talib('BBANDS', [c.close], [p, k, k, MA_SMA], 3);
      const got = bollinger(c.close, p, k);
      expectClose(got.middle, mid!, `middle(${p})`);
      expectClose(got.upper, up!, `upper(${p},${k})`);
      expectClose(got.lower, lo!, `lower(${p},${k})`);
      expect(firstValue(got.middle)).toBe(p - 1);
    }
  });

  it('uses the population standard deviation (divide by period), worked by hand', () => {
    // window 2, 4, 6, 8: mean 5, population variance (9+1+1+9)/4 = 5
    const got = bollinger(F(2, 4, 6, 8), 4, 2);
    expectClose(got.middle, F(NaN, NaN, NaN, 5), 'middle', 1e-15);
    expectClose(got.upper, F(NaN, NaN, NaN, 5 + 2 * Math.sqrt(5)), 'upper', 1e-15);
    expectClose(got.lower, F(NaN, NaN, NaN, 5 - 2 * Math.sqrt(5)), 'lower', 1e-15);
    const flat = bollinger(F(3, 3, 3), 2, 2);
    expectIdentical(flat.upper, F(NaN, 3, 3), 'flat upper');
    expect(bollinger(new Float64Array(0)).middle.length).toBe(0);
  });

  it('a NaN spoils exactly the windows that hold it, then the bands recover', () => {
    const c = btc5000();
    const holes = [0, 300, 4990];
    const got = bollinger(withNaN(c.close, holes), 20, 2);
    const expected = new Set<number>();
    for (let i = 0; i < 19; i++) expected.add(i);
    for (const h of holes) for (let i = h; i < Math.min(h + 20, 5000); i++) expected.add(i);
    expect(nanIndices(got.upper)).toEqual([...expected].sort((a, b) => a - b));
    // The sums are kept relative to the first valid close, so a leading NaN moves the reference: still 1e-9.
    const clean = bollinger(c.close, 20, 2);
    expectClose(got.upper, got.upper.map((v, i) => (v === v ? clean.upper[i]! : NaN)), 'upper after NaN');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    const b = bollinger(c.close);
    expectStreamMatches('bollinger', c.close.length, () => new BollingerStream(), (s, i, how, stage) => s[how](stage === 'forming' ? c.open[i]! : c.close[i]!), (s) => [s.middle, s.upper, s.lower, s.value], [b.middle, b.upper, b.lower, b.middle]);
    const holes = withNaN(c.close.slice(0, 2000), [0, 1, 60, 1200]);
    const bh = bollinger(holes, 10, 2);
    expectStreamMatches('bollinger(10) with NaN', holes.length, () => new BollingerStream(10, 2), (s, i, how, stage) => s[how](stage === 'forming' ? c.open[i]! : holes[i]!), (s) => [s.middle, s.upper, s.lower], [bh.middle, bh.upper, bh.lower]);
  });
});
