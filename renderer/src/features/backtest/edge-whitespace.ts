// Room beyond a chart's first and last points as whitespace bars (times with no value), so a chart fitted to
// its data with its time axis's edges fixed still has space at either end. The walk-forward chart needs it
// for its F1 mark on the very first point; it used to get the room by setting a visible range past its
// points with the edges left free, and lightweight-charts then drew the leftmost time label cut in half
// (it keeps edge labels whole only on a fixed edge) and, after a resize, cut the first fold off entirely.
import type { UTCTimestamp } from 'lightweight-charts';

/**
 * `pad` whitespace times before the first of `times` and `pad` after the last (seconds, ascending), spaced
 * as the points are on average, so the bars keep the spacing of the data they pad. None for no point.
 */
export function edgeWhitespace(times: readonly number[], pad: number): { before: UTCTimestamp[]; after: UTCTimestamp[] } {
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined || pad <= 0) return { before: [], after: [] };
  const step = Math.max(1, Math.round((last - first) / Math.max(1, times.length - 1)));
  const count = Math.floor(pad);
  return {
    before: Array.from({ length: count }, (_, k) => (first - (count - k) * step) as UTCTimestamp),
    after: Array.from({ length: count }, (_, k) => (last + (k + 1) * step) as UTCTimestamp),
  };
}
