// Which of the loaded bars the chart library holds. lightweight-charts redoes work in proportion to a
// series' length on every update (it re-maps every bar of every series each frame), so 20,000 bars
// across a dozen series cost tens of milliseconds a frame. The feed keeps all loaded bars and every
// indicator value in memory, and hands the library only a slice around what is on screen: a few
// thousand bars, moved along (in memory, no fetch) as the user scrolls. Zoom-out is capped so the
// visible bars always fit well inside the slice.
//
// Indices here are window indices (0 = the oldest loaded bar); `end` is exclusive.

/** Bars the chart library holds at a time. */
export const SLICE_BARS = 2_000;
/** Live bars may grow an attached slice this far past SLICE_BARS before its oldest bars are let go. */
export const SLICE_SLACK = 400;
/** The slice moves when the view comes this close (in bars) to an edge it does not share with the window. */
export const SLICE_EDGE = 200;
/** The most bars on screen at once (the zoom-out limit), so a view plus both edges fits in a slice. */
export const MAX_VISIBLE_BARS = SLICE_BARS - 3 * SLICE_EDGE;

export interface SliceRange {
  start: number;
  end: number;
}

/** The newest bars: where a chart starts, and where it stays while it follows a live feed. */
export function latestSlice(length: number): SliceRange {
  return { start: Math.max(0, length - SLICE_BARS), end: length };
}

/**
 * Where the slice should be for a view over window bars [from, to] in a window of `length` bars, or
 * null when the current slice still serves. It moves when the view nears one of its inner edges, or
 * when live bars grew it past its slack; it then centres on the view, or ends at the newest bar when
 * the view is near it (so live bars keep drawing).
 */
export function planSlice(length: number, slice: SliceRange, from: number, to: number): SliceRange | null {
  const nearStart = from - slice.start < SLICE_EDGE && slice.start > 0;
  const nearEnd = slice.end - to < SLICE_EDGE && slice.end < length;
  const tooLong = slice.end - slice.start > SLICE_BARS + SLICE_SLACK;
  const outside = slice.end > length || slice.start < 0;
  if (!nearStart && !nearEnd && !tooLong && !outside) return null;
  if (length - to < SLICE_BARS / 2) return latestSlice(length);
  const centre = Math.round((from + to) / 2);
  const start = Math.min(Math.max(0, centre - SLICE_BARS / 2), Math.max(0, length - SLICE_BARS));
  return { start, end: Math.min(length, start + SLICE_BARS) };
}

/** The zoom-out limit as a bar spacing for a chart `width` pixels wide (the library's own floor is 0.5). */
export function minBarSpacing(width: number): number {
  return Math.max(0.5, width / MAX_VISIBLE_BARS);
}
