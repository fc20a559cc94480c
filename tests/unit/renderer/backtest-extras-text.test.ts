// The extra tables of a backtest (a walk-forward's folds and stitched return, the Monte Carlo bands, the
// worst drawdowns, a portfolio's markets) read in the app's backtest page as `keel backtest` prints them
// and the HTML report repeats them (report-extras.ts), to the letter: a return of 1,234.57% grouped on both
// sides, a loss with the ASCII "-" people paste into a spreadsheet, no "+" in one place and not the other.
import { describe, expect, it } from 'vitest';
import { drawdownsExtra, monteExtra, portfolioExtra, walkExtra } from '../../../electron/backtest/report-extras.ts';
import { drawdownPeriods } from '../../../electron/backtest/drawdown-periods.ts';
import type { BacktestResult } from '../../../electron/backtest/run-backtest.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import type { MonteCarloResult } from '../../../electron/backtest/monte-carlo.ts';
import type { PortfolioResult } from '../../../electron/backtest/run-portfolio.ts';
import type { WalkForwardResult } from '../../../electron/backtest/walk-forward.ts';
import { efficiencyText, foldRows, returnText } from '../../../renderer/src/features/backtest/walk-forward-view.ts';
import { bandCells, bandRows } from '../../../renderer/src/features/backtest/mc-bands.ts';
import { drawdownCells } from '../../../renderer/src/features/backtest/drawdowns-view.ts';
import { marketCells } from '../../../renderer/src/features/backtest/run-markets.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2021, 0, 1);
// `from` is the first bar's open, `to` the last bar's close.
const metrics = (ret: number, from: number, to: number) => ({ totalReturnPct: ret, from, to }) as unknown as Metrics;

describe("a walk-forward's figures", () => {
  // One fold that made more than ten times its money, one that lost half of it.
  // Daily bars, 90 a fold: 59 in sample (Jan 1 to Feb 28), 31 out of sample (March), the next fold 90 days on.
  const fold = (k: number, isRet: number, oosRet: number, isScore: number, oosScore: number) => ({
    inSample: { from: k * 90, to: k * 90 + 59 },
    outOfSample: { from: k * 90 + 59, to: k * 90 + 90 },
    params: { fast: 5 + k, slow: 20 },
    inSampleScore: isScore,
    inSampleMetrics: metrics(isRet, T0 + k * 90 * DAY, T0 + (k * 90 + 59) * DAY),
    outOfSampleScore: oosScore,
    outOfSampleMetrics: metrics(oosRet, T0 + (k * 90 + 59) * DAY, T0 + (k * 90 + 90) * DAY),
  });
  const w: WalkForwardResult = {
    objective: 'return',
    anchored: false,
    folds: [fold(0, 2345.678, 1234.5678, 2345.678, 1234.5678), fold(1, 12.5, -48.544, 12.5, -48.544)],
    equity: [],
    outOfSampleReturnPct: 1100.123,
    efficiency: 1234.5,
    warnings: [],
  };
  // The app reads the bridge's JSON (optimize-worker.ts): each stretch's bar indices as its first and last
  // bars' open times, NaN as null; the metrics are the same numbers.
  const opens = (s: { from: number; to: number }) => ({ from: T0 + s.from * DAY, to: T0 + (s.to - 1) * DAY });
  const json = (m: Metrics) => ({ totalReturnPct: m.totalReturnPct, from: m.from, to: m.to });
  const app = { efficiency: w.efficiency, folds: w.folds.map((f) => ({ ...f, inSample: opens(f.inSample), outOfSample: opens(f.outOfSample), inSampleMetrics: json(f.inSampleMetrics), outOfSampleMetrics: json(f.outOfSampleMetrics) })) };
  const cli = walkExtra(w).rows.slice(1);

  it("writes each fold's scores and out-of-sample return as keel backtest's Walk-forward table does", () => {
    const rows = foldRows(app);
    expect(rows.map((r) => [r.isScoreText, r.oosScoreText, r.oosReturnText])).toEqual(cli.slice(0, 2).map((r) => [r[4], r[5], r[7]]));
    expect(rows.map((r) => r.oosReturnText)).toEqual(['1,234.57%', '-48.54%']);
  });

  it('writes the stitched out-of-sample return and the efficiency as the table and its title do', () => {
    expect(returnText(w.outOfSampleReturnPct)).toBe(cli.at(-1)!.at(-1));
    expect(returnText(w.outOfSampleReturnPct)).toBe('1,100.12%');
    expect(returnText(-48.544)).toBe('-48.54%');
    expect(walkExtra(w).title).toContain(`efficiency ${efficiencyText(app)})`);
    expect(efficiencyText(app)).toBe('1,234.50');
  });

  it("writes each fold's days as the table does: its first bar's day to its last bar's, not the day its last bar closes", () => {
    const rows = foldRows(app);
    expect(rows.map((r) => [r.inSample, r.outOfSample])).toEqual(cli.slice(0, 2).map((r) => [r[1], r[2]]));
    // Daily bars: the in-sample stretch's last bar opens on Feb 28 and closes at 00:00 on Mar 1, which it does not cover.
    expect(rows[0]!.inSample).toBe('2021-01-01 to 2021-02-28');
    expect(rows[0]!.outOfSample).toBe('2021-03-01 to 2021-03-31');
  });

  it('says why there is no efficiency, in the title as in the tab', () => {
    // Every fold's winner scored 0 or less in sample: the ratio over that mean means nothing.
    const lost = { ...w, folds: [fold(0, -5, -6, -5, -6), fold(1, 2, 1, 2, 1)], efficiency: Number.NaN };
    const lostApp = { efficiency: null, folds: lost.folds.map((f) => ({ inSampleScore: f.inSampleScore, outOfSampleScore: f.outOfSampleScore })) };
    expect(efficiencyText(lostApp)).toBe('n/a: the mean in-sample score is not above 0');
    expect(walkExtra(lost).title).toBe(`Walk-forward (2 folds, efficiency ${efficiencyText(lostApp)})`);
    // A fold without a score (too short for a Sharpe ratio) arrives as -Infinity from the engine and null from the bridge.
    const unscored = { ...w, folds: [fold(0, 5, 6, 5, Number.NEGATIVE_INFINITY)], efficiency: Number.NaN };
    expect(walkExtra(unscored).title).toBe('Walk-forward (1 folds, efficiency n/a: no fold has an out-of-sample score)');
    expect(efficiencyText({ efficiency: null, folds: [{ ...app.folds[0]!, inSampleScore: 5, outOfSampleScore: null }] })).toBe('n/a: no fold has an out-of-sample score');
    expect(efficiencyText({ efficiency: null, folds: [{ ...app.folds[0]!, inSampleScore: null, outOfSampleScore: null }] })).toBe('n/a: no fold has an in-sample score');
  });
});

describe('the Monte Carlo bands', () => {
  const m: MonteCarloResult = {
    runs: 2000,
    trades: 40,
    actual: { returnPct: 1523.456, maxDrawdownPct: 12.5 },
    reorder: { returnPct: { p5: 1523.456, p50: 1523.456, p95: 1523.456 }, maxDrawdownPct: { p5: 6.25, p50: 10, p95: 18.125 } },
    resample: { returnPct: { p5: -35.5, p50: 1010.1, p95: 4567.891 }, maxDrawdownPct: { p5: 5, p50: 11, p95: 101.5 } },
  };
  it('read in the tab as keel backtest --monte-carlo prints them, row by row', () => {
    const cli = new Map(monteExtra(m).rows.slice(1).map((r) => [r[0], r.slice(1)]));
    const name = { returnPct: 'return', maxDrawdownPct: 'max drawdown' } as const;
    const method = { reorder: 'reordered', resample: 'resampled' } as const;
    const rows = bandRows(m);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(bandCells(r)).toEqual(cli.get(`${name[r.metric]}, trades ${method[r.method]}`));
    expect(bandCells(rows[1]!)).toEqual(['-35.50%', '1,010.10%', '4,567.89%', '1,523.46%']);
  });
});

describe("a run's worst drawdowns", () => {
  // From 10,000 up to 200,000 (a 1,900% gain), down to 100,000, back to 200,000, down to 150,000 and never back.
  const t = [0, 1, 2, 3, 4, 5].map((k) => T0 + k * DAY);
  const equity = Float64Array.from([10_000, 200_000, 100_000, 200_000, 210_000, 150_000]);
  const r = { t: Float64Array.from(t), equity, barMs: DAY, capital: 10_000 } as unknown as BacktestResult;

  it('read in the Drawdowns tab as keel backtest prints them: times, depth without a sign, length', () => {
    const periods = drawdownPeriods(r.t, r.equity, r.barMs, r.capital);
    const cli = drawdownsExtra(r)!.rows.slice(1);
    expect(periods.map((p, i) => drawdownCells(p, i))).toEqual(cli);
    expect(cli.map((row) => row[4])).toEqual(['50.00%', '28.57%']);
  });
});

describe("a portfolio's markets", () => {
  const part = (symbol: string, pnl: number, hold: number) => ({ symbol, candles: { length: 10 }, weight: 0.5, fills: 1234, trades: 617, pnl, buyHoldReturnPct: hold });
  const parts = [part('BTC/USDT', 123_456.789, 1234.567), part('ETH/BTC', 0, -12.345)];
  const r = { portfolio: { parts, basket: new Float64Array() }, metrics: { bars: 10, trades: 617, finalEquity: 133_456.789, buyHoldReturnPct: 1234.567 }, fills: [], capital: 10_000 } as unknown as PortfolioResult;

  it("read in the app's markets table as the CLI's Portfolio table prints them", () => {
    const cli = portfolioExtra(r).rows.slice(1, -1);
    const symbols = parts.map((p) => p.symbol);
    const app = parts.map((p) => marketCells(p, symbols));
    expect(app.map((c) => [c.weight, c.fills, c.trades, c.pnl, c.hold])).toEqual(cli.map((row) => [row[1], row[3], row[4], row[5], row[6]]));
    expect(app.map((c) => c.hold)).toEqual(['1,234.57%', '-12.35% (in BTC)']);
  });
});
