// A stretch of a run's candles at full resolution with the strategy's indicators over it: what the app's
// trade chart draws when a trade is clicked (its entry and exit with the bars around them), where the run's
// price chart is thinned to a few thousand points over the whole run. The indicators are computed over the
// run's candles from its first bar and then cut to the stretch, so an EMA's value is the one the strategy
// read at that bar, not one warmed up from the stretch's start.
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { IndicatorUse } from '../strategies/strategy.ts';
import { indicatorLines, type IndicatorCurve } from './indicator-lines.ts';

/** Bars a window holds at most: a week of 1m bars, plenty around one trade, and a chart that stays quick. */
export const MAX_WINDOW_BARS = 10_000;

export interface TradeWindow {
  /** [open time, open, high, low, close] of each bar from `from` to `to`. */
  candles: [number, number, number, number, number][];
  /** The strategy's indicators at each of those bars from their first value on. */
  indicators: IndicatorCurve[];
  /** True when the stretch had more than MAX_WINDOW_BARS bars: these are its first ones. */
  cut: boolean;
}

/** The first index whose time is at or after `t`. */
function firstAtOrAfter(times: Float64Array, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** The bars opening from `from` to `to` (inclusive) with the declared indicators' values at them. */
export function tradeWindow(candles: CandleColumns, barMs: number, uses: readonly IndicatorUse[], strategy: string, from: number, to: number): TradeWindow {
  if (!(from <= to)) throw new RangeError(`a window runs from its start to its end: ${iso(from)} is after ${iso(to)}`);
  const n = candles.length;
  const a = firstAtOrAfter(candles.t, n, from);
  const end = firstAtOrAfter(candles.t, n, to + 1);
  if (a >= end) {
    const span = n === 0 ? 'none' : `${iso(candles.t[0]!)} to ${iso(candles.t[n - 1]!)}`;
    throw new RangeError(`the run has no bars from ${iso(from)} to ${iso(to)}; its bars open from ${span}`);
  }
  const cut = end - a > MAX_WINDOW_BARS;
  const b = cut ? a + MAX_WINDOW_BARS : end;
  const out: TradeWindow['candles'] = new Array(b - a);
  for (let i = a; i < b; i++) out[i - a] = [candles.t[i]!, candles.o[i]!, candles.h[i]!, candles.l[i]!, candles.c[i]!];
  const indicators = indicatorLines(uses, strategy, candles, barMs).map((l) => {
    const points: [number, number][] = [];
    for (let i = a; i < b; i++) if (Number.isFinite(l.values[i]!)) points.push([candles.t[i]!, l.values[i]!]);
    return { label: l.label, overlay: l.overlay, levels: l.levels, points };
  });
  return { candles: out, indicators, cut };
}
