// The chart series that draws one pane indicator: a single custom series (multi-line-series.ts)
// holding all its lines (MACD's columns too) in a pane of its own, with the spec's level guides
// (RSI 30/70). Overlays share one series on the price pane instead (overlay-group.ts).
import { LineStyle, type DeepPartial, type IChartApi, type ISeriesApi, type PriceFormat, type Time, type WhitespaceData } from 'lightweight-charts';
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { priceFormatFor } from '../../../lib/chart-price-format.ts';
import { lineColor } from '../indicators/indicator-catalog.ts';
import { lineColors } from '../indicators/indicator-colors.ts';
import type { IndicatorRun } from '../indicators/indicator-run.ts';
import { toTime } from './chart-points.ts';
import { MultiLineSeries, type MultiLineData, type MultiLineOptions } from './multi-line-series.ts';

/** Indicator panes share the height left by the price pane (stretch 1) with the volume pane (0.22). */
const PANE_STRETCH = 0.3;

type Series = ISeriesApi<'Custom', Time, MultiLineData | WhitespaceData<Time>, MultiLineOptions>;

function formatFor(run: IndicatorRun, samplePrice: number | null): DeepPartial<PriceFormat> {
  if (run.spec.format === 'volume') return { type: 'volume' };
  // An oscillator's 0-100 (RSI) with two decimals; a line in the price's units (MACD, ATR) as the price writes.
  return priceFormatFor(run.spec.format === 'percent-like' ? null : samplePrice);
}

export class IndicatorSeries {
  readonly run: IndicatorRun;
  private readonly chart: IChartApi;
  private readonly series: Series;

  constructor(chart: IChartApi, run: IndicatorRun, samplePrice: number | null, newPaneIndex: number) {
    this.chart = chart;
    this.run = run;
    const { spec, instance } = run;
    const view = new MultiLineSeries();
    view.labelLine = spec.labelLine ?? 0;
    const single = spec.placement === 'overlay' && spec.lines.length === 1;
    this.series = chart.addCustomSeries(
      view,
      {
        priceFormat: formatFor(run, samplePrice),
        lastValueVisible: spec.placement === 'pane',
        priceLineVisible: false,
        title: '',
        color: lineColor(instance, view.labelLine),
        labelLine: view.labelLine,
        lines: spec.lines.map((line, k) => ({ color: lineColor(instance, k), width: single ? 2 : 1, dashed: line.dashed ?? false, histogram: line.style === 'histogram' })),
      },
      spec.placement === 'overlay' ? 0 : newPaneIndex,
    );
    if (spec.placement === 'pane') {
      this.series.getPane().setStretchFactor(PANE_STRETCH);
      for (const level of spec.levels ?? []) {
        this.series.createPriceLine({ price: level, color: lineColors.level, lineWidth: 1, lineStyle: LineStyle.Dotted, axisLabelVisible: false, title: '' });
      }
    }
  }

  /** Draws bars [from, to) of the candles (after a new history, a recompute or a moved slice). */
  setData(candles: readonly Candle[], from: number, to: number): void {
    const items: (MultiLineData | WhitespaceData<Time>)[] = new Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) items[i - from] = this.item(candles[i]!.t, i);
    this.series.setData(items);
  }

  /** Draws bar `index` (the last one) from the run's values. */
  update(t: number, index: number): void {
    this.series.update(this.item(t, index));
  }

  /** Re-fits the value format to the instrument's price (a new symbol was loaded). */
  setSamplePrice(price: number): void {
    this.series.applyOptions({ priceFormat: formatFor(this.run, price) });
  }

  get seriesCount(): number {
    return 1;
  }

  /** The pane this indicator draws in (0 for overlays). */
  paneIndex(): number {
    return this.series.getPane().paneIndex();
  }

  paneElement(): HTMLElement | null {
    return this.series.getPane().getHTMLElement();
  }

  remove(): void {
    this.chart.removeSeries(this.series);
  }

  /** Bar i's values (and histogram colours); whitespace when no line has a value yet. */
  private item(t: number, i: number): MultiLineData | WhitespaceData<Time> {
    const { spec } = this.run;
    const n = spec.lines.length;
    const values = new Array<number>(n);
    let any = false;
    let colors: (string | undefined)[] | undefined;
    for (let k = 0; k < n; k++) {
      const v = this.run.valueAt(k, i);
      values[k] = v;
      if (v === v) any = true;
      const columnColor = spec.lines[k]!.columnColor;
      if (columnColor && v === v) (colors ??= new Array<string | undefined>(n))[k] = columnColor(v, this.run.valueAt(k, i - 1));
    }
    if (!any) return { time: toTime(t) };
    return colors ? { time: toTime(t), values, colors } : { time: toTime(t), values };
  }
}
