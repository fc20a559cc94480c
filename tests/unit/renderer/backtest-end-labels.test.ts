// The equity chart's end labels (end-labels.ts): runs that end at nearly one value have their labels
// spread a label's height apart, in the order of their curves' ends, each as near its end as the others let
// it be; labels far apart stay at their ends; the pane's edges keep them in, and past the labels a pane
// holds the crowded ones are left off rather than drawn below it.
import { describe, expect, it } from 'vitest';
import { keptLabels, spreadLabels } from '../../../renderer/src/features/backtest/end-labels.ts';
import { labelPaint } from '../../../renderer/src/features/backtest/EndLabels.tsx';
import { runColor, runStroke } from '../../../shared/backtest/palette.ts';

const H = 18;

/** The labels' centres top to bottom, each with the curve it is of (a label left off, null, has none). */
const topToBottom = (ys: readonly (number | null)[]) => ys.flatMap((y, i) => (y === null ? [] : [{ y, i }])).sort((a, b) => a.y - b.y);

/** Every label's centre, none left off. */
const everyOne = (ys: readonly (number | null)[]): number[] => ys.map((y) => (y === null ? Number.NaN : y));

describe('the equity curves\' end labels', () => {
  it('spreads labels of runs ending at nearly one value a label\'s height apart, in the curves\' order', () => {
    // Twelve runs ending within 6 px of one another in the middle of a 400 px pane.
    const ends = [200, 203, 199, 201, 205, 200.5, 202, 198, 204, 206, 199.5, 201.5];
    const ys = everyOne(spreadLabels(ends, H, 400));
    const sorted = topToBottom(ys);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k]!.y - sorted[k - 1]!.y).toBeGreaterThanOrEqual(H - 1e-9);
    // Top to bottom as the curves' ends are.
    expect(sorted.map((s) => s.i)).toEqual(topToBottom(ends).map((s) => s.i));
    // Centred on them: the block's middle is the ends' middle (no label pushed needlessly far).
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(ys)).toBeCloseTo(mean(ends), 6);
  });

  it('keeps the curves\' order for runs ending at exactly one value', () => {
    const ys = spreadLabels([100, 100, 100], H, 300);
    expect(ys[1]! - ys[0]!).toBe(H);
    expect(ys[2]! - ys[1]!).toBe(H);
  });

  it('leaves labels at their ends when they do not touch', () => {
    expect(spreadLabels([50, 120, 300], H, 400)).toEqual([50, 120, 300]);
  });

  it('moves only the labels that would touch, and keeps them in the pane', () => {
    const ys = spreadLabels([5, 8, 200, 395, 399], H, 400);
    expect(ys[2]).toBe(200);
    expect(ys[0]).toBe(H / 2);
    expect(ys[1]).toBe(H / 2 + H);
    expect(ys[4]).toBe(400 - H / 2);
    expect(ys[3]).toBe(400 - H / 2 - H);
  });

  it('leaves off the labels a pane cannot hold rather than run them past its edge, keeping the top and bottom ends', () => {
    // Fifteen runs on the 120 px drawdown pane with 12 px labels: room for ten. They went on 60 px below it.
    const h = 12;
    const ends = [3, 3.5, 4, 4.2, 30, 31, 55, 56, 56.5, 80, 81, 100, 110, 111, 118];
    const ys = spreadLabels(ends, h, 120);
    const shown = ys.flatMap((y, i) => (y === null ? [] : [{ y, i }])).sort((a, b) => a.y - b.y);
    expect(shown).toHaveLength(10);
    for (const { y } of shown) {
      expect(y - h / 2).toBeGreaterThanOrEqual(0);
      expect(y + h / 2).toBeLessThanOrEqual(120);
    }
    for (let k = 1; k < shown.length; k++) expect(shown[k]!.y - shown[k - 1]!.y).toBeGreaterThanOrEqual(h - 1e-9);
    // The extremes keep theirs: the highest end and the lowest.
    expect(ys[0]).not.toBeNull();
    expect(ys[14]).not.toBeNull();
    // Still top to bottom as their curves end.
    expect(shown.map((s) => s.i)).toEqual([...shown.map((s) => s.i)].sort((a, b) => a - b));
    // Those left off are ends crowded beside a kept one, not a lone end: 30 and 100 keep theirs.
    expect(ys[4]).not.toBeNull();
    expect(ys[11]).not.toBeNull();
  });

  it('leaves off the later run of two ending at one value, and keeps every label while they fit', () => {
    expect(keptLabels([10, 50, 50, 90], 3)).toEqual([0, 1, 3]);
    expect(keptLabels([10, 50, 50, 90], 4)).toEqual([0, 1, 2, 3]);
    expect(keptLabels([10, 50, 90], 1)).toEqual([0]);
    expect(spreadLabels([10, 50, 50, 90], 30, 90)).toEqual([15, 45, null, 75]);
  });
});

describe("the end labels' paint", () => {
  it("tells runs 1, 7 and 13 apart as their lines are: filled, then outlined dashed, then dotted, in the run's colour", () => {
    const paint = [0, 6, 12].map((i) => labelPaint({ color: runColor(i), stroke: runStroke(i) }));
    expect(paint[0]).toEqual({ background: runColor(0), color: expect.any(String) });
    expect(paint[1]).toMatchObject({ color: runColor(0), border: `1px dashed ${runColor(0)}` });
    expect(paint[2]).toMatchObject({ color: runColor(0), border: `1px dotted ${runColor(0)}` });
    expect(new Set(paint.map((p) => JSON.stringify(p))).size).toBe(3);
  });
});
