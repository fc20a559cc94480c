// The bars before a run's range on its price chart: the lead-in its strategy's indicators read first (its
// warm-up, electron/backtest/lead-in.ts), asked for with backtest.window's `withLeadIn`. Drawn set apart
// from the range (a grey line on a shaded band), with the indicator lines carried back over them as the run
// computed them, so an average no longer starts in mid-air at the range's first bar. Fills are never in it:
// nothing trades before the range.
import type { IndicatorCurve } from '../../../../shared/contract/commands/backtest.ts';
import { leadInCaption as captionOf, leadInPicks, leadInPoints } from '../../../../shared/backtest/lead-in.ts';

export { leadInPoints };

type Point = [number, number];

/** What backtest.window answers, as far as the lead-in goes. */
export interface LeadInWindow {
  candles: readonly (readonly [number, number, number, number, number])[];
  indicators: readonly IndicatorCurve[];
  leadIn: number;
}

export interface LeadIn {
  /** Bars before the range the run read (the window's count, before thinning). */
  bars: number;
  /** [open time, close] of the bars drawn, oldest first. */
  closes: Point[];
  /** Each indicator's points over the bars drawn, by label (none where it had no value yet). */
  lines: Map<string, Point[]>;
}

/**
 * The window's bars before the range, thinned to at most `max` evenly spaced ones (the last, next to the
 * range, always kept), with each indicator's values at them; null when the run read none.
 */
export function leadInOf(w: LeadInWindow, max: number): LeadIn | null {
  const n = Math.min(w.leadIn, w.candles.length);
  if (n === 0) return null;
  const closes = leadInPicks(n, max).map((i): Point => [w.candles[i]![0], w.candles[i]![4]]);
  const kept = new Set(closes.map(([t]) => t));
  const lines = new Map<string, Point[]>(w.indicators.map((c) => [c.label, c.points.filter(([t]) => kept.has(t)).map(([t, v]): Point => [t, v])]));
  return { bars: n, closes, lines };
}

/**
 * The trade chart's lead-in: every bar of its window before the range, unthinned (a trade's stretch is a
 * few dozen bars), drawn as candles in the lead-in's grey; null when the window starts in the range.
 */
export const windowLeadIn = (w: LeadInWindow): LeadIn | null => leadInOf(w, w.leadIn);

/** The run's indicator curves carried back over the lead-in: its points first, then the run's own. */
export function curvesWithLeadIn(curves: readonly IndicatorCurve[], lead: LeadIn | null): readonly IndicatorCurve[] {
  if (lead === null) return curves;
  return curves.map((c) => {
    const before = lead.lines.get(c.label) ?? [];
    return before.length === 0 ? c : { ...c, points: [...before, ...c.points] };
  });
}

/** The line under the chart naming the shaded bars, as the HTML report's (shared/backtest/lead-in.ts). */
export const leadInCaption = (lead: LeadIn): string => captionOf(lead.bars, lead.closes.length);
