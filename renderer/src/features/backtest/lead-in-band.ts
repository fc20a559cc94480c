// The lead-in's look on a lightweight-charts chart (lead-in-view.ts), shared by the run's price chart and
// the trade chart so the bars before the range are set apart the same way on both: a band shaded across
// them from the pane's top to its bottom, and their prices in a faded grey.
import { AreaSeries, type IChartApi } from 'lightweight-charts';
import { points } from './bt-chart.ts';

/** The lead-in's grey: the price line's colour, faded. */
export const LEAD_LINE = 'rgba(139, 148, 158, 0.55)';
const LEAD_BAND = 'rgba(139, 148, 158, 0.16)';

/**
 * The band under everything else across the bars opening at `times` (ms): an area at 1 on a scale of its
 * own, held at 0 to 1, so it spans the pane whatever the prices.
 */
export function drawLeadInBand(chart: IChartApi, times: readonly number[]): void {
  const band = chart.addSeries(AreaSeries, {
    priceScaleId: 'lead-in',
    topColor: LEAD_BAND,
    bottomColor: LEAD_BAND,
    lineVisible: false,
    lineColor: 'transparent',
    priceLineVisible: false,
    lastValueVisible: false,
    crosshairMarkerVisible: false,
    autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 1 } }),
  });
  chart.priceScale('lead-in').applyOptions({ scaleMargins: { top: 0, bottom: 0 }, visible: false });
  band.setData(points(times.map((t) => [t, 1] as const)));
}
