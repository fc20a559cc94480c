// A portfolio run's basket goes to the app at the points its equity was thinned to: the benchmark's value
// at exactly those bars, so the chart draws both curves on one set of times; a time that is no bar of the
// curve is refused rather than given a neighbour's value.
import { describe, expect, it } from 'vitest';
import { sampleAt, thin } from '../../../electron/backtest/series-shapes.ts';

describe('sampleAt', () => {
  it("gives the second curve's value at each of the first curve's thinned points", () => {
    const n = 50_000;
    const t = Float64Array.from({ length: n }, (_, i) => 1_600_000_000_000 + i * 3_600_000);
    const equity = Float64Array.from({ length: n }, (_, i) => 10_000 + Math.sin(i / 50) * 500 + i * 0.01);
    const basket = Float64Array.from({ length: n }, (_, i) => 10_000 + Math.cos(i / 80) * 900);
    const points = thin(t, equity, 2000);
    const out = sampleAt(t, basket, points);
    expect(out.map(([time]) => time)).toEqual(points.map(([time]) => time));
    for (const [time, v] of out) expect(v).toBe(basket[(time - t[0]!) / 3_600_000]);
    // The last bar is always among the points: the curve ends where the run does.
    expect(out.at(-1)).toEqual([t[n - 1], basket[n - 1]]);
  });

  it('refuses a time that is no bar of the curve', () => {
    const t = [0, 10, 20];
    expect(() => sampleAt(t, [1, 2, 3], [[15, 0]])).toThrow('no bar at 15 in the curve to sample');
  });
});
