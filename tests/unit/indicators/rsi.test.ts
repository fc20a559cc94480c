import { describe, expect, it } from 'vitest';
import { rsi, RsiStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, firstValue, withNaN, without } from './compare.ts';
import { btc5000, btcAll } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('rsi', () => {
  it("matches TA-Lib RSI (Wilder) on 5,000 real closes, first value at index period", async () => {
    const c = btc5000();
    for (const p of [2, 14, 50]) {
      const got = rsi(c.close, p);
      expectClose(got, (await talib('RSI', [c.close], [p]))[0]!, `rsi(${p})`, 1e-9, 1);
      expect(firstValue(got)).toBe(p);
    }
    expect(firstValue(rsi(c.close))).toBe(14);
  });

  it('works out a small case by hand; flat prices give 50', () => {
    // changes +2, -1: avg gain 1, avg loss 0.5 -> 100*1/1.5; then +3: gain (1 + (3-1)/2) = 2, loss 0.25 -> 100*2/2.25
    expectClose(rsi(F(10, 12, 11, 14), 2), F(NaN, NaN, 100 / 1.5, 200 / 2.25), 'rsi(2)', 1e-15);
    expectIdentical(rsi(F(5, 5, 5, 5), 2), F(NaN, NaN, 50, 50), 'flat');
    expect(rsi(new Float64Array(0)).length).toBe(0);
    expectIdentical(rsi(F(1, 2, 3), 3), F(NaN, NaN, NaN), 'short');
  });

  it('treats a NaN as a missing bar: the next change is taken from the last valid close', () => {
    const c = btc5000();
    const holes = [0, 7, 500, 501, 4999];
    expectIdentical(rsi(withNaN(c.close, holes)), expand(rsi(without(c.close, holes)), c.close.length, holes), 'rsi with holes');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    expectStreamMatches('rsi(14)', c.close.length, () => new RsiStream(14), (s, i, how, stage) => s[how](stage === 'forming' ? c.open[i]! : c.close[i]!), (s) => [s.value], [rsi(c.close, 14)]);
    const holes = withNaN(c.close.slice(0, 2000), [0, 3, 4, 1000]);
    expectStreamMatches('rsi(5) with NaN', holes.length, () => new RsiStream(5), (s, i, how, stage) => s[how](stage === 'forming' ? NaN : holes[i]!), (s) => [s.value], [rsi(holes, 5)]);
  });
});
