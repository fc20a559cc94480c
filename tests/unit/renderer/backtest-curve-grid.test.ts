import type { BarPrice } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { commonGrid, onGrid } from '../../../renderer/src/features/backtest/curve-grid.ts';
import { curveKeys } from '../../../renderer/src/features/backtest/curve-keys.ts';
import { MONEY_FORMAT, PCT_FORMAT } from '../../../renderer/src/features/backtest/bt-chart.ts';
import { priceFormatFor } from '../../../renderer/src/lib/chart-price-format.ts';
import type { RunResult } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { RUN_COLORS } from '../../../renderer/src/features/backtest/run-colors.ts';

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
    // Either ends at the curve's own last value, which the line's end label reads: -2, not the step's low.
    expect(onGrid(curve(0, 10, [0, -4, -2]), [0, 15], 'least')).toEqual([[0, 0], [15, -4], [20, -2]]);
    // A low in the last step deeper than the end is drawn at its own time, then the end.
    expect(onGrid(curve(0, 10, [0, -1, -6, -3]), [0, 15], 'least')).toEqual([[0, 0], [15, -1], [20, -6], [30, -3]]);
    // The end on a grid time of its own (the longest run's) is its value too, not the step's low.
    expect(onGrid(curve(0, 10, [0, -1, -6, -3]), [0, 15, 30], 'least')).toEqual([[0, 0], [15, -1], [20, -6], [30, -3]]);
    expect(onGrid(curve(0, 10, [0, -4, -2]), [0, 15], 'last')).toEqual([[0, 0], [15, -4], [20, -2]]);
    // A run shorter than a grid step between two grid times still shows: its first and last points.
    expect(onGrid(curve(40, 10, [5, 6, 7]), [0, 100], 'last')).toEqual([[40, 5], [60, 7]]);
  });
});

describe('the key to the equity and drawdown lines', () => {
  const series = (symbol: string, timeframe: string) => ({ exchange: 'local', symbol, timeframe });
  const result = (request: Record<string, unknown>) => ({ request: { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, mode: 'moderate', ...request } }) as unknown as RunResult;

  it('names each run drawn in its line\'s colour with its market, so runs alike but for their market or timeframe read apart', () => {
    // The lines had only lightweight-charts' titles on the price axis, which stacked over the curves and
    // named these two runs the same.
    const results = {
      'bt-1': result({ series: series('BTC/USDT', '1m') }),
      'bt-2': result({ series: series('BTC/USDT', '4h') }),
      'bt-3': result({ series: series('BTC/USDT', '1h'), portfolio: [series('ETH/USDT', '1h')], mode: 'aggressive' }),
    };
    expect(curveKeys(['bt-2', 'bt-1', 'bt-3'], results)).toEqual([
      { runId: 'bt-2', color: RUN_COLORS[0], stroke: 'solid', swatch: RUN_COLORS[0], label: 'sma-cross fast=10 slow=30 · moderate', market: 'BTC/USDT 4h' },
      { runId: 'bt-1', color: RUN_COLORS[1], stroke: 'solid', swatch: RUN_COLORS[1], label: 'sma-cross fast=10 slow=30 · moderate', market: 'BTC/USDT 1m' },
      { runId: 'bt-3', color: RUN_COLORS[2], stroke: 'solid', swatch: RUN_COLORS[2], label: 'sma-cross fast=10 slow=30 · aggressive', market: 'BTC/USDT + ETH/USDT 1h' },
    ]);
    // A ticked run whose result has not come yet is not drawn; the others keep the colours of their places.
    expect(curveKeys(['bt-9', 'bt-1'], results)).toEqual([{ runId: 'bt-1', color: RUN_COLORS[1], stroke: 'solid', swatch: RUN_COLORS[1], label: 'sma-cross fast=10 slow=30 · moderate', market: 'BTC/USDT 1m' }]);
    expect(curveKeys([], results)).toEqual([]);
  });

  it('reads equity on the price axis as the runs table writes money', () => {
    expect(MONEY_FORMAT.formatter(12499.45 as BarPrice)).toBe('12,499.45');
    expect(MONEY_FORMAT.formatter(10000 as BarPrice)).toBe('10,000.00');
    expect(MONEY_FORMAT.formatter(-3.5 as BarPrice)).toBe('-3.50');
  });

  it('reads the drawdown pane as the runs table writes a drawdown: a percent, not a bare number', () => {
    expect(PCT_FORMAT.formatter(-8.4 as BarPrice)).toBe('-8.40%');
    expect(PCT_FORMAT.formatter(-1234.5 as BarPrice)).toBe('-1,234.50%');
    expect(PCT_FORMAT.formatter(0 as BarPrice)).toBe('0.00%');
  });

  it("reads a market's prices on the price chart's axis as the trades list writes them", () => {
    const btc = priceFormatFor(23_704);
    expect(btc.formatter(25000 as BarPrice)).toBe('25,000.00');
    expect(btc.minMove).toBe(0.01);
    const xrp = priceFormatFor(0.5412);
    expect(xrp.formatter(0.55 as BarPrice)).toBe('0.550000');
    expect(xrp.minMove).toBeCloseTo(1e-6);
  });
});
