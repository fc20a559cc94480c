// A run's indicators on one of the backtest page's charts (the run's price line, a trade's candles): the
// averages and bands on the price's pane, each other line (RSI, ATR) in a pane of its own under it with the
// levels the strategy acts at dashed, in the colours the legend gives them.
import { LineSeries, LineStyle, type IChartApi, type PriceFormatCustom } from 'lightweight-charts';
import type { IndicatorCurve } from '../../../../shared/contract/commands/backtest.ts';
import { lineColor } from '../../../../shared/domain/line-palette.ts';
import { points } from './bt-chart.ts';

/** Height of the price's pane, and of each indicator pane under it, px. */
export const PRICE_HEIGHT = 260;
export const PANE_HEIGHT = 90;

/** Panes the lines need under the price's. */
export const panesUnder = (curves: readonly IndicatorCurve[]) => curves.filter((c) => !c.overlay).length;

/** The container's height for the price and the panes under it. */
export const chartHeight = (curves: readonly IndicatorCurve[]) => PRICE_HEIGHT + panesUnder(curves) * PANE_HEIGHT;

/**
 * Adds the lines (before the price's series, so the price and its arrows are drawn over them) and sizes the
 * panes. The lines on the price's pane take `priceFormat`, the price's: the first series of a pane formats
 * its axis, and an average added first wrote the price axis without the price's grouping.
 */
export function drawIndicators(chart: IChartApi, curves: readonly IndicatorCurve[], priceFormat?: PriceFormatCustom): void {
  let pane = 0;
  curves.forEach((c, i) => {
    const at = c.overlay ? 0 : ++pane;
    const format = c.overlay && priceFormat ? { priceFormat } : {};
    const series = chart.addSeries(LineSeries, { color: lineColor(i), lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false, ...format }, at);
    series.setData(points(c.points));
    // The levels the strategy acts at on it (RSI 30 and 70), dashed in its colour, their values on the axis.
    for (const v of c.levels) series.createPriceLine({ price: v, color: lineColor(i), lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: '' });
  });
  // Stretch factors in proportion to the heights chartHeight gives the container.
  chart.panes().forEach((p, k) => p.setStretchFactor(k === 0 ? PRICE_HEIGHT : PANE_HEIGHT));
}
