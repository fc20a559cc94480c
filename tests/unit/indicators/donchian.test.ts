import { describe, expect, it } from 'vitest';
import { donchian, DonchianStream, rollingMax, WindowExtremeStream } from '../../../shared/indicators/index.ts';
import { expectClose, expectIdentical, expectStreamMatches, firstValue, nanIndices, withNaN } from './compare.ts';
import { btc5000, btcAll, forming } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('donchian', () => {
  it('matches TA-Lib MAX(high) and MIN(low) on 5,000 real candles, first value at index period-1', async () => {
    const c = btc5000();
    for (const p of [2, 20, 55]) {
      const [hi] = await talib('MAX', [c.high], [p]);
      const [lo] = await talib('MIN', [c.low], [p]);
      const got = donchian(c.high, c.low, p);
      expectIdentical(got.upper, hi!, `upper(${p})`);
      expectIdentical(got.lower, lo!, `lower(${p})`);
      expectClose(got.middle, hi!.map((h, i) => (h + lo![i]!) / 2), `middle(${p})`, 1e-15);
      expect(firstValue(got.upper)).toBe(p - 1);
    }
  });

  it('works out a small case by hand, including a run of equal and falling values', () => {
    const got = donchian(F(5, 3, 3, 2, 1, 4), F(1, 2, 0, 2, 1, 3), 3);
    expectIdentical(got.upper, F(NaN, NaN, 5, 3, 3, 4), 'upper');
    expectIdentical(got.lower, F(NaN, NaN, 0, 0, 0, 1), 'lower');
    expectIdentical(got.middle, F(NaN, NaN, 2.5, 1.5, 1.5, 2.5), 'middle');
    expect(donchian(new Float64Array(0), new Float64Array(0)).upper.length).toBe(0);
  });

  it('a NaN spoils exactly the windows that hold it, then the channel recovers', () => {
    const c = btc5000();
    const got = donchian(withNaN(c.high, [50, 3000]), c.low, 20);
    const expected = new Set<number>();
    for (let i = 0; i < 19; i++) expected.add(i);
    for (const h of [50, 3000]) for (let i = h; i < h + 20; i++) expected.add(i);
    expect(nanIndices(got.upper)).toEqual([...expected].sort((a, b) => a - b));
    expect(nanIndices(got.lower)).toEqual([...Array(19).keys()]);
    const clean = rollingMax(c.high, 20);
    expectIdentical(got.upper, got.upper.map((v, i) => (v === v ? clean[i]! : NaN)), 'upper after NaN');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    const b = donchian(c.high, c.low);
    expectStreamMatches(
      'donchian',
      c.close.length,
      () => new DonchianStream(),
      (s, i, how, stage) => {
        const x = stage === 'forming' ? forming(c, i) : { high: c.high[i]!, low: c.low[i]! };
        return s[how](x.high, x.low);
      },
      (s) => [s.middle, s.upper, s.lower, s.value],
      [b.middle, b.upper, b.lower, b.middle],
    );
    const h = withNaN(c.high.slice(0, 3000), [0, 100, 101, 2000]);
    for (const p of [1, 2, 7, 64]) {
      expectStreamMatches(`max(${p}) with NaN`, h.length, () => new WindowExtremeStream(p, 'max'), (s, i, how, stage) => s[how](stage === 'forming' ? 1e9 : h[i]!), (s) => [s.value], [rollingMax(h, p)]);
    }
  });
});
