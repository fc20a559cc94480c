// How far each trade went for and against it while open, on the backtest page's Trades tab: a Run-up and a
// Drawdown column (the percent shown, the money in the title, a dash for runs stored before they were
// measured), and "Run-up and drawdown", every closed trade a dot at its drawdown (across) and return (up),
// coloured by how it ended with the colours the Exits table and the Exit column use, the run's stop-loss a
// line across. A stored run without excursions has no plot.
import { describe, expect, it } from 'vitest';
import { EXIT_REASONS, type ExitReason } from '../../../shared/backtest/run-exits.ts';
import type { RunTrade } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { EXCURSION_BOX, excursionPlot } from '../../../renderer/src/features/backtest/excursion-plot.ts';
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
    // x from the deepest drawdown (and the stop) to 0; y round around the returns, 0 included.
    expect(plot.x).toEqual({ min: -2.5, max: 0, ticks: [-2.5, -2, -1.5, -1, -0.5, 0] });
    expect(plot.y).toEqual({ min: -4, max: 4, ticks: [-4, -2, 0, 2, 4] });
    // The box is 480 × 240 with margins 52 left, 14 right, 12 top, 36 bottom: 414 across, 192 up.
    const at = plot.points.map((p) => [p.cx, p.cy]);
    expect(at[0]![0]).toBeCloseTo(52 + (1.5 / 2.5) * 414, 9);
    expect(at[0]![1]).toBeCloseTo(12, 9);
    expect(at[1]![0]).toBeCloseTo(52 + (0.4 / 2.5) * 414, 9);
    expect(at[1]![1]).toBeCloseTo(204 - (1.9 / 8) * 192, 9);
    expect(at[2]).toEqual([52 + (2 / 2.5) * 414, 84]);
    expect(at[3]![0]).toBeCloseTo(52 + (2.25 / 2.5) * 414, 9);
    // Return 0 is the middle line, drawdown 0 the right edge; the stop-loss line at -2 %.
    expect(plot.scale.py(0)).toBe(108);
    expect(plot.scale.px(0)).toBe(466);
    expect(plot.stopLossPct).toBe(2);
    expect(plot.scale.px(-2)).toBeCloseTo(52 + (0.5 / 2.5) * 414, 9);
  });

  it('colours each dot by how it ended, with the colours every other place on the page names exits in', () => {
    const plot = excursionPlot(TRADES, 2)!;
    expect(plot.points.map((p) => p.color)).toEqual(['take-profit', 'stop-loss', 'signal', 'trailing-stop'].map((r) => EXIT_COLORS[r as ExitReason]));
    expect(new Set(EXIT_REASONS.map((r) => EXIT_COLORS[r])).size).toBe(EXIT_REASONS.length);
    expect([EXIT_COLORS['stop-loss'], EXIT_COLORS['take-profit']]).toEqual(['#f6465d', '#2ebd85']);
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
    expect(plot.x).toEqual({ min: -0.5, max: 0, ticks: [-0.5, -0.4, -0.3, -0.2, -0.1, 0] });
    expect(plot.points.map((p) => p.n)).toEqual([1, 2]);
    // Trades that never went against them: an axis still reading leftward from 0, the dots on its right edge.
    const never = excursionPlot([trade('signal', 1, 1, 0)])!;
    expect([never.x.min, never.x.max, never.points[0]!.cx]).toEqual([-1, 0, 466]);
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
