// The extra tables of a backtest (a walk-forward's folds and stitched return, the Monte Carlo bands, the
// worst drawdowns, a portfolio's markets) and the dates beside them (a search's, the markets' stretches)
// read in the app's backtest page as `keel backtest` prints them and the HTML report repeats them
// (report-extras.ts), to the letter: a return of 1,234.57% grouped on both sides, a loss with the ASCII "-"
// people paste into a spreadsheet, no "+" in one place and not the other, the same last day.
import { describe, expect, it } from 'vitest';
import { drawdownsExtra, monteExtra, portfolioExtra, searchExtra, walkExtra } from '../../../electron/backtest/report-extras.ts';
import { acrossMarkets } from '../../../electron/backtest/across-markets.ts';
import type { SearchResult } from '../../../electron/backtest/optimize.ts';
import { drawdownPeriods } from '../../../electron/backtest/drawdown-periods.ts';
import type { BacktestResult } from '../../../electron/backtest/run-backtest.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import type { MonteCarloResult } from '../../../electron/backtest/monte-carlo.ts';
import type { PortfolioResult } from '../../../electron/backtest/run-portfolio.ts';
import type { WalkForwardResult } from '../../../electron/backtest/walk-forward.ts';
import { efficiencyText, foldRows, returnText } from '../../../renderer/src/features/backtest/walk-forward-view.ts';
import { bandCells, bandRows } from '../../../renderer/src/features/backtest/mc-bands.ts';
import { drawdownCells } from '../../../renderer/src/features/backtest/drawdowns-view.ts';
import { marketCells, totalCells } from '../../../renderer/src/features/backtest/run-markets.ts';
import { cellList } from '../../../shared/backtest/portfolio-cells.ts';
import { heldOutDays, searchedDays } from '../../../renderer/src/features/backtest/search-days.ts';
import { marketSpan } from '../../../renderer/src/features/backtest/market-matrix.ts';
import { walkScoreHeads } from '../../../shared/backtest/objective-label.ts';

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
    outOfSampleTradeReturns: [],
    efficiency: 1234.5,
    warnings: [],
  };
  // The app reads the bridge's JSON (optimize-worker.ts): each stretch's bar indices as its first and last
  // bars' open times, NaN as null; the metrics are the same numbers.
  const opens = (s: { from: number; to: number }) => ({ from: T0 + s.from * DAY, to: T0 + (s.to - 1) * DAY });
  const json = (m: Metrics) => ({ totalReturnPct: m.totalReturnPct, from: m.from, to: m.to });
  const app = { efficiency: w.efficiency, folds: w.folds.map((f) => ({ ...f, inSample: opens(f.inSample), outOfSample: opens(f.outOfSample), inSampleMetrics: json(f.inSampleMetrics), outOfSampleMetrics: json(f.outOfSampleMetrics) })) };
  const cli = walkExtra(w).rows.slice(1);

  it("writes each fold's scores and returns, in sample and out of sample, as keel backtest's Walk-forward table does", () => {
    const rows = foldRows(app, w.objective);
    expect(rows.map((r) => [r.isScoreText, r.oosScoreText, r.isReturnText, r.oosReturnText])).toEqual(cli.slice(0, 2).map((r) => [r[4], r[5], r[6], r[7]]));
    expect(rows.map((r) => r.oosReturnText)).toEqual(['1,234.57%', '-48.54%']);
    // The in-sample return the fold's winner was picked on, beside what it kept out of sample.
    expect(rows.map((r) => r.isReturnText)).toEqual(['2,345.68%', '12.50%']);
    expect(rows.map((r) => r.isReturnPct)).toEqual([2345.678, 12.5]);
  });

  it('heads the score columns with the objective the search maximized, in the words the app heads them with', () => {
    // The CLI and the report said "IS sharpe", the app "IS score": one name for one column (the app's
    // WalkForwardResults takes its heads from walkScoreHeads too).
    const heads = (objective: WalkForwardResult['objective']) => walkExtra({ ...w, objective }).rows[0]!;
    expect(heads('sharpe').slice(4, 6)).toEqual(['IS Sharpe', 'OOS Sharpe']);
    expect(heads('sharpe').slice(4, 6)).toEqual(walkScoreHeads('sharpe'));
    expect(heads('profit-factor').slice(4, 6)).toEqual(['IS profit factor', 'OOS profit factor']);
    expect(heads('cagr').slice(4, 6)).toEqual(['IS CAGR', 'OOS CAGR']);
    // Maximizing the return, the score is the return as the objective reads it: not a second "IS return" column.
    expect(heads('return')).toEqual(['fold', 'in sample', 'out of sample', 'params', 'IS score (return)', 'OOS score (return)', 'IS return', 'OOS return']);
  });

  it('writes the stitched out-of-sample return and the efficiency as the table and its title do', () => {
    expect(returnText(w.outOfSampleReturnPct)).toBe(cli.at(-1)!.at(-1));
    expect(returnText(w.outOfSampleReturnPct)).toBe('1,100.12%');
    expect(returnText(-48.544)).toBe('-48.54%');
    expect(walkExtra(w).title).toContain(`efficiency ${efficiencyText(app)})`);
    expect(efficiencyText(app)).toBe('1,234.50');
  });

  it("writes each fold's days as the table does: its first bar's day to its last bar's, not the day its last bar closes", () => {
    const rows = foldRows(app, w.objective);
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

  it('say that trades still open at the end are left out, where the run in order and its total return differ', () => {
    // 43.25% in order beside a total return of 43.78% read as two answers for one run.
    expect(monteExtra(m, undefined, { openTrades: 1, totalReturnPct: 1530 }).note).toMatch(
      / The trade still open at the end is left out: the simulations draw closed trades, so the run's return in order \(1,523\.46%\) is not its total return \(1,530\.00%\), which also counts it at the last close\.$/,
    );
    expect(monteExtra(m, undefined, { openTrades: 2, totalReturnPct: 1530 }).note).toContain('The 2 trades still open at the end are left out');
    expect(monteExtra(m, undefined, { openTrades: 0, totalReturnPct: 1523.456 }).note).not.toContain('left out');
    // A walk-forward's stitched trades count the open ones already: no run's metrics, no such words.
    expect(monteExtra(m).note).not.toContain('left out');
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
  const part = (symbol: string, bars: number, pnl: number, hold: number) => ({ symbol, candles: { length: bars }, weight: 0.5, fills: 1234, trades: 617, pnl, buyHoldReturnPct: hold });
  // ETH/BTC's bars start later: the run's bars are the union of both markets' times.
  const parts = [part('BTC/USDT', 12_345, 123_456.789, 1234.567), part('ETH/BTC', 8_760, 0, -12.345)];
  const metrics = { bars: 12_345, fills: 2468, trades: 1234, startEquity: 10_000, finalEquity: 133_456.789, buyHoldReturnPct: 1234.567 };
  const r = { portfolio: { parts, basket: new Float64Array() }, metrics, fills: Array.from({ length: 2468 }), capital: 10_000 } as unknown as PortfolioResult;
  // The app reads the bridge's JSON (run-worker.ts): each market's bars counted, the run's metrics as they are.
  const markets = parts.map(({ candles, ...p }) => ({ ...p, bars: candles.length }));
  const symbols = parts.map((p) => p.symbol);
  const cli = portfolioExtra(r).rows;

  it("read in the app's markets table as the CLI's Portfolio table prints them, bars included", () => {
    expect(cli[0]).toEqual(['market', 'weight', 'bars', 'fills', 'trades', 'P&L', 'buy and hold']);
    const app = markets.map((m) => marketCells(m, symbols));
    expect(app.map(cellList)).toEqual(cli.slice(1, -1).map((row) => row.slice(1)));
    expect(app.map((c) => c.bars)).toEqual(['12,345', '8,760']);
    expect(app.map((c) => c.hold)).toEqual(['1,234.57%', '-12.35% (in BTC)']);
  });

  it('ends with the "all" row the CLI prints: the shares, the run\'s bars, fills and trades, the account\'s P&L, the basket', () => {
    const all = totalCells({ markets, metrics });
    expect(['all', ...cellList(all)]).toEqual(cli.at(-1));
    expect(cellList(all)).toEqual(['100%', '12,345', '2,468', '1,234', '123,456.79', '1,234.57% (equal weights)']);
    // A run stored before its markets' bars were counted says so with a dash, not a 0.
    expect(marketCells({ ...markets[0]!, bars: undefined }, symbols).bars).toBe('–');
  });
});

describe("a parameter search's dates", () => {
  // Weekly bars (each opens on a Monday, 2021-01-04 on): 8 searched, 4 held out. The last searched bar opens
  // on Monday 2021-02-22 and covers the week to Sunday 2021-02-28, the last day the search saw.
  const WEEK = 7 * DAY;
  const MON = Date.UTC(2021, 0, 4);
  const m = (from: number, to: number) => ({ totalReturnPct: 5, maxDrawdownPct: 1, trades: 2, from: MON + from * WEEK, to: MON + to * WEEK }) as unknown as Metrics;
  const s = { objective: 'return', ranked: [{ params: { fast: 5 }, score: 5, metrics: m(0, 8) }], inSample: { from: 0, to: 8 }, outOfSample: { from: 8, to: 12, score: 1, metrics: m(8, 12) }, warnings: [] } as unknown as SearchResult;
  const cli = searchExtra(s);
  // The app's result through the bridge (optimize-worker.ts): the stretches as their first and last bars' open times.
  const app = { sets: [{ params: { fast: 5 }, score: 5, metrics: { from: MON, to: MON + 8 * WEEK } }], inSample: { from: MON, to: MON + 7 * WEEK }, outOfSample: { from: MON + 8 * WEEK, to: MON + 11 * WEEK, score: 1, metrics: { from: MON + 8 * WEEK, to: MON + 12 * WEEK } } };

  it('reads the searched days as the Optimization title does: to the last day the last bar covers, not the day it opened', () => {
    expect(searchedDays(app)).toBe('2021-01-04 to 2021-02-28');
    expect(cli.title).toContain(`in sample: ${searchedDays(app)!}, bars 0..7`);
  });

  it('reads the held-out days as the "best, out of sample" row does', () => {
    expect(heldOutDays(app)).toBe('2021-03-01 to 2021-03-28');
    expect(cli.rows.at(-1)![0]).toBe(`best, out of sample (${heldOutDays(app)!}, bars 8..11)`);
  });

  it('says no days before there is a set or a held-out run', () => {
    expect(searchedDays({ sets: [] })).toBeNull();
    expect(heldOutDays({ outOfSample: null })).toBeNull();
  });
});

describe("the markets' stretches when they differ", () => {
  // Daily bars: BTC through 2022, ETH from mid-2021.
  const run = (market: string, from: number, to: number) => ({ market, strategy: 'sma-cross', params: {}, mode: 'moderate', metrics: { totalReturnPct: 1, maxDrawdownPct: 1, sharpe: 1, buyHoldReturnPct: 1, from, to } as Metrics });
  const btc = run('BTC/USDT', T0, Date.UTC(2023, 0, 1));
  const eth = run('ETH/USDT', Date.UTC(2021, 6, 1), Date.UTC(2023, 0, 1));

  it("read in the app's warning as in keel backtest's, the last bar's close day less a millisecond", () => {
    const warning = acrossMarkets([btc, eth]).warnings![0]!;
    const app = [btc, eth].map((r) => `${r.market} ${marketSpan({ from: r.metrics.from, to: r.metrics.to })}`);
    expect(warning).toContain(`(${app.join(', ')})`);
    expect(app[0]).toBe('BTC/USDT 2021-01-01 to 2022-12-31');
    // A market with no finished run yet has no stretch to name.
    expect(marketSpan({ from: null, to: null })).toBe('…');
  });
});
