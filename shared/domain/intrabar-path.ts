import type { Candle } from './candle.ts';

/**
 * The price path Keel assumes inside a candle: open, then whichever of high and low is nearer
 * to the open, then the other extreme, then close. Replay streams these points as ticks, and the
 * paper broker uses the same order to decide whether a stop or a limit was touched first.
 * Writes four prices into `out` (reused to keep replay allocation-free) and returns it.
 */
export function intrabarPath(c: Candle, out: number[] = [0, 0, 0, 0]): number[] {
  const highFirst = visitsHighFirst(c.o, c.h, c.l);
  out[0] = c.o;
  out[1] = highFirst ? c.h : c.l;
  out[2] = highFirst ? c.l : c.h;
  out[3] = c.c;
  return out;
}

/**
 * Whether the path goes to the high before the low: the high is at least as near the open as the low.
 * The one statement of the rule, for hot loops that walk a bar without building its path.
 */
export function visitsHighFirst(o: number, h: number, l: number): boolean {
  return h - o <= o - l;
}

/**
 * The time of point `point` of the path (0 open, 1 nearer extreme, 2 farther extreme, 3 close) in a bar
 * opening at `t` and lasting `durationMs`: the open at the bar's start, the close at its end, the extremes
 * a third and two thirds in. A replay stamps its ticks with it (on the trades tape too) and the app's paper
 * feed its ticks, so a fill has the time of the tick that caused it; the paper broker walks a backtest's
 * bar with the same times (paper-broker.ts, #onBar).
 */
export function pathPointTime(t: number, durationMs: number, point: number): number {
  return t + (point * durationMs) / 3;
}
