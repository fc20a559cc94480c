// A run's fill arrows on its price line are drawn where they read apart (fill-marks.ts readableMarks):
// density is judged around each arrow, not averaged over the visible range. Averaged, a burst of trades in
// an otherwise quiet range stayed a smear zoomed in (the range's average allowed them), and a range with one
// burst hid every arrow in it, the lone readable ones too. Thousands over years of bars at full zoom-out still
// hide the price; zoomed in on a month, the same run's arrows are drawn.
import { describe, expect, it } from 'vitest';
import { fillMarks, fillsLeftOff, MARK_PX, MARK_REACH_PX, readableMarks } from '../../../renderer/src/features/backtest/fill-marks.ts';

const HOUR = 3_600_000;
// Four years of hours, thinned to a point every 10 hours, and a fill every 20 hours (buy, sell, ...).
const price = Array.from({ length: 3500 }, (_, i) => [i * 10 * HOUR, 100 + (i % 7)] as const);
const fills = Array.from({ length: 1750 }, (_, i) => ({ ts: i * 20 * HOUR, side: i % 2 === 0 ? ('buy' as const) : ('sell' as const) }));

/** Each mark's x on an axis `width` px wide showing `from`..`to` (epoch ms), evenly as time. */
const placesOn = (marks: readonly { time: number }[], from: number, to: number, width: number) => marks.map((m) => ((m.time - from) / (to - from)) * width);
const count = (drawn: readonly boolean[]) => drawn.filter(Boolean).length;

describe("the price line's fill arrows by zoom", () => {
  const marks = fillMarks(price, fills);
  const width = 900;

  it('leaves them off at full zoom-out on a laptop\'s chart, and draws them zoomed in on a month', () => {
    const out = placesOn(marks, 0, 35_000 * HOUR, width);
    const outDrawn = readableMarks(out);
    expect(count(outDrawn)).toBe(0);
    expect(fillsLeftOff(marks, out, outDrawn, width)).toEqual({ inView: 1750, leftOff: 1750 });
    // A month: 30 days × 24 hours / 20 hours a fill, both ends in; the rest off the axis either side.
    const month = placesOn(marks, 0, 720 * HOUR, width);
    const monthDrawn = readableMarks(month);
    expect(fillsLeftOff(marks, month, monthDrawn, width)).toEqual({ inView: 37, leftOff: 0 });
  });

  it('draws a quiet stretch\'s arrows and leaves off a burst\'s, in one view', () => {
    // Twelve arrows 60 px apart, and a burst of 30 within 15 px around x = 400: 42 arrows in 900 px, few
    // enough on average, yet the burst is a smear; and on a 200 px chart the average would hide them all.
    const quiet = Array.from({ length: 12 }, (_, i) => 40 + i * 60).filter((x) => Math.abs(x - 400) > 2 * MARK_REACH_PX);
    const burst = Array.from({ length: 30 }, (_, i) => 400 + i * 0.5);
    const xs = [...quiet, ...burst].sort((a, b) => a - b);
    const drawn = readableMarks(xs);
    expect(xs.filter((_, i) => drawn[i])).toEqual(quiet);
    expect(xs.filter((_, i) => !drawn[i])).toEqual(burst);
    const ones = xs.map(() => ({ count: 1 }));
    expect(fillsLeftOff(ones, xs, drawn, width)).toEqual({ inView: xs.length, leftOff: 30 });
    // Only the part of the axis shown counts toward the words.
    expect(fillsLeftOff(ones, xs, drawn, 300)).toEqual({ inView: quiet.filter((x) => x <= 300).length, leftOff: 0 });
  });

  it('draws arrows exactly MARK_PX apart, and leaves off those any closer', () => {
    const apart = Array.from({ length: 100 }, (_, i) => i * MARK_PX);
    expect(count(readableMarks(apart))).toBe(100);
    const closer = Array.from({ length: 100 }, (_, i) => i * (MARK_PX - 1));
    const drawn = readableMarks(closer);
    // All but the few at either end, which have neighbours on one side only.
    expect(drawn.slice(10, 90).some(Boolean)).toBe(false);
  });

  it('leaves off a mark the axis has no place for, without letting it crowd the others', () => {
    expect(readableMarks([null, 10, null, 20])).toEqual([false, true, false, true]);
    expect(readableMarks([])).toEqual([]);
  });
});
