// The chart series that draw one indicator: a line (or MACD's columns) per line of its spec, in the
// price pane for overlays or in a pane of its own, with the spec's level guides (RSI 30/70).
import { HistogramSeries, LineSeries, LineStyle, type DeepPartial, type IChartApi, type ISeriesApi, type PriceFormat } from 'lightweight-charts';
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { priceDecimals } from '../../../lib/format.ts';
import { lineColor } from '../indicators/indicator-catalog.ts';
import { lineColors } from '../indicators/indicator-colors.ts';
import type { IndicatorRun } from '../indicators/indicator-run.ts';
import { columnPoint, linePoint, type Point } from './chart-points.ts';

/** Indicator panes share the height left by the price pane (stretch 1) with the volume pane (0.22). */
const PANE_STRETCH = 0.3;

type AnySeries = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;

function formatFor(run: IndicatorRun, samplePrice: number | null): DeepPartial<PriceFormat> {
  if (run.spec.format === 'volume') return { type: 'volume' };
  const precision = run.spec.format === 'percent-like' ? 2 : samplePrice === null ? 2 : priceDecimals(samplePrice);
  return { type: 'price', precision, minMove: 10 ** -precision };
}

export class IndicatorSeries {
  readonly run: IndicatorRun;
  private readonly chart: IChartApi;
  private readonly series: AnySeries[] = [];

  constructor(chart: IChartApi, run: IndicatorRun, samplePrice: number | null, newPaneIndex: number) {
    this.chart = chart;
    this.run = run;
    const { spec, instance } = run;
    const format = formatFor(run, samplePrice);
    let pane = spec.placement === 'overlay' ? 0 : newPaneIndex;
    spec.lines.forEach((line, k) => {
      const common = { priceFormat: format, lastValueVisible: spec.placement === 'pane', priceLineVisible: false, title: '' };
      const s: AnySeries =
        line.style === 'histogram'
          ? chart.addSeries(HistogramSeries, { ...common, color: line.color }, pane)
          : chart.addSeries(
              LineSeries,
              {
                ...common,
                color: lineColor(instance, k),
                lineWidth: spec.placement === 'overlay' && spec.lines.length === 1 ? 2 : 1,
                lineStyle: line.dashed ? LineStyle.Dashed : LineStyle.Solid,
                crosshairMarkerVisible: false,
              },
              pane,
            );
      // A new pane's index is only known once its first series exists; the others join that pane.
      if (k === 0) pane = s.getPane().paneIndex();
      this.series.push(s);
    });
    if (spec.placement === 'pane') {
      this.series[0]!.getPane().setStretchFactor(PANE_STRETCH);
      for (const level of spec.levels ?? []) {
        this.series[0]!.createPriceLine({ price: level, color: lineColors.level, lineWidth: 1, lineStyle: LineStyle.Dotted, axisLabelVisible: false, title: '' });
      }
    }
  }

  /** Draws every bar (after a new history or a recompute). */
  setData(candles: readonly Candle[]): void {
    const { spec, lines } = this.run;
    spec.lines.forEach((line, k) => {
      const values = lines[k]!;
      const points: Point[] = new Array(candles.length);
      for (let i = 0; i < candles.length; i++) points[i] = this.point(line.columnColor, candles[i]!.t, values[i] ?? NaN, k, i);
      this.series[k]!.setData(points);
    });
  }

  /** Draws bar `index` (the last one) from the run's values. */
  update(t: number, index: number): void {
    const { spec, lines } = this.run;
    for (let k = 0; k < spec.lines.length; k++) {
      this.series[k]!.update(this.point(spec.lines[k]!.columnColor, t, lines[k]![index] ?? NaN, k, index));
    }
  }

  /** Re-fits the value format to the instrument's price (a new symbol was loaded). */
  setSamplePrice(price: number): void {
    const priceFormat = formatFor(this.run, price);
    for (const s of this.series) s.applyOptions({ priceFormat });
  }

  get seriesCount(): number {
    return this.series.length;
  }

  /** The pane this indicator draws in (0 for overlays). */
  paneIndex(): number {
    return this.series[0]!.getPane().paneIndex();
  }

  paneElement(): HTMLElement | null {
    return this.series[0]!.getPane().getHTMLElement();
  }

  remove(): void {
    for (const s of this.series) this.chart.removeSeries(s);
    this.series.length = 0;
  }

  private point(columnColor: ((v: number, prev: number) => string) | undefined, t: number, v: number, k: number, i: number): Point {
    if (!columnColor) return linePoint(t, v);
    return columnPoint(t, v, columnColor(v, this.run.valueAt(k, i - 1)));
  }
}
