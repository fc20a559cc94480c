// Which loaded bars the chart library holds: a slice around the view, moved in memory as it scrolls.
import { describe, expect, it } from 'vitest';
import { latestSlice, MAX_VISIBLE_BARS, minBarSpacing, planSlice, SLICE_BARS, SLICE_EDGE, SLICE_SLACK } from '../../../renderer/src/features/chart/history/render-slice.ts';

describe('render slice', () => {
  it('starts on the newest bars', () => {
    expect(latestSlice(20_000)).toEqual({ start: 20_000 - SLICE_BARS, end: 20_000 });
    expect(latestSlice(100)).toEqual({ start: 0, end: 100 });
  });

  it('stays put while the view is well inside it', () => {
    const slice = latestSlice(20_000);
    expect(planSlice(20_000, slice, 19_000, 19_500)).toBeNull();
    expect(planSlice(100, latestSlice(100), 0, 99)).toBeNull();
  });

  it('centres on the view when the view nears an edge it does not share with the window', () => {
    const slice = latestSlice(20_000);
    const from = slice.start + SLICE_EDGE - 1;
    const next = planSlice(20_000, slice, from, from + 300)!;
    expect(next.end - next.start).toBe(SLICE_BARS);
    expect(next.start).toBe(from + 150 - SLICE_BARS / 2);
    // At the window's own start there is nothing further to move to.
    expect(planSlice(20_000, { start: 0, end: SLICE_BARS }, 0, 300)).toBeNull();
  });

  it('ends on the newest bar when the view is near it, so live bars keep drawing', () => {
    expect(planSlice(18_000, { start: 15_000, end: 17_400 }, 17_300, 17_390)).toEqual(latestSlice(18_000));
  });

  it('lets go of its oldest bars once live bars grew it past its slack', () => {
    const grown = { start: 10_000, end: 10_000 + SLICE_BARS + SLICE_SLACK + 1 };
    expect(planSlice(grown.end, grown, grown.end - 100, grown.end - 1)).toEqual(latestSlice(grown.end));
  });

  it('fits every view the zoom-out limit allows, with room for both edges', () => {
    expect(MAX_VISIBLE_BARS + 2 * SLICE_EDGE).toBeLessThan(SLICE_BARS);
    expect(minBarSpacing(600)).toBe(0.5);
    expect(minBarSpacing(3_600)).toBeCloseTo(3_600 / MAX_VISIBLE_BARS, 10);
  });
});
