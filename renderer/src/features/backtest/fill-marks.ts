// Where a run's fills go on its price line. The line is thinned (a few thousand points for any length of
// run) and lightweight-charts spaces points by index, so a fill is put on the line's last point at or
// before it rather than at a time of its own, which would wedge extra points into the axis.
//
// Several fills of one side that land on the same point are one arrow: lightweight-charts stacks markers
// of a bar one over the other and widens the price scale to fit the stack, so a busy stretch squashed
// the line into a sliver (the axis reached down to 0). A protective exit's fills are marks of their own, in
// their exit's colour.
import type { ExitReason } from '../../../../shared/backtest/run-exits.ts';

export interface FillMark {
  /** The price point's time, epoch ms. */
  time: number;
  side: 'buy' | 'sell';
  /** Fills of this side (and exit) on this point. */
  count: number;
  /** The protective exit these fills were (a stop-loss, trailing stop or take-profit), or null for the strategy's own. */
  exit: ExitReason | null;
}

/** More than this and the arrows are a smear: the chart says so instead (the HTML report does the same). */
export const MAX_MARKS = 2000;

type MarkedFill = { ts: number; side: 'buy' | 'sell'; exit?: ExitReason | undefined };

/**
 * One mark per point, side and exit, in time order: on a point, buys before sells and the strategy's own
 * fills before a protective exit's, so a stop-loss reads apart from the signal's sell in its own colour.
 */
export function fillMarks(price: readonly (readonly [number, number])[], fills: readonly MarkedFill[]): FillMark[] {
  if (price.length === 0 || fills.length > MAX_MARKS) return [];
  const byKey = new Map<string, FillMark & { point: number }>();
  for (const f of fills) {
    const point = pointAtOrBefore(price, f.ts);
    const exit = f.exit ?? null;
    const key = `${point}:${f.side}:${exit ?? ''}`;
    const at = byKey.get(key);
    if (at) at.count++;
    else byKey.set(key, { point, time: price[point]![0], side: f.side, count: 1, exit });
  }
  const rank = (m: FillMark) => (m.side === 'buy' ? 0 : 2) + (m.exit === null ? 0 : 1);
  return [...byKey.values()].sort((a, b) => a.point - b.point || rank(a) - rank(b)).map(({ point: _p, ...m }) => m);
}

/** The index of the last point at or before ts (the first point for a ts before the line starts). */
export function pointAtOrBefore(price: readonly (readonly [number, number])[], ts: number): number {
  let lo = 0;
  let hi = price.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (price[mid]![0] <= ts) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Pixels an arrow needs along the time axis to read apart from its neighbours: closer, thousands of arrows
 * over years of bars at full zoom-out hid the price line under them.
 */
export const MARK_PX = 6;

/**
 * How far either side of an arrow its neighbours crowd it, in pixels: the stretch of axis whose arrows
 * decide whether it is drawn. Ten arrows' room: a pair of fills a few pixels apart still both read, a burst
 * of them does not.
 */
export const MARK_REACH_PX = 5 * MARK_PX;

/** Most arrows, the one judged among them, that the 2 × MARK_REACH_PX around an arrow holds MARK_PX apart. */
const MOST_NEAR = (2 * MARK_REACH_PX) / MARK_PX + 1;

/**
 * Which marks are drawn at this zoom, given each one's place on the time axis in pixels (in the marks'
 * order, which is time order; null where the axis has no place for it): those with no more neighbours
 * within MARK_REACH_PX than fit MARK_PX apart. Density is judged where the arrows are, not over the
 * visible range: averaged over the range, a burst of trades stayed a smear at any zoom the range's average
 * allowed, and a quiet range with one burst in it lost every arrow, the readable ones too.
 */
export function readableMarks(xs: readonly (number | null)[]): boolean[] {
  const placed = xs.flatMap((x, i) => (x === null ? [] : [{ x, i }]));
  const drawn = xs.map(() => false);
  // Both ends of the window of neighbours walk forward with the arrow judged: the marks are in time order.
  let lo = 0;
  let hi = 0;
  for (const { x, i } of placed) {
    while (placed[lo]!.x < x - MARK_REACH_PX) lo++;
    while (hi < placed.length && placed[hi]!.x <= x + MARK_REACH_PX) hi++;
    drawn[i] = hi - lo <= MOST_NEAR;
  }
  return drawn;
}

/**
 * The fills whose marks are on the visible axis (x from 0 to `width`, both ends included), and of those the
 * fills whose marks are left off for their crowd: what the chart's "zoom in" line counts.
 */
export function fillsLeftOff(marks: readonly Pick<FillMark, 'count'>[], xs: readonly (number | null)[], drawn: readonly boolean[], width: number): { inView: number; leftOff: number } {
  let inView = 0;
  let leftOff = 0;
  marks.forEach((m, i) => {
    const x = xs[i];
    if (x === null || x === undefined || x < 0 || x > width) return;
    inView += m.count;
    if (!drawn[i]) leftOff += m.count;
  });
  return { inView, leftOff };
}
