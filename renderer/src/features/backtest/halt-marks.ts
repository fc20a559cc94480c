// Where the kill switch's pulls and re-arms go on a run's equity line: on its last point at or before
// each (the line is thinned, and lightweight-charts spaces points by index). A pull never re-armed is the
// reason a curve runs flat to the end, so it is marked apart (final: an arrow the legend explains).
import type { RunResult } from './backtest-store.ts';
import { pointAtOrBefore } from './fill-marks.ts';

export interface HaltMark {
  /** The equity point's time, epoch ms. */
  time: number;
  kind: 'pulled' | 'rearmed';
  /** Engaged from here to the end of the run. */
  final: boolean;
}

export function haltMarks(equity: readonly (readonly [number, number])[], halts: readonly Pick<RunResult['halts'][number], 'from' | 'to'>[]): HaltMark[] {
  if (equity.length === 0) return [];
  const out: HaltMark[] = [];
  for (const h of halts) {
    out.push({ time: equity[pointAtOrBefore(equity, h.from)]![0], kind: 'pulled', final: h.to === null });
    if (h.to !== null) out.push({ time: equity[pointAtOrBefore(equity, h.to)]![0], kind: 'rearmed', final: false });
  }
  // Halts come oldest first, each re-armed before the next is pulled: the marks are in the time order
  // lightweight-charts wants.
  return out;
}
