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
