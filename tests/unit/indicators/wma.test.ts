import { describe, expect, it } from 'vitest';
import { wma, WmaStream } from '../../../shared/indicators/index.ts';
import { expectClose, expectIdentical, expectStreamMatches, firstValue, nanIndices, withNaN } from './compare.ts';
import { btc5000, btcAll } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('wma', () => {
  it('matches TA-Lib WMA on 5,000 real closes, first value at index period-1', async () => {
    const c = btc5000();
    for (const p of [2, 9, 20, 100]) {
      const got = wma(c.close, p);
      expectClose(got, (await talib('WMA', [c.close], [p]))[0]!, `wma(${p})`);
      expect(firstValue(got)).toBe(p - 1);
    }
  });

  it('works out a small case by hand', () => {
    // (1*1 + 2*2 + 3*3)/6 = 14/6; (1*2 + 2*3 + 3*10)/6 = 38/6
    expectIdentical(wma(F(1, 2, 3, 10), 3), F(NaN, NaN, 14 / 6, 38 / 6), 'wma(3)');
    expect(wma(new Float64Array(0), 3).length).toBe(0);
    expectIdentical(wma(F(1, 2), 3), F(NaN, NaN), 'short');
  });

  it('a NaN spoils exactly the windows that hold it, then recovers', () => {
    const c = btc5000();
    const p = 10;
    const holes = [2, 700, 3000];
    const got = wma(withNaN(c.close, holes), p);
    const expected = new Set<number>();
    for (let i = 0; i < p - 1; i++) expected.add(i);
    for (const h of holes) for (let i = h; i < h + p; i++) expected.add(i);
    expect(nanIndices(got)).toEqual([...expected].sort((a, b) => a - b));
    const clean = wma(c.close, p);
    expectClose(got, got.map((v, i) => (v === v ? clean[i]! : NaN)), 'wma after NaN', 1e-12);
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    expectStreamMatches('wma(20)', c.close.length, () => new WmaStream(20), (s, i, how, stage) => s[how](stage === 'forming' ? c.open[i]! : c.close[i]!), (s) => [s.value], [wma(c.close, 20)]);
    const holes = withNaN(c.close.slice(0, 2000), [0, 40, 41, 1500]);
    expectStreamMatches('wma(6) with NaN', holes.length, () => new WmaStream(6), (s, i, how, stage) => s[how](stage === 'forming' ? NaN : holes[i]!), (s) => [s.value], [wma(holes, 6)]);
  });
});
