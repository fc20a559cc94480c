import { describe, expect, it } from 'vitest';
import { ema, EmaStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, firstValue, withNaN, without } from './compare.ts';
import { btc5000, btcAll } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('ema', () => {
  it('matches TA-Lib EMA (SMA-seeded) on 5,000 real closes, first value at index period-1', async () => {
    const c = btc5000();
    for (const p of [2, 12, 26, 200]) {
      const got = ema(c.close, p);
      expectClose(got, (await talib('EMA', [c.close], [p]))[0]!, `ema(${p})`);
      expect(firstValue(got)).toBe(p - 1);
    }
  });

  it('works out a small case by hand', () => {
    // alpha = 2/4 = 0.5; seed = mean(2, 4, 6) = 4; then 4 + 0.5*(8-4) = 6; 6 + 0.5*(2-6) = 4
    expectIdentical(ema(F(2, 4, 6, 8, 2), 3), F(NaN, NaN, 4, 6, 4), 'ema(3)');
    expectIdentical(ema(F(5, 6), 1), F(5, 6), 'ema(1)');
  });

  it('returns NaN warm-up for empty and too-short input', () => {
    expect(ema(new Float64Array(0), 3).length).toBe(0);
    expectIdentical(ema(F(1, 2), 3), F(NaN, NaN), 'short');
  });

  it('treats a NaN as a missing bar: NaN there, the EMA carries on from the last valid value', () => {
    const c = btc5000();
    const holes = [0, 5, 300, 301, 4000];
    const got = ema(withNaN(c.close, holes), 20);
    expectIdentical(got, expand(ema(without(c.close, holes), 20), c.close.length, holes), 'ema with holes');
    // Leading NaNs (another indicator's warm-up) only delay the seed.
    const lead = withNaN(c.close, [0, 1, 2, 3, 4]);
    expect(firstValue(ema(lead, 9))).toBe(5 + 8);
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    expectStreamMatches('ema(20)', c.close.length, () => new EmaStream(20), (s, i, how, stage) => s[how](stage === 'forming' ? c.open[i]! : c.close[i]!), (s) => [s.value], [ema(c.close, 20)]);
    const holes = withNaN(c.close.slice(0, 2000), [0, 1, 30, 900]);
    expectStreamMatches('ema(5) with NaN', holes.length, () => new EmaStream(5), (s, i, how, stage) => s[how](stage === 'forming' ? NaN : holes[i]!), (s) => [s.value], [ema(holes, 5)]);
  });
});
