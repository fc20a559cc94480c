// How far each trade went for and against it while open, on the backtest page's Trades tab: a Run-up and a
// Drawdown column (the percent shown, the money in the title, a dash for runs stored before they were
// measured), and "Run-up and drawdown", every closed trade a dot at its drawdown (across) and return (up),
// coloured by how it ended with the colours the Exits table and the Exit column use, the run's stop-loss a
// line across. A stored run without excursions has no plot.
import { describe, expect, it } from 'vitest';
import { EXIT_REASONS, type ExitReason } from '../../../shared/backtest/run-exits.ts';
import { EXIT_COLORS as SHARED_EXIT_COLORS } from '../../../shared/backtest/palette.ts';
import type { RunTrade } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { EXCURSION_BOX, excursionPlot } from '../../../renderer/src/features/backtest/excursion-plot.ts';
import { pctTickText } from '../../../renderer/src/features/backtest/plot-axes.ts';
import { excursionSection } from '../../../electron/backtest/excursion-chart.ts';
import { EXIT_COLORS } from '../../../renderer/src/features/backtest/run-colors.ts';
import { drawdownCell, runUpCell, tradeSummary } from '../../../renderer/src/features/backtest/trade-view.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2021, 2, 4, 5);

/** A long trade of 0.1 BTC from 50,000 that returned `returnPct`, went `runUpPct` for it and `drawdownPct` against it. */
function trade(exit: ExitReason, returnPct: number, runUpPct: number, drawdownPct: number, k = 0): RunTrade {
  return {
    side: 'long',
    entryTs: T0 + k * 10 * HOUR,
    exitTs: T0 + (k * 10 + 5) * HOUR,
    entryPrice: 50_000,
    exitPrice: 50_000 * (1 + returnPct / 100),
    qty: 0.1,
    fees: 10,
    pnl: 50 * returnPct - 10,
    returnPct,
    closed: exit !== 'open',
    exit,
    runUpPct,
    drawdownPct,
    // Percent of 50,000 at 0.1 BTC: 50 a percent.
    runUp: 50 * runUpPct,
    drawdown: 50 * drawdownPct,
  };
}

/** The same trade as a run stored before excursions (and exits) were recorded sends it. */
function stored(t: RunTrade): RunTrade {
  const { runUpPct: _u, drawdownPct: _d, runUp: _ru, drawdown: _dd, exit: _e, ...rest } = t;
  return rest;
}

/** A hand-made run with SL 2% TP 4%: a target hit, a stop hit, a signal exit, a trailing stop, one still open. */
const TRADES = [trade('take-profit', 4, 4.3, -1, 0), trade('stop-loss', -2.1, 0.6, -2.1, 1), trade('signal', 1, 1.8, -0.5, 2), trade('trailing-stop', 0.4, 2.2, -0.25, 3), trade('open', 3, 3.5, -1.75, 4)];

describe('the Run-up and Drawdown columns', () => {
  it('show the percent, with the money at the largest size in the title and the exact percent in data-value', () => {
    expect(runUpCell(TRADES[0]!)).toEqual({ text: '4.30%', title: "215.00 at the trade's largest size", value: 4.3 });
    expect(drawdownCell(TRADES[1]!)).toEqual({ text: '-2.10%', title: "-105.00 at the trade's largest size", value: -2.1 });
    // A trade that never went against it.
    expect(drawdownCell({ drawdownPct: 0, drawdown: 0 })).toEqual({ text: '0.00%', title: "0.00 at the trade's largest size", value: 0 });
  });

  it('show a dash, no title and no value for a run stored before they were measured', () => {
    const old = stored(TRADES[0]!);
    expect(runUpCell(old)).toEqual({ text: '–', title: undefined, value: '' });
    expect(drawdownCell(old)).toEqual({ text: '–', title: undefined, value: '' });
  });

  it("word a trade in one line for a dot's tooltip: dates, how it ended, return, run-up and drawdown", () => {
    expect(tradeSummary(2, TRADES[1]!, 'stop-loss')).toBe('#2 · 2021-03-04 15:00 → 2021-03-04 20:00 · stop-loss · return -2.10% · run-up 0.60% (30.00) · drawdown -2.10% (-105.00)');
    expect(tradeSummary(1, { ...TRADES[0]!, symbol: 'ETH/USDT' }, 'take-profit')).toMatch(/^#1 · ETH\/USDT · 2021-03-04 05:00 → /);
    expect(tradeSummary(5, TRADES[4]!, 'open')).toContain('2021-03-05 21:00 → open at the end · open');
  });
});

describe('the run-up and drawdown plot', () => {
  it('puts every closed trade at its drawdown (0 on the right) and return (0 across the middle), the open one left out', () => {
    const plot = excursionPlot(TRADES, 2)!;
    expect(plot.box).toBe(EXCURSION_BOX);
    expect(plot.points.map((p) => [p.n, p.exit, p.trade.drawdownPct, p.trade.returnPct])).toEqual([
      [1, 'take-profit', -1, 4],
      [2, 'stop-loss', -2.1, -2.1],
      [3, 'signal', -0.5, 1],
      [4, 'trailing-stop', -0.25, 0.4],
    ]);
    // x from a little past the deepest drawdown (and the stop) to a little past 0, where the trades that never
    // went against them sit; y a little past the returns, 0 included; round ticks inside each, as the HTML
    // report's scatter fits the same trades (fitAxis).
    expect(plot.x).toEqual({ min: -2.1 - 2.1 * 0.06, max: 2.1 * 0.06, ticks: [-2, -1.5, -1, -0.5, 0], decimals: 1 });
    const [lo, hi] = [-2.1 - 6.1 * 0.06, 4 + 6.1 * 0.06];
    expect(plot.y).toEqual({ min: lo, max: hi, ticks: [-2, 0, 2, 4], decimals: 0 });
    // The box is 480 × 240 with margins 52 left, 14 right, 12 top, 36 bottom: 414 across, 192 up.
    const px = (d: number) => 52 + ((d - plot.x.min) / (plot.x.max - plot.x.min)) * 414;
    const py = (r: number) => 204 - ((r - lo) / (hi - lo)) * 192;
    const at = plot.points.map((p) => [p.cx, p.cy]);
    const want = [[-1, 4], [-2.1, -2.1], [-0.5, 1], [-0.25, 0.4]].map(([d, r]) => [px(d!), py(r!)]);
    at.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(want[i]![0]!, 9);
      expect(p[1]).toBeCloseTo(want[i]![1]!, 9);
    });
    // No dot on the frame: the deepest and the best trade sit inside it, not cut in half by an edge.
    expect(at[1]![0]).toBeGreaterThan(52 + 10);
    expect(at[0]![1]).toBeGreaterThan(12 + 5);
    // Drawdown 0 is inside the right edge (466), with room for a dot there; the stop-loss line at -2 %.
    expect(plot.scale.px(0)).toBeCloseTo(px(0), 9);
    expect(466 - plot.scale.px(0)).toBeGreaterThan(10);
    expect(plot.scale.py(0)).toBeCloseTo(py(0), 9);
    expect(plot.stopLossPct).toBe(2);
    expect(plot.scale.px(-2)).toBeCloseTo(px(-2), 9);
  });

  it('ticks its axes as the HTML report ticks its scatter of the same trades, labels grouped and with the same decimals', () => {
    // Returns up to 1,500 %: the report's y labels are "1,500.0%"-style grouped text; the app's read the same.
    const closed = [trade('take-profit', 1500, 1600, -3), trade('signal', -40, 5, -45, 1), trade('signal', 300, 350, -12.5, 2)];
    const plot = excursionPlot(closed)!;
    const report = excursionSection(closed.map((t) => ({ ...t })) as unknown as Parameters<typeof excursionSection>[0]);
    const texts = [...report.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="(?:end|middle)">([^<]+)<\/text>/g)].map((m) => m[1]!);
    const app = [...plot.y.ticks.map((t) => pctTickText(t, plot.y.decimals)), ...plot.x.ticks.map((t) => pctTickText(t, plot.x.decimals))];
    expect(texts).toEqual(app);
    expect(app).toContain('1,500%');
  });

  it('colours each dot by how it ended, with the colours every other place on the page names exits in', () => {
    const plot = excursionPlot(TRADES, 2)!;
    expect(plot.points.map((p) => p.color)).toEqual(['take-profit', 'stop-loss', 'signal', 'trailing-stop'].map((r) => EXIT_COLORS[r as ExitReason]));
    expect(new Set(EXIT_REASONS.map((r) => EXIT_COLORS[r])).size).toBe(EXIT_REASONS.length);
    // The report's colours: one table of them (shared/backtest/palette.ts).
    expect(EXIT_COLORS).toBe(SHARED_EXIT_COLORS);
    // The legend: the reasons drawn, in the Exits table's order, each with its count.
    expect(plot.legend).toEqual([
      { reason: 'signal', color: EXIT_COLORS.signal, trades: 1 },
      { reason: 'stop-loss', color: EXIT_COLORS['stop-loss'], trades: 1 },
      { reason: 'trailing-stop', color: EXIT_COLORS['trailing-stop'], trades: 1 },
      { reason: 'take-profit', color: EXIT_COLORS['take-profit'], trades: 1 },
    ]);
  });

  it('without a stop-loss reads the x axis from the deepest drawdown and draws no stop line', () => {
    const plot = excursionPlot(TRADES.slice(2))!;
    expect(plot.stopLossPct).toBeNull();
    expect(plot.x).toEqual({ min: -0.5 - 0.5 * 0.06, max: 0.5 * 0.06, ticks: [-0.5, -0.4, -0.3, -0.2, -0.1, 0], decimals: 1 });
    expect(plot.points.map((p) => p.n)).toEqual([1, 2]);
    // Trades that never went against them: an axis still reading leftward from 0, the dots at 0 inside its
    // right edge (466), not cut in half on it.
    const never = excursionPlot([trade('signal', 1, 1, 0)])!;
    expect([never.x.min, never.x.max]).toEqual([-1.06, 0.06]);
    expect(never.points[0]!.cx).toBeCloseTo(52 + (1.06 / 1.12) * 414, 9);
    expect(466 - never.points[0]!.cx).toBeGreaterThan(3.5 * 2);
  });

  it('counts a closed trade stored without its reason as ended on its signal, as the Exits table does', () => {
    const { exit: _e, ...noReason } = TRADES[1]!;
    expect(excursionPlot([noReason])!.points[0]).toMatchObject({ exit: 'signal', color: EXIT_COLORS.signal });
  });

  it('is not drawn for a run stored before excursions were measured, nor without a closed trade', () => {
    expect(excursionPlot(TRADES.map(stored), 2)).toBeNull();
    expect(excursionPlot([TRADES[4]!])).toBeNull();
    expect(excursionPlot([])).toBeNull();
  });
});
