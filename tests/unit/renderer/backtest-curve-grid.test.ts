import { describe, expect, it } from 'vitest';
import { commonGrid, onGrid } from '../../../renderer/src/features/backtest/curve-grid.ts';

const H = 3_600_000;
const curve = (from: number, step: number, values: number[]) => values.map((v, i) => [from + i * step, v] as const);

describe('runs of different grids on one time axis', () => {
  it('keeps the runs as they are when they share their times', () => {
    const a = curve(0, H, [1, 2, 3]);
    expect(commonGrid([a, curve(0, H, [5, 6, 7])])).toBeNull();
    expect(commonGrid([a])).toBeNull();
  });

  it('puts a short 1m run and a long 4h run on one evenly spaced grid over both', () => {
    const m1 = curve(2 * 24 * H, 60_000, Array.from({ length: 2880 }, (_, i) => 100 + i));
    const h4 = curve(0, 4 * H, Array.from({ length: 126 }, (_, i) => 100 - i));
    const grid = commonGrid([m1, h4], 100)!;
    expect(grid[0]).toBe(0);
    expect(grid.at(-1)).toBe(125 * 4 * H);
    const steps = new Set(grid.slice(1, -1).map((t, k) => t - grid[k]!));
    expect(steps.size).toBe(1);
    expect(grid.length).toBeGreaterThanOrEqual(100);
    expect(grid.length).toBeLessThanOrEqual(102);
    // The 1m run's two days take their share of the width: two days of 21, not most of it.
    const drawn = onGrid(m1, grid, 'last');
    expect(drawn.length / grid.length).toBeGreaterThan(0.07);
    expect(drawn.length / grid.length).toBeLessThan(0.12);
  });

  it('takes equity as it stood at each grid time, and drawdown at its deepest since the one before', () => {
    const c = curve(0, 10, [0, -5, -1, -2, 0, -3]);
    expect(onGrid(c, [0, 25, 50, 60], 'last')).toEqual([[0, 0], [25, -1], [50, -3]]);
    expect(onGrid(c, [0, 25, 50, 60], 'least')).toEqual([[0, 0], [25, -5], [50, -3]]);
    // Nothing before the curve's first point, which is kept; and its last point where no grid time falls on it.
    expect(onGrid(curve(20, 10, [7, 8]), [0, 15, 30], 'last')).toEqual([[20, 7], [30, 8]]);
    expect(onGrid(curve(0, 10, [0, -4, -2]), [0, 15], 'least')).toEqual([[0, 0], [15, -4], [20, -4]]);
    expect(onGrid(curve(0, 10, [0, -4, -2]), [0, 15], 'last')).toEqual([[0, 0], [15, -4], [20, -2]]);
    // A run shorter than a grid step between two grid times still shows: its first and last points.
    expect(onGrid(curve(40, 10, [5, 6, 7]), [0, 100], 'last')).toEqual([[40, 5], [60, 7]]);
  });
});
