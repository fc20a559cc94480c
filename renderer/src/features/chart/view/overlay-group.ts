// All overlays (moving averages, bands, channels, SuperTrend, VWAP) drawn by ONE custom series on the
// price pane. The chart library's cost per frame grows with the number of series times the bars each
// holds, so the price pane costs the same with one EMA or with five overlays and a Bollinger band.
// Each bar's item carries the values of every overlay's lines, in the order of the runs.
import type { DeepPartial, IChartApi, ISeriesApi, PriceFormat, Time, WhitespaceData } from 'lightweight-charts';
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { priceFormatFor } from '../../../lib/chart-price-format.ts';
import { lineColor } from '../indicators/indicator-catalog.ts';
import type { IndicatorRun } from '../indicators/indicator-run.ts';
import { toTime } from './chart-points.ts';
import { MultiLineSeries, type LineStyleSpec, type MultiLineData, type MultiLineOptions } from './multi-line-series.ts';

type Series = ISeriesApi<'Custom', Time, MultiLineData | WhitespaceData<Time>, MultiLineOptions>;

const priceFormat = (price: number | null): DeepPartial<PriceFormat> => priceFormatFor(price);

function styles(runs: readonly IndicatorRun[]): LineStyleSpec[] {
  return runs.flatMap((run) => {
    const single = run.spec.lines.length === 1;
    return run.spec.lines.map((line, k) => ({ color: lineColor(run.instance, k), width: single ? 2 : 1, dashed: line.dashed ?? false, histogram: false }));
  });
}

export class OverlayGroup {
  private readonly chart: IChartApi;
  private runs: readonly IndicatorRun[] = [];
  private series: Series | null = null;
  private width = 0;

  constructor(chart: IChartApi) {
    this.chart = chart;
  }

  /** The overlays to draw, in legend order; the series is rebuilt only when the set changed. Returns whether it did. */
  setRuns(runs: readonly IndicatorRun[], samplePrice: number | null): boolean {
    if (runs.length === this.runs.length && runs.every((r, i) => r === this.runs[i])) return false;
    this.remove();
    this.runs = runs;
    this.width = runs.reduce((n, r) => n + r.spec.lines.length, 0);
    if (runs.length === 0) return true;
    this.series = this.chart.addCustomSeries(
      new MultiLineSeries(),
      { priceFormat: priceFormat(samplePrice), lastValueVisible: false, priceLineVisible: false, title: '', lines: styles(runs), labelLine: 0 },
      0,
    );
    return true;
  }

  get seriesCount(): number {
    return this.series ? 1 : 0;
  }

  setData(candles: readonly Candle[], from: number, to: number): void {
    if (!this.series) return;
    const items: (MultiLineData | WhitespaceData<Time>)[] = new Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) items[i - from] = this.item(candles[i]!.t, i);
    this.series.setData(items);
  }

  update(t: number, index: number): void {
    this.series?.update(this.item(t, index));
  }

  setSamplePrice(price: number): void {
    this.series?.applyOptions({ priceFormat: priceFormat(price) });
  }

  remove(): void {
    if (this.series) this.chart.removeSeries(this.series);
    this.series = null;
  }

  private item(t: number, i: number): MultiLineData | WhitespaceData<Time> {
    const values = new Array<number>(this.width);
    let j = 0;
    let any = false;
    for (const run of this.runs) {
      for (let k = 0; k < run.spec.lines.length; k++) {
        const v = run.valueAt(k, i);
        values[j++] = v;
        if (v === v) any = true;
      }
    }
    return any ? { time: toTime(t), values } : { time: toTime(t) };
  }
}
