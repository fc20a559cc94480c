// The run's price chart draws the bars its indicators read before the range (backtest.window with its
// lead-in): the window's bars before the range only, thinned when they would crowd the run (the last,
// next to the range, always kept), the indicator lines carried back over them, and a caption naming them.
import { describe, expect, it } from 'vitest';
import type { IndicatorCurve } from '../../../shared/contract/commands/backtest.ts';
import { curvesWithLeadIn, leadInCaption, leadInOf, leadInPoints, windowLeadIn, type LeadInWindow } from '../../../renderer/src/features/backtest/lead-in-view.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2021, 0, 1);

/** A window of `lead` bars before START and the range's first bar, closes 100 + k, an SMA 3 over them. */
function windowOf(lead: number): LeadInWindow {
  const candles = Array.from({ length: lead + 1 }, (_, k) => [START - (lead - k) * HOUR, 1, 2, 0, 100 + k] as const);
  const sma: IndicatorCurve = { label: 'SMA 3', overlay: true, levels: [], points: candles.slice(2).map(([t], k) => [t, 101 + k]) };
  const slow: IndicatorCurve = { label: 'SMA 40', overlay: true, levels: [], points: [[START, 120]] };
  return { candles, indicators: [sma, slow], leadIn: lead };
}

describe("the run's lead-in on its price chart", () => {
  it('takes the bars before the range whole when they are few, each indicator at them', () => {
    const lead = leadInOf(windowOf(39), leadInPoints(2000))!;
    expect(lead.bars).toBe(39);
    expect(lead.closes).toEqual(Array.from({ length: 39 }, (_, k) => [START - (39 - k) * HOUR, 100 + k]));
    // The range's first bar is the run's own line's: not in the lead-in.
    expect(lead.closes.at(-1)![0]).toBe(START - HOUR);
    expect(lead.lines.get('SMA 3')!.length).toBe(37);
    expect(lead.lines.get('SMA 40')).toEqual([]);
  });

  it('thins a long lead-in to a tenth of the price line, keeping the bar next to the range', () => {
    const lead = leadInOf(windowOf(1000), leadInPoints(2000))!;
    expect(leadInPoints(2000)).toBe(200);
    expect(lead.bars).toBe(1000);
    expect(lead.closes.length).toBe(200);
    expect(lead.closes.at(-1)).toEqual([START - HOUR, 100 + 999]);
    expect(lead.closes[1]![0] - lead.closes[0]![0]).toBe(5 * HOUR);
    expect(lead.lines.get('SMA 3')!.map(([t]) => t)).toEqual(lead.closes.map(([t]) => t).filter((t) => t >= START - 998 * HOUR));
    expect(leadInCaption(lead)).toBe("Shaded, in grey: the 1,000 bars before the range its indicators read first (200 points of them drawn); the run trades from the range's first bar.");
  });

  it('is nothing when the run read no bars before its range', () => {
    expect(leadInOf(windowOf(0), 200)).toBeNull();
    const curves = windowOf(0).indicators;
    expect(curvesWithLeadIn(curves, null)).toBe(curves);
  });

  it("carries the run's lines back over the lead-in, the run's own points after", () => {
    const w = windowOf(39);
    const lead = leadInOf(w, 200)!;
    const run: IndicatorCurve[] = [
      { label: 'SMA 3', overlay: true, levels: [], points: [[START, 138], [START + HOUR, 139]] },
      { label: 'SMA 40', overlay: true, levels: [], points: [[START, 120]] },
    ];
    const drawn = curvesWithLeadIn(run, lead);
    expect(drawn[0]!.points.length).toBe(37 + 2);
    expect(drawn[0]!.points.slice(-3)).toEqual([[START - HOUR, 137], [START, 138], [START + HOUR, 139]]);
    // Nothing to carry back: the run's own curve, as it was.
    expect(drawn[1]).toBe(run[1]);
    expect(leadInCaption(lead)).toBe("Shaded, in grey: the 39 bars before the range its indicators read first; the run trades from the range's first bar.");
  });
});

// A trade near the range's start: its chart (backtest.window with the lead-in, from 30 bars before the
// entry) holds some of the bars before the range, each one drawn set apart and counted under the chart.
describe("the lead-in on a trade's chart", () => {
  it('takes every bar of the window before the range, however many the price line has', () => {
    const w = windowOf(300);
    const lead = windowLeadIn(w)!;
    expect(lead.bars).toBe(300);
    expect(lead.closes.map(([t]) => t)).toEqual(w.candles.slice(0, 300).map(([t]) => t));
    expect(lead.lines.get('SMA 3')!.length).toBe(298);
    expect(leadInCaption(lead)).toBe("Shaded, in grey: the 300 bars before the range its indicators read first; the run trades from the range's first bar.");
  });

  it('is nothing for a trade whose window starts in the range', () => {
    expect(windowLeadIn(windowOf(0))).toBeNull();
  });
});
