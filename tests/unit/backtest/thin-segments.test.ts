// A walk-forward's stitched out-of-sample equity is thinned fold by fold for the app: about `max` points
// in all, shared by length, each fold's first point kept (the chart marks the fold there), nothing out of
// order, and a curve that does not match its segments refused.
import { describe, expect, it } from 'vitest';
import { thin, thinSegments } from '../../../electron/backtest/series-shapes.ts';

const curve = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [i * 1000, 100 + Math.sin(i / 7) * 10 + (i % 13)]);

describe('thinSegments', () => {
  it('keeps every segment\'s first point and about max points in all, in time order', () => {
    const c = curve(10_000);
    const lengths = [4000, 1000, 2500, 2500];
    const out = thinSegments(c, lengths, 2000);
    expect(out.length).toBeGreaterThan(1900);
    expect(out.length).toBeLessThanOrEqual(2010);
    let at = 0;
    for (const n of lengths) {
      expect(out).toContainEqual(c[at]);
      at += n;
    }
    expect(out.at(-1)).toEqual(c.at(-1));
    for (let i = 1; i < out.length; i++) expect(out[i]![0]).toBeGreaterThan(out[i - 1]![0]);
    // Shares by length: the long first segment has about four times the second's points.
    const inFirst = out.filter(([t]) => t < 4_000_000).length;
    const inSecond = out.filter(([t]) => t >= 4_000_000 && t < 5_000_000).length;
    expect(inFirst / inSecond).toBeCloseTo(4, 0);
  });

  it('keeps short curves whole, and one segment thins as thin does', () => {
    const c = curve(50);
    expect(thinSegments(c, [20, 30], 2000)).toEqual(c);
    const long = curve(9000);
    const t = new Float64Array(long.map(([x]) => x));
    const v = new Float64Array(long.map(([, y]) => y));
    expect(thinSegments(long, [9000], 2000)).toEqual(thin(t, v, 2000));
  });

  it('refuses segments that do not add up to the curve', () => {
    expect(() => thinSegments(curve(10), [4, 5], 100)).toThrow('segments of 9 points for a curve of 10');
  });
});
