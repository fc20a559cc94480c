import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { vwap, VwapStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, withNaN, without } from './compare.ts';
import { btc5000, btcAll, forming } from './data.ts';

const ti = createRequire(import.meta.url)('technicalindicators') as {
  VWAP: { calculate(o: { high: number[]; low: number[]; close: number[]; volume: number[] }): number[] };
};
const F = (...v: number[]) => Float64Array.from(v);
const DAY = 86_400_000;

/** The per-day VWAP written the plain way: group bars by UTC date, then cumulate within each group. */
function vwapByDay(h: Float64Array, l: Float64Array, c: Float64Array, v: Float64Array, t: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  let date = '';
  let pv = 0;
  let vol = 0;
  for (let i = 0; i < c.length; i++) {
    const d = new Date(t[i]!).toISOString().slice(0, 10);
    if (d !== date) [date, pv, vol] = [d, 0, 0];
    pv += ((h[i]! + l[i]! + c[i]!) / 3) * v[i]!;
    vol += v[i]!;
    out[i] = vol > 0 ? pv / vol : NaN;
  }
  return out;
}

describe('vwap', () => {
  it('matches technicalindicators VWAP (cumulative, hlc3) on 5,000 real candles, from the first bar', () => {
    const c = btc5000();
    const ref = ti.VWAP.calculate({ high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close), volume: Array.from(c.volume) });
    expect(ref.length).toBe(5000);
    expectClose(vwap(c.high, c.low, c.close, c.volume), ref, 'vwap');
  });

  it('resets at each UTC midnight with reset utc-day (checked over all 21 days)', () => {
    const c = btcAll();
    const got = vwap(c.high, c.low, c.close, c.volume, { reset: 'utc-day', time: c.time });
    expectClose(got, vwapByDay(c.high, c.low, c.close, c.volume, c.time), 'daily vwap');
    // The data starts at 2023-03-01 00:00 UTC: day 2 starts at bar 1440 and its VWAP starts afresh.
    expect(c.time[1440]! % DAY).toBe(0);
    expect(got[1440]).not.toBe(vwap(c.high, c.low, c.close, c.volume)[1440]);
  });

  it('works out a small case by hand, across a UTC midnight; no volume yet means NaN', () => {
    const t = F(Date.UTC(2024, 0, 1, 23, 58), Date.UTC(2024, 0, 1, 23, 59), Date.UTC(2024, 0, 2, 0, 0));
    const h = F(12, 13, 21);
    const l = F(9, 11, 19);
    const c = F(9, 12, 20); // typical 10, 12, 20
    const v = F(2, 1, 3);
    expectClose(vwap(h, l, c, v), F(10, 32 / 3, 92 / 6), 'cumulative', 1e-15);
    expectClose(vwap(h, l, c, v, { reset: 'utc-day', time: t }), F(10, 32 / 3, 20), 'daily', 1e-15);
    expectIdentical(vwap(h, l, c, F(0, 0, 3)), F(NaN, NaN, 20), 'zero volume');
    expect(vwap(new Float64Array(0), new Float64Array(0), new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });

  it('treats a bar with any NaN input as missing', () => {
    const c = btc5000();
    const holes = [0, 77, 3000];
    const got = vwap(withNaN(c.high, [0]), c.low, withNaN(c.close, [77]), withNaN(c.volume, [3000]));
    expectIdentical(got, expand(vwap(without(c.high, holes), without(c.low, holes), without(c.close, holes), without(c.volume, holes)), 5000, holes), 'vwap with holes');
  });

  it('streams the same numbers as the batch form, forming bars replaced, both resets', () => {
    const c = btcAll();
    for (const reset of ['none', 'utc-day'] as const) {
      const b = vwap(c.high, c.low, c.close, c.volume, { reset, time: c.time });
      expectStreamMatches(
        `vwap ${reset}`,
        c.close.length,
        () => new VwapStream({ reset }),
        (s, i, how, stage) => {
          const x = stage === 'forming' ? forming(c, i) : { high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]! };
          return s[how](x.high, x.low, x.close, x.volume, c.time[i]!);
        },
        (s) => [s.value],
        [b],
      );
    }
  });
});
