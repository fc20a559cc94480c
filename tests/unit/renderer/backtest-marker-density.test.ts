// A run's fill arrows on its price line are drawn only while the visible range holds few enough of them to
// read apart (fill-marks.ts marksInView, marksFit): thousands over years of bars at full zoom-out hid the
// price; zoomed in on a month, the same run's arrows fit.
import { describe, expect, it } from 'vitest';
import { fillMarks, MARK_PX, marksFit, marksInView } from '../../../renderer/src/features/backtest/fill-marks.ts';

const HOUR = 3_600_000;
// Four years of hours, thinned to a point every 10 hours, and a fill every 20 hours (buy, sell, ...).
const price = Array.from({ length: 3500 }, (_, i) => [i * 10 * HOUR, 100 + (i % 7)] as const);
const fills = Array.from({ length: 1750 }, (_, i) => ({ ts: i * 20 * HOUR, side: i % 2 === 0 ? ('buy' as const) : ('sell' as const) }));

describe('the price line\'s fill arrows by zoom', () => {
  const marks = fillMarks(price, fills);

  it('counts the arrows and fills in the visible range', () => {
    expect(marksInView(marks, 0, 35_000 * HOUR)).toEqual({ arrows: 1750, fills: 1750 });
    // A month: 30 days × 24 hours / 20 hours a fill, both ends in.
    expect(marksInView(marks, 0, 720 * HOUR)).toEqual({ arrows: 37, fills: 37 });
    expect(marksInView(marks, -10 * HOUR, -HOUR)).toEqual({ arrows: 0, fills: 0 });
  });

  it('leaves them off at full zoom-out on a laptop\'s chart, and draws them zoomed in on a month', () => {
    const width = 900;
    expect(marksFit(marksInView(marks, 0, 35_000 * HOUR).arrows, width)).toBe(false);
    expect(marksFit(marksInView(marks, 0, 720 * HOUR).arrows, width)).toBe(true);
    // Exactly as many as fit, MARK_PX apart.
    expect(marksFit(Math.floor(width / MARK_PX), width)).toBe(true);
    expect(marksFit(Math.floor(width / MARK_PX) + 1, width)).toBe(false);
  });
});
