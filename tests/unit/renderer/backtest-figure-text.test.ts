// The backtest page's breakdown tables and search results beside what `keel backtest` prints for the same
// figures: a trade group's win rate, a search's scores and its heat map read the same in both, to the letter.
import { describe, expect, it } from 'vitest';
import type { BarPrice } from 'lightweight-charts';
import { exitBreakdown } from '../../../shared/backtest/run-exits.ts';
import { sideBreakdown } from '../../../shared/backtest/sides.ts';
import { countText, groupCells, moneyText, pctText, ratioText, scoreText } from '../../../shared/backtest/figure-text.ts';
import { formatMoney } from '../../../renderer/src/lib/format.ts';
import { MONEY_FORMAT, PCT_FORMAT } from '../../../renderer/src/features/backtest/bt-chart.ts';
import { exitsExtra } from '../../../electron/backtest/exit-table.ts';
import { sidesExtra } from '../../../electron/backtest/side-table.ts';
import { heatmapExtra, searchExtra } from '../../../electron/backtest/report-extras.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import type { SearchResult } from '../../../electron/backtest/optimize.ts';
import { METRIC_COLUMNS } from '../../../renderer/src/features/backtest/metric-columns.ts';
import { searchColumns } from '../../../renderer/src/features/backtest/search-columns.ts';
import { OPTIMIZE_OBJECTIVES } from '../../../shared/contract/commands/backtest.ts';

const column = (key: string) => METRIC_COLUMNS.find((c) => c.key === key)!;

describe('a figure too small for the decimals shown', () => {
  // A run that barely dipped had a max drawdown of -0.00001 %, printed "-0.00%" in the app's runs table, the
  // drawdown pane's axis and label, the HTML report and keel backtest's summary: a minus on a zero.
  it('reads as zero, without a minus, as a percent, a ratio, money and a count', () => {
    expect(pctText(-0.00001)).toBe('0.00%');
    expect(pctText(-0.004)).toBe('0.00%');
    expect(ratioText(-0.0049)).toBe('0.00');
    expect(moneyText(-0.001)).toBe('0.00');
    expect(countText(-0.4)).toBe('0');
    expect(formatMoney(-0.001)).toBe('0.00');
    // The drawdown and equity panes' price scales and crosshair labels.
    expect(PCT_FORMAT.formatter(-0.00001 as BarPrice)).toBe('0.00%');
    expect(MONEY_FORMAT.formatter(-0.004 as BarPrice)).toBe('0.00');
  });

  it('keeps the minus on a loss the decimals show, from half the last digit (rounded half away from zero)', () => {
    expect(pctText(-0.005)).toBe('-0.01%');
    expect(pctText(-6.667)).toBe('-6.67%');
    expect(moneyText(-1234.5)).toBe('-1,234.50');
    expect(countText(-2)).toBe('-2');
  });
});

describe("the breakdown tables' cells", () => {
  // Three trades closed at the stop, one of them a winner: a win rate of 33.33…%.
  const trade = (pnl: number, side: 'long' | 'short' = 'long') => ({ side, exit: 'stop-loss' as const, closed: true, pnl, returnPct: pnl / 100 });
  const trades = [trade(120.5), trade(-40.25), trade(-30, 'short'), ...Array.from({ length: 1231 }, () => trade(1.5))];

  it("read as keel backtest's Exits table prints them (trades grouped, win rate to two decimals)", () => {
    const cli = exitsExtra({ exits: { stopLossPct: 2, takeProfitPct: null }, trades })!.rows.slice(1);
    const app = exitBreakdown(trades).map(groupCells);
    expect(app).toEqual(cli.map((r) => r.slice(1, 6)));
    expect(app[0]![0]).toBe('1,234');
  });

  it("read as keel backtest's Sides table prints them", () => {
    const few = trades.slice(0, 3);
    const cli = sidesExtra({ direction: 'both', trades: few })!.rows.slice(1);
    expect(sideBreakdown(few).map(groupCells)).toEqual(cli.map((r) => r.slice(1, 6)));
    // One winner of two longs, as the CLI writes it.
    expect(groupCells(sideBreakdown(few)[0]!)[1]).toBe('50.00%');
    expect(groupCells({ trades: 3, winRatePct: 100 / 3, pnl: 0, avgPnl: 0, avgReturnPct: 0 })[1]).toBe('33.33%');
  });
});

describe("a search's scores", () => {
  const metrics = (ret: number, dd: number, trades: number) => ({ totalReturnPct: ret, maxDrawdownPct: dd, trades, winRatePct: 40, sharpe: 1, from: 0, to: 86_400_000 }) as unknown as Metrics;
  const ranked = [
    { params: { fast: 5, slow: 20 }, score: 1234.5678, metrics: metrics(1234.5678, 12.345, 1500) },
    { params: { fast: 10, slow: 20 }, score: 1.23456, metrics: metrics(1.23456, 3.3, 12) },
    { params: { fast: 5, slow: 30 }, score: -0.5, metrics: metrics(-0.5, 8, 3) },
    { params: { fast: 10, slow: 30 }, score: Number.NaN, metrics: metrics(0, 0, 0) },
  ];
  const result: SearchResult = { objective: 'return', ranked, inSample: { from: 0, to: 100 }, outOfSample: null, warnings: [] };

  it('read in the sets table as keel backtest --optimize ranks them: the score, return, max drawdown and trades', () => {
    const cli = searchExtra(result).rows.slice(1);
    for (const [i, s] of ranked.entries()) {
      const json = Number.isFinite(s.score) ? s.score : null;
      const app = [scoreText(json), column('totalReturnPct').format(s.metrics.totalReturnPct), column('maxDrawdownPct').format(s.metrics.maxDrawdownPct), column('trades').format(s.metrics.trades)];
      expect(app).toEqual(cli[i]!.slice(1, 5));
    }
    expect(scoreText(1.23456)).toBe('1.23');
  });

  it("head the score column with the objective in words, in the sets table as keel backtest's Optimization table heads it", () => {
    // Both said "sharpe", the --objective name, where the Walk-forward tables beside them say "IS Sharpe".
    const cliHead = (objective: SearchResult['objective']) => searchExtra({ ...result, objective }).rows[0]!;
    expect(cliHead('sharpe').slice(0, 3)).toEqual(['params', 'Sharpe', 'return']);
    expect(cliHead('profit-factor')[1]).toBe('profit factor');
    expect(cliHead('cagr')[1]).toBe('CAGR');
    // Maximizing the return, the score is not a second column headed "return".
    expect(cliHead('return').slice(1, 3)).toEqual(['score (return)', 'return']);
    for (const objective of OPTIMIZE_OBJECTIVES) expect(searchColumns(objective).scoreHead, objective).toBe(cliHead(objective)[1]);
    // The app's table leaves out the metric the score already is.
    expect(searchColumns('sharpe').columns.map((c) => c.label)).not.toContain('Sharpe');
    expect(searchColumns('sortino').columns.map((c) => c.label)).toContain('Sharpe');
  });

  it("name the objective in words in the heat map's title, not by its --objective name", () => {
    expect(heatmapExtra({ ...result, objective: 'sharpe' })!.title).toMatch(/^Sharpe by fast \(down\) and slow \(across\), in sample; green is best/);
    expect(heatmapExtra({ ...result, objective: 'profit-factor' })!.title).toMatch(/^Profit factor by fast/);
    expect(heatmapExtra({ ...result, objective: 'return' })!.title).toMatch(/^Return by fast/);
  });

  it("read in the heat map as the CLI's grid prints them", () => {
    const grid = heatmapExtra(result)!.rows;
    // Rows fast 5 and 10, columns slow 20 and 30; the CLI's cells after each row's label.
    const cell = (fast: number, slow: number) => grid[fast === 5 ? 1 : 2]![slow === 20 ? 1 : 2];
    for (const s of ranked.filter((x) => Number.isFinite(x.score))) expect(scoreText(s.score)).toBe(cell(s.params.fast, s.params.slow));
  });
});
