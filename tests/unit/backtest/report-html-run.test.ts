// The HTML report of one run as a trader reads it: the dates it covers, the prices in its trade list, what
// the arrows on its price chart are, a trade list cut short saying so, and the extra sections (a search, a
// walk-forward, a Monte Carlo) saying what their numbers are measured against.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { monteExtra, searchExtra, walkExtra } from '../../../electron/backtest/report-extras.ts';
import { runBacktest, type BacktestResult } from '../../../electron/backtest/run-backtest.ts';
import type { MonteCarloResult } from '../../../electron/backtest/monte-carlo.ts';
import type { SearchResult } from '../../../electron/backtest/optimize.ts';
import type { WalkForwardResult } from '../../../electron/backtest/walk-forward.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';
import { EXIT_COLORS, FILL_COLORS } from '../../../shared/backtest/palette.ts';
import { chartTheme } from '../../../renderer/src/features/chart/chart-theme.ts';

const HOUR = 3_600_000;
// Two whole UTC days of hourly waves (2024-01-01 and 02): crosses both ways, so the run trades.
const candles = synthetic(Array.from({ length: 48 }, (_, i) => 100 + 10 * Math.sin(i / 3)), { barMs: HOUR });
const { def, params } = strategyWithParams('sma-cross', { fast: 2, slow: 5 });
const run = runBacktest({ def, params, symbol: 'TST/USDT', candles, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 1000, feePct: 0.1, slippageBps: 0 });
const info = { timeframe: '1h', source: 'synthetic' };

describe('reportHtml of a run', () => {
  it('has trades to show', () => {
    expect(run.trades.length).toBeGreaterThan(1);
  });

  it("names the last bar's day, not the day after its close", () => {
    expect(reportHtml(run, candles, info)).toContain('synthetic · 2024-01-01 to 2024-01-02 · 48 bars');
  });

  it("writes a sub-cent market's prices with the digits they have, not as 0.00", () => {
    // XRP/ETH trades near 0.0015 ETH.
    const small: BacktestResult = { ...run, trades: run.trades.map((t) => ({ ...t, entryPrice: 0.00141976, exitPrice: 0.00141301 })) };
    const html = reportHtml(small, candles, info);
    expect(html).toContain('<td>0.00141976</td><td>0.00141301</td>');
    expect(html).not.toContain('<td>0.00</td>');
    // A BTC price keeps its two decimals.
    const big: BacktestResult = { ...run, trades: run.trades.map((t) => ({ ...t, entryPrice: 46377, exitPrice: 46400.5 })) };
    expect(reportHtml(big, candles, info)).toContain('<td>46,377.00</td><td>46,400.50</td>');
  });

  it("names a trade's exit in words in the trade list: the trailing stop's as the exits line says it", () => {
    const trailed: BacktestResult = { ...run, trades: run.trades.map((t) => ({ ...t, exit: 'trailing-stop' as const })) };
    const list = reportHtml(trailed, candles, info);
    expect(list).toContain('<td>trailing stop</td>');
    expect(list).not.toContain('<td>trailing-stop</td>');
  });

  it("says the trade list is cut, and where every trade is, when it lists the first 5,000", () => {
    const many: BacktestResult = { ...run, trades: Array.from({ length: 5001 }, () => run.trades[0]!) };
    const html = reportHtml(many, candles, info);
    expect(html).toContain('<h2>Trades (5,001)</h2>');
    expect(html).toContain('The first 5,000 of 5,001 trades; the trades CSV');
    expect(reportHtml(run, candles, info)).not.toContain('The first 5,000');
  });

  it("shades a month's gain in the app's green and its loss in the app's red, and draws the drawdown in that red", () => {
    // The report had a teal and a red of its own (rgba(38,166,154,…), #ef5350), not the app's theme.
    const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(',');
    const [up, down] = [rgb(chartTheme.up), rgb(chartTheme.down)];
    // Jan 2024 up 5 %, Feb down 20 %: half the gain's green, the loss's red in full.
    const t = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29)];
    const months: BacktestResult = { ...run, t: Float64Array.from(t), equity: Float64Array.from([1000, 1050, 840]), capital: 1000 };
    const html = reportHtml(months, candles, info);
    const monthly = /<table class="monthly">.*?<\/table>/s.exec(html)![0];
    expect(monthly).toContain(`<td style="background:rgba(${up},0.50)">5.0%</td>`);
    expect(monthly).toContain(`<td style="background:rgba(${down},1.00)">-20.0%</td>`);
    const drawdown = html.slice(html.indexOf('<h2>Drawdown</h2>'), html.indexOf('</svg>', html.indexOf('<h2>Drawdown</h2>')));
    expect(drawdown).toContain(`stroke="${chartTheme.down}"`);
    expect(drawdown).toContain(`fill="${chartTheme.down}" fill-opacity="0.25"`);
    // The strategy's fills in the same green and red as the app's candles.
    expect(FILL_COLORS).toEqual({ buy: chartTheme.up, sell: chartTheme.down });
  });

  it("names the price chart's arrows, a protective exit's in its own colour", () => {
    expect(reportHtml(run, candles, info)).toMatch(/<div class="legend fills"><span data-fill-kind="buy">.*<\/span><span data-fill-kind="sell">/);
    const sold = run.fills.findIndex((f) => f.side === 'sell');
    const stopped: BacktestResult = { ...run, fills: run.fills.map((f, i) => (i === sold ? { ...f, exit: 'stop-loss' as const } : f)) };
    // Orange, apart from the sell's red it was once drawn in (trade-colors.test.ts).
    expect(reportHtml(stopped, candles, info)).toContain(`<span data-fill-kind="stop-loss"><b style="color:${EXIT_COLORS['stop-loss']}">▼</b> stop-loss</span>`);
    expect(reportHtml(stopped, candles, info)).toContain(`<span data-fill-kind="sell"><b style="color:${FILL_COLORS.sell}">▼</b> sell</span>`);
    // A trailing stop named in words in the legend and the arrow's tooltip, its id kept in the attributes.
    const trailed: BacktestResult = { ...run, fills: run.fills.map((f, i) => (i === sold ? { ...f, exit: 'trailing-stop' as const } : f)) };
    const html = reportHtml(trailed, candles, info);
    expect(html).toContain(`<span data-fill-kind="trailing-stop"><b style="color:${EXIT_COLORS['trailing-stop']}">▼</b> trailing stop</span>`);
    expect(html).toContain('data-exit="trailing-stop"><title>trailing stop</title>');
    // A long's trailing stop sells (▼), a short's buys (▲): a run with both keys both arrows, not the last one's.
    const bought = run.fills.findIndex((f, i) => i > 0 && f.side === 'buy');
    const both: BacktestResult = { ...trailed, fills: trailed.fills.map((f, i) => (i === bought ? { ...f, exit: 'trailing-stop' as const } : f)) };
    expect(reportHtml(both, candles, info)).toContain(`<span data-fill-kind="trailing-stop"><b style="color:${EXIT_COLORS['trailing-stop']}">▲▼</b> trailing stop</span>`);
  });

  it('marks every fill of a busy run: 2,500 fills are drawn, not replaced by a line saying there are too many', () => {
    const busy: BacktestResult = { ...run, fills: Array.from({ length: 2500 }, (_, i) => ({ ...run.fills[i % run.fills.length]!, ts: candles.t[i % candles.length]! })) };
    const price = reportHtml(busy, candles, info).split('<h2>Price and trades</h2>')[1]!;
    const marks = (price.split('</svg>')[0]!.match(/<polygon /g) ?? []).length;
    expect(marks).toBe(2500);
    expect(price).not.toContain('too many to mark');
  });
});

describe('the extra sections', () => {
  const metrics = (from: string, to: string, totalReturnPct: number) => ({ ...run.metrics, from: Date.parse(from), to: Date.parse(to), totalReturnPct });

  it("sets the Monte Carlo bands beside the run's own trades in order, measured as the simulations are", () => {
    const band = (p50: number) => ({ p5: p50 - 5, p50, p95: p50 + 5 });
    const mc: MonteCarloResult = { runs: 100, trades: 20, actual: { returnPct: 12.34, maxDrawdownPct: 8.76 }, reorder: { returnPct: band(12.34), maxDrawdownPct: band(9) }, resample: { returnPct: band(11), maxDrawdownPct: band(10) } };
    const e = monteExtra(mc);
    expect(e.rows[0]).toEqual(['', '5th pct', 'median', '95th pct', 'the run, in order']);
    expect(e.rows[1]).toEqual(['return, trades reordered', '7.34%', '12.34%', '17.34%', '12.34%']);
    expect(e.rows[2]!.at(-1)).toBe('8.76%');
    // The reordered return's band has no width by arithmetic: the note says why, as the app's tab does.
    expect(e.note).toMatch(/^Reordered: the same trades in a random order\. The return cannot change \(returns compound in any order\); only the drawdown can: .* Resampled: as many trades drawn with replacement\. /);
    expect(e.note).toContain('"The run, in order": its own trades as they closed');
    // One trade: the warning says there is no band; the methods' line would explain a band that is not there.
    expect(monteExtra({ ...mc, trades: 1 }).note).toBeUndefined();
    // ... but a trade still open at the end is said, whatever the count: "the run, in order" is not the total return then.
    const open = monteExtra({ ...mc, trades: 1, actual: { ...mc.actual, returnPct: -1.03 } }, undefined, { openTrades: 1, totalReturnPct: 9.64 });
    expect(open.note).toBe("The trade still open at the end is left out: the simulations draw closed trades, so the run's return in order (-1.03%) is not its total return (9.64%), which also counts it at the last close.");
    expect(open.warnings![0]).toMatch(/^the run closed one trade/);
  });

  it("dates each walk-forward fold and says the report's run is the last winner over every bar", () => {
    const fold = { inSample: { from: 0, to: 24 }, outOfSample: { from: 24, to: 48 }, params: { fast: 2, slow: 5 }, inSampleScore: 1, outOfSampleScore: 0.5, inSampleMetrics: metrics('2024-01-01T00:00Z', '2024-01-02T00:00Z', 3), outOfSampleMetrics: metrics('2024-01-02T00:00Z', '2024-01-03T00:00Z', -1) };
    const w = { objective: 'sharpe', anchored: false, folds: [fold], equity: [], outOfSampleReturnPct: -1, efficiency: 0.5, warnings: [] } as unknown as WalkForwardResult;
    const e = walkExtra(w);
    expect(e.rows[0]!.slice(0, 4)).toEqual(['fold', 'in sample', 'out of sample', 'params']);
    expect(e.rows[1]!.slice(0, 4)).toEqual(['1', '2024-01-01 to 2024-01-01', '2024-01-02 to 2024-01-02', 'fast=2,slow=5']);
    expect(e.note).toContain("the last fold's winner (fast=2,slow=5) over all the bars");
  });

  it("dates a search's in-sample and held-out stretches and says the report's run is its best set over every bar", () => {
    const s = { objective: 'sharpe', ranked: [{ params: { fast: 2, slow: 5 }, score: 1.5, metrics: metrics('2024-01-01T00:00Z', '2024-01-02T12:00Z', 4) }], inSample: { from: 0, to: 36 }, outOfSample: { from: 36, to: 48, score: 0.2, metrics: metrics('2024-01-02T12:00Z', '2024-01-03T00:00Z', 1) }, warnings: [] } as unknown as SearchResult;
    const e = searchExtra(s);
    expect(e.title).toBe('Optimization (1 set, in sample: 2024-01-01 to 2024-01-02, bars 0..35)');
    expect(e.rows.at(-1)![0]).toBe('best, out of sample (2024-01-02 to 2024-01-02, bars 36..47)');
    expect(e.note).toContain('the best set (fast=2,slow=5) over all the bars, the in-sample ones it was picked on included');
    expect(reportHtml(run, candles, info, [e])).toContain(`<p class="sub">${e.note!.replace(/"/g, '&#34;')}</p>`);
    // 112 sets: the table lists the best 20, and its title says so (before, the title said 112 over 20 rows).
    const many = { ...s, ranked: Array.from({ length: 112 }, (_, i) => ({ ...s.ranked[0]!, params: { fast: 2 + i, slow: 200 }, score: 2 - i / 100 })) } as SearchResult;
    const listed = searchExtra(many);
    expect(listed.title).toBe('Optimization (112 sets: the best 20 listed, 100 in the JSON report; in sample: 2024-01-01 to 2024-01-02, bars 0..35)');
    expect(listed.rows.filter((r) => r[0]!.startsWith('fast='))).toHaveLength(20);
  });
});
