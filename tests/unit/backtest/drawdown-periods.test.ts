// A run's worst drawdown periods: peak, trough, recovery (or none), depth and length, worked out by hand on
// a short curve, and measured on a real run as its metrics measure: the deepest period is the max drawdown
// and the longest is the max drawdown duration.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawdownPeriods } from '../../../electron/backtest/drawdown-periods.ts';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const DAY = 86_400_000;

describe('drawdownPeriods', () => {
  it('finds each fall from a peak to its recovery, deepest first', () => {
    // Daily bars from day 0; capital 100. Closes: 110 (peak), 99 (−10 %), 105, 112 (recovered, new peak),
    // 100.8 (−10 %, the same depth, later), 84 (−25 %), 90: still under water at the end.
    const t = [0, 1, 2, 3, 4, 5, 6].map((d) => d * DAY);
    const equity = [110, 99, 105, 112, 100.8, 84, 90];
    const periods = drawdownPeriods(t, equity, DAY, 100, 10);
    expect(periods).toEqual([
      { peakTs: 4 * DAY, troughTs: 6 * DAY, recoveredTs: null, depthPct: 25, days: 3 },
      { peakTs: 1 * DAY, troughTs: 2 * DAY, recoveredTs: 4 * DAY, depthPct: 10, days: 3 },
    ]);
    // Only the deepest asked for; a curve that never falls has none.
    expect(drawdownPeriods(t, equity, DAY, 100, 1)).toHaveLength(1);
    expect(drawdownPeriods(t, [100, 101, 101, 102], DAY, 100)).toEqual([]);
  });

  it('counts a fall below the starting capital from the first bar\'s open', () => {
    const periods = drawdownPeriods([0, DAY], [95, 100], DAY, 100);
    expect(periods).toEqual([{ peakTs: 0, troughTs: DAY, recoveredTs: 2 * DAY, depthPct: 5, days: 2 }]);
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
      expect(p.troughTs).toBeGreaterThan(p.peakTs);
      if (p.recoveredTs !== null) expect(p.recoveredTs).toBeGreaterThan(p.troughTs);
    }
    // Deepest first, five by default.
    expect(drawdownPeriods(r.t, r.equity, r.barMs, r.capital)).toEqual(all.slice(0, 5));
  });
});
