// The Monte Carlo tab's helpers: the four bands in the order the table lists them, one axis per metric that
// holds every band, the run's value and 0, positions on it, the numbers as text, and what the tab says
// when a run has no bands.
import { describe, expect, it } from 'vitest';
import type { BacktestMonteCarlo } from '../../../shared/contract/commands/backtest.ts';
import { at, bandCells, bandLabel, bandRows, metricScale, noBandsReason } from '../../../renderer/src/features/backtest/mc-bands.ts';

const MC: BacktestMonteCarlo = {
  runs: 1000,
  trades: 40,
  actual: { returnPct: 12, maxDrawdownPct: 9 },
  reorder: { returnPct: { p5: 12, p50: 12, p95: 12 }, maxDrawdownPct: { p5: 6, p50: 10, p95: 18 } },
  resample: { returnPct: { p5: -8, p50: 11, p95: 34 }, maxDrawdownPct: { p5: 5, p50: 11, p95: 26 } },
};

describe('Monte Carlo bands', () => {
  it('lists return then drawdown, each reordered then resampled, with the run beside each', () => {
    expect(bandRows(MC).map((r) => [r.metric, r.method, r.p5, r.p50, r.p95, r.actual])).toEqual([
      ['returnPct', 'reorder', 12, 12, 12, 12],
      ['returnPct', 'resample', -8, 11, 34, 12],
      ['maxDrawdownPct', 'reorder', 6, 10, 18, 9],
      ['maxDrawdownPct', 'resample', 5, 11, 26, 9],
    ]);
  });

  it('draws each metric on one axis that holds both methods, the run and 0, with room at the ends', () => {
    const rows = bandRows(MC);
    // Return: −8 to 34, a span of 42; 5 % of it (2.1) each side.
    const ret = metricScale(rows.filter((r) => r.metric === 'returnPct'));
    expect(ret.min).toBeCloseTo(-10.1, 10);
    expect(ret.max).toBeCloseTo(36.1, 10);
    expect(at(-10.1, ret)).toBeCloseTo(0, 10);
    expect(at(13, ret)).toBeCloseTo(50, 10);
    // Drawdowns start at 0: the axis does too, with no room below it.
    const dd = metricScale(rows.filter((r) => r.metric === 'maxDrawdownPct'));
    expect(dd).toEqual({ min: 0, max: 26 * 1.05 });
    expect(at(13, dd)).toBeCloseTo((13 / 27.3) * 100, 10);
    // Off the axis is pinned to its ends; a span of nothing still has a width.
    expect(at(-50, dd)).toBe(0);
    expect(at(500, dd)).toBe(100);
    const flat = metricScale([{ method: 'reorder', metric: 'maxDrawdownPct', p5: 0, p50: 0, p95: 0, actual: 0 }]);
    expect(flat).toEqual({ min: 0, max: 1.05 });
    // A missing number (null) is left out, not read as 0 or NaN.
    expect(metricScale([{ method: 'resample', metric: 'returnPct', p5: null, p50: 4, p95: null, actual: null }])).toEqual({ min: 0, max: 4.2 });
  });

  it('writes percents as keel backtest does (ASCII minus, thousands grouped) and a dash for no number, and reads a bar out in words', () => {
    expect(bandCells(bandRows(MC)[1]!)).toEqual(['-8.00%', '11.00%', '34.00%', '12.00%']);
    expect(bandCells({ method: 'resample', metric: 'returnPct', p5: 1234.567, p50: null, p95: 12.345, actual: null })).toEqual(['1,234.57%', '–', '12.35%', '–']);
    expect(bandLabel(bandRows(MC)[1]!)).toBe('Return, trades resampled: 5th percentile -8.00%, median 11.00%, 95th percentile 34.00%, this run 12.00%');
  });

  it('says why a run has no bands: none asked for, or too few closed trades', () => {
    const trade = (closed: boolean) => ({ closed });
    expect(noBandsReason({ request: { monteCarlo: 1000 }, monteCarlo: MC, trades: [], tradeCount: 40 })).toBeNull();
    expect(noBandsReason({ request: { monteCarlo: 0 }, monteCarlo: null, trades: [trade(true), trade(true)], tradeCount: 2 })).toMatch(/ran with 0 simulations/);
    expect(noBandsReason({ request: { monteCarlo: 1000 }, monteCarlo: null, trades: [], tradeCount: 0 })).toBe('Too few trades for a band: no trade closed. Reordering or resampling needs at least 2 closed trades.');
    expect(noBandsReason({ request: { monteCarlo: 1000 }, monteCarlo: null, trades: [trade(true), trade(false)], tradeCount: 2 })).toBe(
      'Too few trades for a band: one trade closed (and one still open at the end, which does not count). Reordering or resampling needs at least 2 closed trades.',
    );
  });
});
