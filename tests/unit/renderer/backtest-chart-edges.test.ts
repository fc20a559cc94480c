// The backtest page's charts are fitted to their points (equity, drawdown, a run's price, a trade's candles),
// and lightweight-charts cut a time label near either end in half ("020" for 2020 at the equity chart's
// left, "18:0" at a price chart's right) unless the time axis's edges are fixed, when it keeps the first and
// last labels inside. The walk-forward chart wants room beyond its ends (for its F1 mark): it set its own
// range there with the edges free, and its leftmost label was cut; now it pads its data with whitespace bars
// and keeps the edges fixed like the others. The price axis's top label was cut the same
// way ("60,000.00" on the price chart, its lower half only): a label that does not fit whole is left out.
// The drawdown pane's scale has 0 % at its top, not a fifth of the pane of gains no drawdown has.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => [] as { timeScale?: Record<string, unknown>; rightPriceScale?: Record<string, unknown> }[]);

vi.mock('lightweight-charts', () => ({
  createChart: (_el: unknown, options: { timeScale?: Record<string, unknown>; rightPriceScale?: Record<string, unknown> }) => {
    created.push(options);
    return {};
  },
}));

const { makeChart } = await import('../../../renderer/src/features/backtest/bt-chart.ts');
const { edgeWhitespace } = await import('../../../renderer/src/features/backtest/edge-whitespace.ts');
const { drawdownAutoscale, DRAWDOWN_SCALE_MARGINS, ZERO_MARGIN_PX } = await import('../../../renderer/src/features/backtest/drawdown-scale.ts');

beforeEach(() => {
  created.length = 0;
});

describe('the time axis of a backtest chart', () => {
  it('is fixed at the first and last points of a fitted chart, so the end labels are drawn whole', () => {
    makeChart({} as HTMLElement);
    expect(created[0]!.timeScale).toMatchObject({ fixLeftEdge: true, fixRightEdge: true });
  });

});

describe('the whitespace a chart pads its ends with', () => {
  it('puts `pad` bars before the first point and after the last, spaced as the points are on average', () => {
    // Hourly points with a gap: 4 points over 5 hours, so bars 6,000 s apart on average.
    const h = 3600;
    expect(edgeWhitespace([10 * h, 11 * h, 12 * h, 15 * h], 2)).toEqual({ before: [10 * h - 12000, 10 * h - 6000], after: [15 * h + 6000, 15 * h + 12000] });
  });

  it('stays clear of the points (a lone point is padded a second at a time), and pads nothing when there is none', () => {
    expect(edgeWhitespace([100], 2)).toEqual({ before: [98, 99], after: [101, 102] });
    expect(edgeWhitespace([], 3)).toEqual({ before: [], after: [] });
    expect(edgeWhitespace([1, 2], 0)).toEqual({ before: [], after: [] });
  });
});

describe('the price axis of a backtest chart', () => {
  it('draws only the labels that fit whole: none cut in half at the top edge', () => {
    makeChart({} as HTMLElement);
    for (const options of created) expect(options.rightPriceScale).toMatchObject({ entireTextOnly: true });
  });
});

describe("the drawdown pane's scale", () => {
  const base = (minValue: number, maxValue: number) => () => ({ priceRange: { minValue, maxValue } });
  // Where 0 % is drawn, in pixels from the top of a pane `height` px tall: the scale's own margin (a fraction
  // of its height, lightweight-charts' default a fifth) and the series' margin above, in pixels.
  const zeroFromTop = (height: number) => DRAWDOWN_SCALE_MARGINS.top * height + drawdownAutoscale(base(-12, 0))!.margins!.above;

  it('keeps its top at 0 %, a few pixels under the pane top, so the drawdown has the pane', () => {
    expect(drawdownAutoscale(base(-12.5, 0))!.priceRange).toEqual({ minValue: -12.5, maxValue: 0 });
    // With the default margins 0 % sat 40 px down a 200 px pane, over nothing.
    expect(zeroFromTop(200)).toBeLessThanOrEqual(10);
    expect(zeroFromTop(400)).toBeLessThanOrEqual(10);
    // Still room for the whole "0.00%" label (12 px high) centred on its line.
    expect(ZERO_MARGIN_PX).toBeGreaterThanOrEqual(6);
  });

  it('never reads above 0 %, and draws a run that never fell along its top', () => {
    expect(drawdownAutoscale(base(-3, 0.4))!.priceRange).toEqual({ minValue: -3, maxValue: 0 });
    // A flat 0 line: a range below it, not one lightweight-charts widens both ways around it.
    const flat = drawdownAutoscale(base(0, 0))!.priceRange!;
    expect(flat.maxValue).toBe(0);
    expect(flat.minValue).toBeLessThan(0);
    // Nothing visible: nothing to scale.
    expect(drawdownAutoscale(() => null)).toBeNull();
  });
});
