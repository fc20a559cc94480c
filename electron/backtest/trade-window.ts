// A stretch of a run's candles at full resolution with the strategy's indicators over it: what the app's
// trade chart draws when a trade is clicked (its entry and exit with the bars around them), where the run's
// price chart is thinned to a few thousand points over the whole run. The indicators are computed over the
// run's candles from its first bar and then cut to the stretch, so an EMA's value is the one the strategy
// read at that bar, not one warmed up from the stretch's start.
//
// Asked with its lead-in, a window may start before the range, in the bars the run's indicators read first
// (its warm-up, lead-in.ts): the run's price chart draws them set apart, so the indicator lines do not
// start in mid-air at the range's first bar. Only the bars the run read: a search's loader may have kept
// more for a larger parameter set, and those the run never saw.
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { IndicatorUse } from '../strategies/strategy.ts';
import { indicatorLinesWithLead, type IndicatorCurve } from './indicator-lines.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

/** Bars a window holds at most: a week of 1m bars, plenty around one trade, and a chart that stays quick. */
export const MAX_WINDOW_BARS = 10_000;

export interface TradeWindow {
  /** [open time, open, high, low, close] of each bar from `from` to `to`. */
  candles: [number, number, number, number, number][];
  /** The strategy's indicators at each of those bars from their first value on. */
  indicators: IndicatorCurve[];
  /**
   * True when the stretch had more than MAX_WINDOW_BARS bars: the oldest of its lead-in are left out first
   * (those next to the range are what the indicators' first values stand on), then its last bars.
   */
  cut: boolean;
  /** How many of `candles`, the first ones, lie before the run's range (0 unless asked with the lead-in). */
  leadIn: number;
}

/** The first index from `lo` (below `n`) whose time is at or after `t`. */
function firstAtOrAfter(times: Float64Array, lo: number, n: number, t: number): number {
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The bars opening from `from` to `to` (inclusive) with the declared indicators' values at them; with
 * `withLeadIn`, the bars the run read before its range count too, so `from` may lie before the range.
 */
export function tradeWindow(candles: CandleColumns, barMs: number, uses: readonly IndicatorUse[], strategy: string, from: number, to: number, withLeadIn = false): TradeWindow {
  if (!(from <= to)) throw new RangeError(`a window runs from its start to its end: ${isoTime(from)} is after ${isoTime(to)}`);
  // Over the run's lead-in and its range, the range's first bar at index `lead`.
  const { lead, cols, length: n, lines } = indicatorLinesWithLead(uses, strategy, candles, barMs);
  const t = cols.t;
  const first = withLeadIn ? 0 : lead;
  let a = firstAtOrAfter(t, first, n, from);
  const end = firstAtOrAfter(t, first, n, to + 1);
  if (a >= end) {
    const span = first >= n ? 'none' : `${isoTime(t[first]!)} to ${isoTime(t[n - 1]!)}`;
    throw new RangeError(`the run has no bars from ${isoTime(from)} to ${isoTime(to)}; its bars open from ${span}`);
  }
  const cut = end - a > MAX_WINDOW_BARS;
  // Too long: the lead-in's oldest bars go first, down to the range's first bar, then the stretch's last.
  if (cut) a = Math.max(a, Math.min(lead, end - MAX_WINDOW_BARS));
  const b = Math.min(end, a + MAX_WINDOW_BARS);
  const out: TradeWindow['candles'] = new Array(b - a);
  for (let i = a; i < b; i++) out[i - a] = [t[i]!, cols.o[i]!, cols.h[i]!, cols.l[i]!, cols.c[i]!];
  const indicators = lines.map((l) => {
    const points: [number, number][] = [];
    for (let i = a; i < b; i++) if (Number.isFinite(l.values[i]!)) points.push([t[i]!, l.values[i]!]);
    return { label: l.label, overlay: l.overlay, levels: l.levels, points };
  });
  return { candles: out, indicators, cut, leadIn: Math.max(0, Math.min(b, lead) - a) };
}
