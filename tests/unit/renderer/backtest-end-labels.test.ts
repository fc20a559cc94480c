// The equity chart's end labels (end-labels.ts): runs that end at nearly one value have their labels
// spread a label's height apart, in the order of their curves' ends, each as near its end as the others let
// it be; labels far apart stay at their ends; the pane's edges keep them in while there is room.
import { describe, expect, it } from 'vitest';
import { spreadLabels } from '../../../renderer/src/features/backtest/end-labels.ts';

const H = 18;

/** The labels' centres top to bottom, each with the curve it is of. */
const topToBottom = (ys: number[]) => ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);

describe('the equity curves\' end labels', () => {
  it('spreads labels of runs ending at nearly one value a label\'s height apart, in the curves\' order', () => {
    // Twelve runs ending within 6 px of one another in the middle of a 400 px pane.
    const ends = [200, 203, 199, 201, 205, 200.5, 202, 198, 204, 206, 199.5, 201.5];
    const ys = spreadLabels(ends, H, 400);
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

  it('goes on below the pane rather than overlap when the labels outnumber its room', () => {
    const ys = spreadLabels(Array.from({ length: 15 }, (_, i) => 100 + i * 0.1), H, 200);
    const sorted = topToBottom(ys);
    expect(sorted[0]!.y).toBe(H / 2);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k]!.y - sorted[k - 1]!.y).toBeCloseTo(H, 9);
  });
});
