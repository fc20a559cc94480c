// Scores with no upper end: a profit factor whose trades all won, a Sortino ratio without a losing day.
// They are the best a search can find, not missing: ranked first (by return among themselves), written ∞
// in keel backtest's tables and the app's, and told from a missing score after the JSON (which holds both
// as null) by the metrics beside them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EvalPool } from '../../../electron/backtest/eval-pool.ts';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { bestFirst, search } from '../../../electron/backtest/optimize.ts';
import { gridSets } from '../../../electron/backtest/param-space.ts';
import { walkForward } from '../../../electron/backtest/walk-forward.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { marketSubject } from '../../../electron/backtest/search-subject.ts';
import { metricsJson } from '../../../electron/backtest/report-json.ts';
import { metricRows } from '../../../electron/backtest/summary-table.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import { findStrategy, strategyWithParams } from '../../../electron/strategies/registry.ts';
import { scoreText, sortinoText } from '../../../shared/backtest/figure-text.ts';
import { heatColor, heatmap } from '../../../shared/backtest/heatmap.ts';
import { scoreFromWire, setsFromWire } from '../../../shared/backtest/score-from-wire.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const m = (over: Partial<Metrics>) => ({ totalReturnPct: 0, ...over }) as Metrics;

describe('infinite scores', () => {
  it('rank first, the larger return first among equal scores; sets with no score keep their order, last', () => {
    const sets = [
      { name: 'no trade', score: Number.NEGATIVE_INFINITY, metrics: m({ totalReturnPct: 0 }) },
      { name: 'finite', score: 9.7, metrics: m({ totalReturnPct: 5.7 }) },
      { name: 'all won, small', score: Infinity, metrics: m({ totalReturnPct: 1.2 }) },
      { name: 'no score either', score: Number.NEGATIVE_INFINITY, metrics: m({ totalReturnPct: 3 }) },
      { name: 'all won, large', score: Infinity, metrics: m({ totalReturnPct: 3.2 }) },
      { name: 'same finite, more money', score: 9.7, metrics: m({ totalReturnPct: 8 }) },
    ];
    expect([...sets].sort(bestFirst).map((s) => s.name)).toEqual(['all won, large', 'all won, small', 'same finite, more money', 'finite', 'no trade', 'no score either']);
  });

  it('are written ∞, and a missing one –, in the tables; the JSON holds null and the metrics tell them apart', () => {
    expect(scoreText(Infinity)).toBe('∞');
    expect(scoreText(Number.NEGATIVE_INFINITY)).toBe('–');
    expect(sortinoText(Infinity)).toBe('∞');
    expect(sortinoText(2.414)).toBe('2.41');
    // After the JSON: a Sharpe ratio above 0 beside a null Sortino is a run without a losing day.
    expect(sortinoText(null, 3.1)).toBe('∞');
    expect(sortinoText(null, null)).toBe('–');
    expect(scoreFromWire('sortino', null, { sharpe: 3.1 })).toBe(Infinity);
    expect(scoreFromWire('sortino', null, { sharpe: null })).toBeNull();
    expect(scoreFromWire('profit-factor', null, { winRatePct: 100 })).toBe(Infinity);
    expect(scoreFromWire('profit-factor', null, { winRatePct: null })).toBeNull();
    expect(scoreFromWire('sharpe', null, { winRatePct: 100, sharpe: null })).toBeNull();
    expect(scoreFromWire('return', 4.2, {})).toBe(4.2);
  });

  it('shade the heat map as its best cell, not as a blank', () => {
    const map = heatmap([
      { params: { a: 1, b: 1 }, score: 1 },
      { params: { a: 1, b: 2 }, score: Infinity },
      { params: { a: 2, b: 1 }, score: 3 },
      { params: { a: 2, b: 2 }, score: null },
    ])!;
    expect(map.score).toEqual([
      [1, Infinity],
      [3, null],
    ]);
    expect(heatColor(Infinity, 1, 3)).toBe(heatColor(3, 1, 3));
  });

  it("a search by Sortino over real hours puts the set that never lost a day first, and keel backtest's table says ∞", async () => {
    // rsi-reversion with a 1 % take-profit over four weeks of BTC hours: lower=30 made +5.7 % without a
    // losing day; lower=35 made +4.9 % with losing days (a Sortino of about 6); lower=20 made no trade.
    const { candles } = await candlesFromFile(path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv'), { from: Date.UTC(2023, 10, 1), toExclusive: Date.UTC(2023, 10, 29) });
    const def = findStrategy('rsi-reversion');
    const setup = { strategy: 'rsi-reversion', symbol: 'BTC/USDT', barMs: 3_600_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0, exits: { stopLossPct: null, takeProfitPct: 1 } };
    const pool = new EvalPool(setup, marketSubject(candles), 1);
    let ranked;
    try {
      ranked = (await search(pool, gridSets(def, strategyWithParams('rsi-reversion').params, { lower: [20, 25, 30, 35] }), candles.length, 'sortino', 0)).ranked;
    } finally {
      await pool.close();
    }
    const best = ranked[0]!;
    expect(best.score).toBe(Infinity);
    expect(best.metrics.sortino).toBe(Infinity);
    expect(best.metrics.totalReturnPct).toBeGreaterThan(0);
    expect(best.metrics.sharpe).toBeGreaterThan(0);
    // The set with no trade is last; every finite Sortino is between.
    expect(ranked.at(-1)!.metrics.trades).toBe(0);
    expect(ranked.at(-1)!.score).toBe(Number.NEGATIVE_INFINITY);
    const row = metricRows([{ strategy: 'rsi-reversion', params: best.params, mode: 'moderate', metrics: best.metrics } as never]).find((r) => r[0]!.startsWith('Sortino'))!;
    expect(row[1]).toBe('∞');
    // The JSON's null, read back as the app reads it, is ∞ again.
    const json = metricsJson(best.metrics);
    expect(json.sortino).toBeNull();
    expect(setsFromWire('sortino', [{ score: null, metrics: json }])[0]!.score).toBe(Infinity);
  }, 60_000);
});

describe('infinite scores in a walk-forward', () => {
  it("leave the efficiency to the folds that have figures, name the folds they are, and do not make a warning of the folds that did best", async () => {
    // rsi-reversion on ETH hours over 2021-2022, by profit factor: folds 2 and 4 won every trade out of sample
    // (∞), folds 1 and 3 did not. Before, the ∞ folds left the out-of-sample mean but not the in-sample one: an
    // efficiency of 0.40, and a WARNING that the result does not hold, with 1 of 4 folds short.
    const { candles } = await candlesFromFile(path.join(DATA, 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv'), { from: Date.UTC(2021, 0, 1), toExclusive: Date.UTC(2022, 11, 31) });
    const def = findStrategy('rsi-reversion');
    const setup = { strategy: 'rsi-reversion', symbol: 'ETH/USDT', barMs: 3_600_000, risk: riskModeSettings('moderate', undefined, { maxDrawdownPct: 90 }), capital: 10_000, feePct: 0.1, slippageBps: 0 };
    const pool = new EvalPool(setup, marketSubject(candles), 1);
    let w;
    try {
      w = await walkForward(pool, setup, marketSubject(candles), gridSets(def, strategyWithParams('rsi-reversion').params, { period: [5, 10, 15, 20, 25], lower: [20, 25, 30, 35] }), { folds: 4, isRatio: 3, anchored: false }, 'profit-factor');
    } finally {
      await pool.close();
    }
    const infinite = w.folds.flatMap((f, k) => (f.outOfSampleScore === Infinity ? [k + 1] : []));
    expect(infinite).toEqual([2, 4]);
    const measured = w.folds.filter((f) => Number.isFinite(f.inSampleScore) && Number.isFinite(f.outOfSampleScore));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(w.efficiency).toBeCloseTo(mean(measured.map((f) => f.outOfSampleScore)) / mean(measured.map((f) => f.inSampleScore)), 12);
    expect(w.warnings).toContain('folds 2, 4 scored an infinite profit factor (no trade lost) in or out of sample, which no mean holds: the efficiency is over the other 2 of the 4');
    expect(w.warnings.join('\n')).not.toMatch(/does not hold out of sample/);
    // The fold that did fall short still says so.
    expect(w.warnings.some((x) => x.startsWith('fold 3: '))).toBe(true);
  }, 60_000);
});
