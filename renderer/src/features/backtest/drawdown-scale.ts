// The drawdown pane's price scale. A drawdown is 0 or below, so the scale's top is 0 %: lightweight-charts'
// autoscale with its default margins (a fifth of the height above the highest value) left that fifth of the
// pane empty above 0 %, and a run that never fell had its flat 0 line in the middle of the pane, half the
// scale reading gains it never had. Here the top is 0 %, a few pixels under the pane's top edge, so the
// pane's height is the drawdown's and the "0.00%" label stays whole.
import type { AutoscaleInfo, PriceScaleMargins } from 'lightweight-charts';

/** The pixels between 0 % and the pane's top: at least half a 12 px label, so the 0 % label is not cut. */
export const ZERO_MARGIN_PX = 8;

/** The pixels under the deepest drawdown, so its fill and the bottom label are not on the time axis's edge. */
const BOTTOM_MARGIN_PX = 6;

/**
 * The depth a run that never fell is drawn over (percent): its 0 line along the top of a scale to -1 %,
 * not centred on a range lightweight-charts widens both ways.
 */
const FLAT_DEPTH_PCT = -1;

/** The scale's own margins (fractions of its height) add to the series': none, the series' pixels alone. */
export const DRAWDOWN_SCALE_MARGINS: PriceScaleMargins = { top: 0, bottom: 0 };

/** A drawdown series' autoscaleInfoProvider: the visible bars' range with its top held at 0 %. */
export function drawdownAutoscale(base: () => AutoscaleInfo | null): AutoscaleInfo | null {
  const info = base();
  if (info?.priceRange == null) return info;
  const low = Math.min(info.priceRange.minValue, 0);
  return { priceRange: { minValue: low < 0 ? low : FLAT_DEPTH_PCT, maxValue: 0 }, margins: { above: ZERO_MARGIN_PX, below: BOTTOM_MARGIN_PX } };
}
