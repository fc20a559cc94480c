import { describe, expect, it } from 'vitest';
import { supertrend, SuperTrendStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, firstValue, withNaN, without } from './compare.ts';
import { btc5000, btcAll, forming } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

/**
 * TradingView's ta.supertrend transcribed line by line (bands start from nz(prev) = 0, the direction
 * test compares the previous SuperTrend with the previous upper band), on TA-Lib's ATR. Pine's
 * direction is -1 up / +1 down; this returns Keel's +1 up / -1 down.
 */
function pineSupertrend(h: Float64Array, l: Float64Array, c: Float64Array, atr: Float64Array, factor: number) {
  const value = new Float64Array(c.length).fill(NaN);
  const direction = new Float64Array(c.length).fill(NaN);
  let prevUpper = 0;
  let prevLower = 0;
  let prevSuper = NaN;
  for (let i = 0; i < c.length; i++) {
    if (Number.isNaN(atr[i]!)) continue;
    const src = (h[i]! + l[i]!) / 2;
    let upper = src + factor * atr[i]!;
    let lower = src - factor * atr[i]!;
    const prevClose = i > 0 ? c[i - 1]! : NaN;
    lower = lower > prevLower || prevClose < prevLower ? lower : prevLower;
    upper = upper < prevUpper || prevClose > prevUpper ? upper : prevUpper;
    let dir: number;
    if (i === 0 || Number.isNaN(atr[i - 1]!)) dir = 1;
    else if (prevSuper === prevUpper) dir = c[i]! > upper ? -1 : 1;
    else dir = c[i]! < lower ? 1 : -1;
    const st = dir === -1 ? lower : upper;
    value[i] = st;
    direction[i] = -dir;
    [prevUpper, prevLower, prevSuper] = [upper, lower, st];
  }
  return { value, direction };
}

describe('supertrend', () => {
  it("matches TradingView's supertrend logic (on TA-Lib's ATR) over 5,000 real candles", async () => {
    const c = btc5000();
    for (const [p, m] of [[10, 3], [7, 2], [14, 1]] as const) {
      const [a] = await talib('ATR', [c.high, c.low, c.close], [p]);
      const ref = pineSupertrend(c.high, c.low, c.close, a!, m);
      const got = supertrend(c.high, c.low, c.close, p, m);
      expectClose(got.value, ref.value, `value(${p},${m})`);
      expectIdentical(got.direction, ref.direction, `direction(${p},${m})`);
      expect(firstValue(got.value)).toBe(p);
      // Real data flips: both directions occur.
      expect(new Set(got.direction.filter((d) => d === d))).toEqual(new Set([1, -1]));
    }
  });

  it('works out a small case by hand (period 1, mult 1)', () => {
    // bar1: TR 2, bands 12/8, first bar -> down, value 12
    // bar2: TR 3, bands 15/9 -> upper held at 12 (15 is higher, prev close 10 is below 12); close 12.5 > 12 -> up, value 9
    // bar3: TR 2.5, bands 13.5/8.5 -> lower held at 9; upper 13.5 (prev close 12.5 above 12 lets it reset); up, value 9
    // bar4: TR 3.5, bands 11.5/4.5 -> lower held at 9; close 7.5 < 9 -> down, value 11.5
    const got = supertrend(F(10, 11, 13, 12, 9), F(8, 9, 11, 10, 7), F(9, 10, 12.5, 10.5, 7.5), 1, 1);
    expectIdentical(got.value, F(NaN, 12, 9, 9, 11.5), 'value');
    expectIdentical(got.direction, F(NaN, -1, 1, 1, -1), 'direction');
    expect(supertrend(new Float64Array(0), new Float64Array(0), new Float64Array(0)).value.length).toBe(0);
  });

  it('treats a bar with a NaN input as missing', () => {
    const c = btc5000();
    const holes = [0, 15, 16, 2500];
    const got = supertrend(withNaN(c.high, [0, 16]), withNaN(c.low, [15]), withNaN(c.close, [2500]));
    const compact = supertrend(without(c.high, holes), without(c.low, holes), without(c.close, holes));
    expectIdentical(got.value, expand(compact.value, 5000, holes), 'value with holes');
    expectIdentical(got.direction, expand(compact.direction, 5000, holes), 'direction with holes');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    const b = supertrend(c.high, c.low, c.close);
    expectStreamMatches(
      'supertrend',
      c.close.length,
      () => new SuperTrendStream(),
      (s, i, how, stage) => {
        const x = stage === 'forming' ? forming(c, i) : { high: c.high[i]!, low: c.low[i]!, close: c.close[i]! };
        return s[how](x.high, x.low, x.close);
      },
      (s) => [s.value, s.direction],
      [b.value, b.direction],
    );
  });
});
