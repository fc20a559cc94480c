// The HTML report's price chart with the run's lead-in: the bars its indicators read before the range
// (lead-in.ts), drawn before the range on a shaded band as the app's price chart draws them
// (renderer/src/features/backtest/lead-in-view.ts), with the indicator lines carried back over them. The
// candles the report is given carry those bars as their lead, so nothing more is read: the indicators are
// computed once over the lead-in and the range, and cut into the two.
//
// The report's x axis is time, not the app's bar index: a lead-in longer than a quarter of the range's span
// (an SMA 200 before two days of hours) would squeeze the run into a corner, so only its bars within that
// quarter before the range are drawn, thinned as densely as the price line is (not the app's tenth of its
// points: here the axis already keeps the lead-in narrow), and the caption says how many points are drawn.
import { leadInPicks } from '../../shared/backtest/lead-in.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { IndicatorUse } from '../strategies/strategy.ts';
import { indicatorLinesWithLead, type IndicatorCurve } from './indicator-lines.ts';
import { sampleAt } from './series-shapes.ts';

type Point = [number, number];

export interface LeadInDrawn {
  /** Bars the run read before its range. */
  bars: number;
  /** [open time, close] of the bars drawn, oldest first. */
  closes: Point[];
  /** Each curve's points over the bars drawn, by the curve's index (none where it had no value yet). */
  lines: Point[][];
}

/** The lead-in's time span at most, as a share of the range's. */
const MAX_SPAN_SHARE = 0.25;

/**
 * The declared indicators at the thinned price line's points (`price`, each one of the candles' times), as
 * indicatorCurves gives them, and the lead-in the run read before the candles: null when it read none.
 */
export function priceChartLines(uses: readonly IndicatorUse[], strategy: string, candles: CandleColumns, barMs: number, price: readonly (readonly [number, number])[]): { curves: IndicatorCurve[]; lead: LeadInDrawn | null } {
  const { lead: n, cols, lines } = indicatorLinesWithLead(uses, strategy, candles, barMs);
  const curves = lines.map((l) => ({
    label: l.label,
    overlay: l.overlay,
    points: sampleAt(candles.t, n === 0 ? l.values : l.values.subarray(n), price).filter(([, v]) => Number.isFinite(v)),
    levels: l.levels,
  }));
  if (n === 0 || candles.length === 0) return { curves, lead: null };
  const t = cols.t;
  const start = candles.t[0]!;
  const earliest = start - (candles.t[candles.length - 1]! - start) * MAX_SPAN_SHARE;
  let first = 0;
  while (first < n - 1 && t[first]! < earliest) first++;
  const picks = leadInPicks(n - first, Math.ceil(price.length * MAX_SPAN_SHARE)).map((i) => i + first);
  const at = (values: ArrayLike<number>) => picks.map((i): Point => [t[i]!, values[i]!]).filter(([, v]) => Number.isFinite(v));
  return { curves, lead: { bars: n, closes: at(cols.c), lines: lines.map((l) => at(l.values)) } };
}
