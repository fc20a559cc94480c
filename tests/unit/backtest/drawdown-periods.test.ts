// A run's worst drawdown periods: peak, trough, recovery (or none), depth and length, worked out by hand on
// a short curve, and measured on a real run as its metrics measure: the deepest period is the max drawdown
// and the longest is the max drawdown duration. Each moment is stamped with its bar's open time, where the
// equity and drawdown charts plot that bar, so the table's trough is the chart's lowest point.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawdownPeriods } from '../../../electron/backtest/drawdown-periods.ts';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { drawdownsExtra } from '../../../electron/backtest/report-extras.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest, type BacktestResult } from '../../../electron/backtest/run-backtest.ts';
import { drawdownSeries, thin } from '../../../electron/backtest/series-shapes.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const DAY = 86_400_000;

describe('drawdownPeriods', () => {
  it('finds each fall from a peak to its recovery, deepest first', () => {
    // Daily bars from day 0; capital 100. Closes: 110 (peak), 99 (−10 %), 105, 112 (recovered, new peak),
    // 100.8 (−10 %, the same depth, later), 84 (−25 %), 90: still under water at the end. Each stamped at
    // its bar's open; the lengths run close to close (day 3's close to the last close, day 7: 3 days).
    const t = [0, 1, 2, 3, 4, 5, 6].map((d) => d * DAY);
    const equity = [110, 99, 105, 112, 100.8, 84, 90];
    const periods = drawdownPeriods(t, equity, DAY, 100, 10);
    expect(periods).toEqual([
      { peakTs: 3 * DAY, troughTs: 5 * DAY, recoveredTs: null, depthPct: 25, days: 3 },
      { peakTs: 0, troughTs: 1 * DAY, recoveredTs: 3 * DAY, depthPct: 10, days: 3 },
    ]);
    // Only the deepest asked for; a curve that never falls has none.
    expect(drawdownPeriods(t, equity, DAY, 100, 1)).toHaveLength(1);
    expect(drawdownPeriods(t, [100, 101, 101, 102], DAY, 100)).toEqual([]);
  });

  it('counts a fall below the starting capital from the first bar\'s open', () => {
    // The capital stood at the first open; the first bar (plotted there too) closed below it, the second regained
    // it: two days from the open to that close, a bar more than the stamps' difference.
    const periods = drawdownPeriods([0, DAY], [95, 100], DAY, 100);
    expect(periods).toEqual([{ peakTs: 0, troughTs: 0, recoveredTs: DAY, depthPct: 5, days: 2 }]);
  });

  it('names the day the charts plot the trough on, on daily bars', () => {
    // Daily bars from 2024-01-01; capital 1,000. Up to 1,100 on the 2nd, down to 880 on the 5th (the bottom),
    // back over 1,100 on the 8th. The charts plot each bar's equity at its open: the lowest point is the 5th.
    const jan = (d: number) => Date.UTC(2024, 0, d);
    const t = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9], jan);
    const equity = Float64Array.from([1_000, 1_100, 1_000, 950, 880, 930, 1_050, 1_120, 1_130]);
    const r = { t, equity, barMs: DAY, capital: 1_000 } as unknown as BacktestResult;
    // The drawdown chart's points as the HTML report and the app draw them (report-html.ts, run-outcome.ts).
    const chart = thin(r.t, drawdownSeries(r.equity, r.capital), 1500);
    const lowest = chart.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(new Date(lowest[0]).toISOString().slice(0, 10)).toBe('2024-01-05');
    const [, peak, trough, recovered, depth, length] = drawdownsExtra(r)!.rows[1]!;
    expect({ peak, trough, recovered, depth, length }).toEqual({ peak: '2024-01-02 00:00', trough: '2024-01-05 00:00', recovered: '2024-01-08 00:00', depth: '20.00%', length: '6d' });
    // The peak and the recovery too sit where the chart has them: at 0 % on the 2nd and on the 8th.
    expect(chart.filter(([, dd]) => dd === 0).map(([ts]) => ts)).toEqual(expect.arrayContaining([jan(2), jan(8)]));
  });

  it("agrees with a real run's max drawdown and its duration", async () => {
    const file = path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
    const { candles } = await candlesFromFile(file, { from: Date.UTC(2021, 0, 1), toExclusive: Date.UTC(2023, 0, 1) });
    const { def, params } = strategyWithParams('sma-cross', { fast: 12, slow: 40 });
    const r = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 3_600_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    const all = drawdownPeriods(r.t, r.equity, r.barMs, r.capital, Number.POSITIVE_INFINITY);
    expect(all.length).toBeGreaterThan(5);
    expect(all[0]!.depthPct).toBe(r.metrics.maxDrawdownPct);
    expect(Math.max(...all.map((p) => p.days))).toBe(r.metrics.maxDrawdownDays);
    for (const p of all) {
      expect(p.troughTs).toBeGreaterThanOrEqual(p.peakTs);
      if (p.recoveredTs !== null) expect(p.recoveredTs).toBeGreaterThan(p.troughTs);
    }
    // Deepest first, five by default.
    expect(drawdownPeriods(r.t, r.equity, r.barMs, r.capital)).toEqual(all.slice(0, 5));
  });
});
