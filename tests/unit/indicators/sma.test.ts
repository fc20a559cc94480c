import { describe, expect, it } from 'vitest';
import { sma, SmaStream } from '../../../shared/indicators/index.ts';
import { expectClose, expectIdentical, expectStreamMatches, firstValue, nanIndices, withNaN } from './compare.ts';
import { btc5000, btcAll } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('sma', () => {
  it('matches TA-Lib SMA on 5,000 real 1m BTC closes, first value at index period-1', async () => {
    const c = btc5000();
    for (const p of [2, 20, 200]) {
      const ref = (await talib('SMA', [c.close], [p]))[0]!;
      const got = sma(c.close, p);
      expectClose(got, ref, `sma(${p})`);
      expect(firstValue(got)).toBe(p - 1);
    }
  });

  it('works out a small case by hand; period 1 is the input', () => {
    expectIdentical(sma(F(1, 2, 3, 4, 5), 3), F(NaN, NaN, 2, 3, 4), 'sma(3)');
    expectIdentical(sma(F(7, 8), 1), F(7, 8), 'sma(1)');
  });

  it('returns NaN warm-up for empty and too-short input, never throws', () => {
    expect(sma(new Float64Array(0), 5).length).toBe(0);
    expectIdentical(sma(F(1, 2, 3, 4), 5), F(NaN, NaN, NaN, NaN), 'short');
    expectIdentical(sma(F(1, 2, 3, 4, 5), 5), F(NaN, NaN, NaN, NaN, 3), 'exactly period');
  });

  it('a NaN spoils exactly the windows that hold it, then the average recovers', () => {
    const c = btc5000();
    const p = 20;
    const holes = [3, 100, 101, 2500];
    const got = sma(withNaN(c.close, holes), p);
    const expectedNaN = new Set<number>();
    for (let i = 0; i < p - 1; i++) expectedNaN.add(i);
    for (const h of holes) for (let i = h; i < h + p; i++) expectedNaN.add(i);
    expect(nanIndices(got)).toEqual([...expectedNaN].sort((a, b) => a - b));
    const clean = sma(c.close, p);
    const recovered = got.map((v, i) => (v === v ? clean[i]! : NaN));
    expectClose(got, recovered, 'sma after NaN', 1e-12);
  });

  it('streams the same numbers as the batch form over all 30,240 bars, forming bars replaced', () => {
    const c = btcAll();
    const n = c.close.length;
    expectStreamMatches(
      'sma(20)',
      n,
      () => new SmaStream(20),
      (s, i, how, stage) => s[how](stage === 'forming' ? c.open[i]! : c.close[i]!),
      (s) => [s.value],
      [sma(c.close, 20)],
    );
    const holes = withNaN(c.close.slice(0, 3000), [0, 50, 51, 1000]);
    expectStreamMatches('sma(7) with NaN', holes.length, () => new SmaStream(7), (s, i, how, stage) => s[how](stage === 'forming' ? 1 : holes[i]!), (s) => [s.value], [sma(holes, 7)]);
  });
});
