// The Across markets bars' buy-and-hold figure is written clear of the bars: "B&H 21.35%" was written across
// a bar that rose past the level.
import { describe, expect, it } from 'vitest';
import { holdLabelY } from '../../../renderer/src/features/backtest/hold-label.ts';

const ZERO = 200;

describe('the buy-and-hold figure', () => {
  it('sits just above its line when no bar runs through it', () => {
    expect(holdLabelY([[150, ZERO]], 100)).toBe(96);
    // A loss's bar hangs below zero, clear of a line above it.
    expect(holdLabelY([[ZERO, 260]], 100)).toBe(96);
  });

  it('goes below the line when a bar ends just under it, and above the bars when one rises past it', () => {
    // A bar ending at the line's level (a loss a little short of buy and hold's).
    expect(holdLabelY([[ZERO, 300]], 302)).toBe(315);
    // A gain past the level: the bar runs through both sides of the line, the figure goes over its top.
    expect(holdLabelY([[40, ZERO]], 80)).toBe(36);
  });

  it('goes under the bars when they reach the top of the chart', () => {
    expect(holdLabelY([[5, ZERO]], 30)).toBe(213);
  });
});
