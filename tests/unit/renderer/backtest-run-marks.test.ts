// Past six strategies compared, a colour comes round again: run 7 is run 1's blue, run 13 too. The curves
// tell them apart by stroke (solid, dashed, dotted); the points, bars and swatches of the comparison tabs by
// fill: solid, hollow (an outline in the colour), cored (an outline with a dot of the colour in its middle).
// These check that the marks each view is given differ for runs 1, 7 and 13, not only the colour list.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { compareMatrix } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { marketMatrix } from '../../../renderer/src/features/backtest/market-matrix.ts';
import { riskReturnPlot } from '../../../renderer/src/features/backtest/risk-return.ts';
import { markPaint, markSwatch, runMark } from '../../../renderer/src/features/backtest/run-marks.ts';
import { RUN_LINES, runColor } from '../../../shared/backtest/palette.ts';

let seq = 0;
function run(fast: number, symbol: string, ret: number): RunSummary {
  return {
    runId: `bt-${++seq}`,
    status: 'done',
    request: { strategy: 'sma-cross', params: { fast, slow: 100 }, series: { exchange: 'local', symbol, timeframe: '1h' }, mode: 'moderate', capital: 10_000, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 0, seed: 1, portfolio: [], weights: [] },
    startedAt: 0,
    progress: 1,
    metrics: { totalReturnPct: ret, maxDrawdownPct: 5 + fast, sharpe: 1, buyHoldReturnPct: 20, from: 0, to: 3_600_000 },
    error: null,
  };
}

/** 18 strategies (fast=1..18), oldest first, each on BTC and on ETH: 18 rows in either matrix. */
const RUNS = Array.from({ length: RUN_LINES }, (_, i) => [run(i + 1, 'BTC/USDT', i), run(i + 1, 'ETH/USDT', -i)]).flat();
const newestFirst = [...RUNS].reverse();
const FIRST_ROUNDS = [0, 6, 12];
const looks = (marks: readonly { color: string; fill: string }[]) => marks.map((m) => `${m.color} ${m.fill}`);

describe("a run's mark on the comparison tabs", () => {
  it('keeps the colour of runs 1, 7 and 13 but fills them solid, hollow and cored', () => {
    const marks = FIRST_ROUNDS.map(runMark);
    expect(marks.map((m) => m.color)).toEqual([runColor(0), runColor(0), runColor(0)]);
    expect(marks.map((m) => m.fill)).toEqual(['solid', 'hollow', 'cored']);
  });

  it('gives each of the 18 runs the page draws a look no other has', () => {
    expect(new Set(looks(Array.from({ length: RUN_LINES }, (_, i) => runMark(i)))).size).toBe(RUN_LINES);
  });

  it('paints the three fills apart on a plot: filled, an outline over the background, an outline with a core', () => {
    const [a, b, c] = FIRST_ROUNDS.map((i) => markPaint(runMark(i)));
    expect(a).toMatchObject({ fill: runColor(0), core: false });
    expect(b).toMatchObject({ stroke: runColor(0), core: false });
    expect(c).toMatchObject({ stroke: runColor(0), core: true });
    expect(b!.fill).not.toBe(runColor(0));
    expect(c!.fill).not.toBe(runColor(0));
    expect(new Set([a, b, c].map((p) => JSON.stringify(p))).size).toBe(3);
  });

  it("draws the table's swatch as the plot draws the mark (three different CSS looks)", () => {
    const swatches = FIRST_ROUNDS.map((i) => JSON.stringify(markSwatch(runMark(i))));
    expect(new Set(swatches).size).toBe(3);
    expect(markSwatch(runMark(0))).toEqual({ background: runColor(0) });
  });
});

describe('runs 1, 7 and 13 in each view', () => {
  it('the strategy-and-mode matrix marks its rows 1, 7 and 13 apart', () => {
    const m = compareMatrix(newestFirst.filter((r) => r.request.series.symbol === 'BTC/USDT'), RUNS[0]!)!;
    expect(m.rows).toHaveLength(RUN_LINES);
    expect(new Set(looks(FIRST_ROUNDS.map((r) => m.rows[r]!.mark))).size).toBe(3);
    expect(new Set(looks(m.rows.map((r) => r.mark))).size).toBe(RUN_LINES);
  });

  it("the risk/return plot draws rows 1, 7 and 13's points apart, each as its row's swatch", () => {
    const m = compareMatrix(newestFirst.filter((r) => r.request.series.symbol === 'BTC/USDT'), RUNS[0]!)!;
    const plot = riskReturnPlot(m)!;
    const points = FIRST_ROUNDS.map((r) => plot.points.find((p) => p.row === r)!);
    expect(new Set(looks(points.map((p) => p.mark))).size).toBe(3);
    for (const p of points) expect(p.mark).toEqual(m.rows[p.row]!.mark);
  });

  it('the markets matrix (its swatches and bars) marks its rows 1, 7 and 13 apart', () => {
    const m = marketMatrix(newestFirst, RUNS[0]!)!;
    expect(m.rows).toHaveLength(RUN_LINES);
    expect(new Set(looks(FIRST_ROUNDS.map((r) => m.rows[r]!.mark))).size).toBe(3);
    expect(new Set(looks(m.rows.map((r) => r.mark))).size).toBe(RUN_LINES);
  });
});
