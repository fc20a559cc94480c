// The lightweight-charts side of the chart: candles over a volume histogram in its own pane, the
// indicators (all overlays in one series on the price pane, the others each in a pane below), order
// and position lines and fill arrows. It only draws what it is given; the feed (chart-feed.ts) decides what that is.
import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineStyle,
  PriceScaleMode,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LogicalRange,
  type MouseEventParams,
  type Time,
  type CandlestickData,
  type WhitespaceData,
} from 'lightweight-charts';
import type { Candle } from '../../../../shared/domain/candle.ts';
import { priceFormatFor } from '../../lib/chart-price-format.ts';
import type { ChartSink, SinkListener } from './chart-sink.ts';
import { minBarSpacing, type SliceRange } from './history/render-slice.ts';
import { chartTheme as theme } from './chart-theme.ts';
import type { IndicatorRun } from './indicators/indicator-run.ts';
import { labelsThatFit } from './trades/marker-labels.ts';
import type { MarkerSpec } from './trades/trade-overlays.ts';
import { toBar, toTime, toVolume } from './view/chart-points.ts';
import { IndicatorSeries } from './view/indicator-series.ts';
import { OverlayGroup } from './view/overlay-group.ts';

/** Where the volume pane sits, and its height relative to the price pane (1). */
const VOLUME_PANE = 1;
const VOLUME_STRETCH = 0.22;
/** The chart's text size, px: its axes' and its fill arrows' words. */
const CHART_FONT_PX = 11;

const isCandle = (bar: CandlestickData<Time> | WhitespaceData<Time>): bar is CandlestickData<Time> => 'high' in bar;

export interface ChartStats {
  series: number;
  panes: number;
  priceLines: number;
  markers: number;
}

/** The chart view plus what the legends need to place themselves over the panes. */
export interface ChartView extends ChartSink {
  /** Each pane indicator's pane top, in pixels from the chart's top edge. */
  paneTops(): Map<string, number>;
  /** What is drawn: series, panes, order and position lines, fill arrows (for tests and the benchmark). */
  stats(): ChartStats;
  /** Puts the price pane's axis on a log scale or back to linear; returns the mode the chart then reports. */
  setLogScale(on: boolean): 'log' | 'linear';
  /** Where `price` sits on the price pane, pixels from its top (null before there are candles): for tests. */
  priceY(price: number): number | null;
  /** How the price axis and its labels write `price`: for tests. */
  priceText(price: number): string;
}

export function createChartView(container: HTMLElement): ChartView {
  const chart: IChartApi = createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: theme.background },
      textColor: theme.text,
      fontFamily: theme.font,
      fontSize: CHART_FONT_PX,
      // The logo injects an inline <style>, which the strict CSP refuses; the status bar carries the attribution link instead.
      attributionLogo: false,
      panes: { separatorColor: theme.border, separatorHoverColor: 'rgba(139, 148, 158, 0.15)' },
    },
    grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
    crosshair: {
      mode: CrosshairMode.Normal,
      vertLine: { color: theme.crosshair, labelBackgroundColor: '#1f2630' },
      horzLine: { color: theme.crosshair, labelBackgroundColor: '#1f2630' },
    },
    rightPriceScale: { borderColor: theme.border },
    timeScale: { borderColor: theme.border, timeVisible: true, secondsVisible: false, rightOffset: 6 },
  });

  const candles: ISeriesApi<'Candlestick'> = chart.addSeries(CandlestickSeries, {
    upColor: theme.up,
    downColor: theme.down,
    wickUpColor: theme.up,
    wickDownColor: theme.down,
    borderVisible: false,
  });
  const volume: ISeriesApi<'Histogram'> = chart.addSeries(
    HistogramSeries,
    { priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false },
    VOLUME_PANE,
  );
  chart.panes()[VOLUME_PANE]?.setStretchFactor(VOLUME_STRETCH);
  // Created with the first fill: the plugin re-reads the whole series on every update, so a chart
  // with no fills should not carry it.
  let markers: ISeriesMarkersPluginApi<Time> | null = null;
  // Overlays share one series on the price pane; each pane indicator has its own.
  const overlays = new OverlayGroup(chart);
  const indicators = new Map<IndicatorRun, IndicatorSeries>();
  const priceLines = new Map<string, IPriceLine>();
  let samplePrice: number | null = null;

  // The price axis shows as many decimals as the instrument needs; set from the first price seen.
  let precisionSet = false;
  function fitPrecision(price: number): void {
    precisionSet = true;
    samplePrice = price;
    candles.applyOptions({ priceFormat: priceFormatFor(price) });
  }

  function addIndicator(run: IndicatorRun, list: readonly Candle[], slice: SliceRange): void {
    const drawn = new IndicatorSeries(chart, run, samplePrice, chart.panes().length);
    drawn.setData(list, slice.start, Math.min(slice.end, list.length));
    indicators.set(run, drawn);
  }

  /** Which of `shown` keep their words where they stand on screen now: each arrow's x and its bar's edge. */
  function labelsOnScreen(shown: readonly MarkerSpec[]): boolean[] {
    const scale = chart.timeScale();
    const area = { width: scale.width(), height: chart.panes()[0]?.getHeight() ?? 0, barSpacing: scale.options().barSpacing, fontSize: CHART_FONT_PX };
    return labelsThatFit(
      shown.map((m) => {
        const time = toTime(m.time);
        const index = scale.timeToIndex(time, false);
        const bar = index === null ? null : candles.dataByIndex(index);
        const edge = bar && isCandle(bar) ? (m.side === 'buy' ? bar.low : bar.high) : null;
        return { x: scale.timeToCoordinate(time), barY: edge === null ? null : candles.priceToCoordinate(edge), side: m.side, text: m.text };
      }),
      area.height > 0 ? area : undefined,
    );
  }

  // Fill arrows only for bars the library holds (it has no place for the others).
  let markerList: readonly MarkerSpec[] = [];
  let markersDrawn = 0;
  let firstDrawn = Infinity;
  function drawMarkers(): void {
    if (markerList.length === 0) {
      markers?.detach();
      markers = null;
      markersDrawn = 0;
      return;
    }
    markers ??= createSeriesMarkers(candles, []);
    const shown = markerList.filter((m) => m.time >= firstDrawn);
    markersDrawn = shown.length;
    const labelled = labelsOnScreen(shown);
    labelKey = labelled.join();
    markers.setMarkers(
      shown.map((m, i) => ({
        id: m.id,
        time: toTime(m.time),
        position: m.side === 'buy' ? ('belowBar' as const) : ('aboveBar' as const),
        shape: m.side === 'buy' ? ('arrowUp' as const) : ('arrowDown' as const),
        color: m.side === 'buy' ? theme.up : theme.down,
        ...(labelled[i] ? { text: m.text } : {}),
      })),
    );
  }

  // Which arrows carry words depends on the zoom: redrawn when a zoom or scroll changes that, not per pixel.
  let labelKey = '';
  function relabel(): void {
    if (!markers || markerList.length === 0) return;
    const shown = markerList.filter((m) => m.time >= firstDrawn);
    const key = labelsOnScreen(shown).join();
    if (key !== labelKey) drawMarkers();
  }

  // The zoom-out limit follows the chart's width, so the bars on screen always fit in the slice.
  const onSize = (width: number) => chart.applyOptions({ timeScale: { minBarSpacing: minBarSpacing(width) } });
  chart.timeScale().subscribeSizeChange(onSize);

  let listener: SinkListener | null = null;
  const onRange = (range: LogicalRange | null) => {
    if (range) listener?.onVisibleRange(range.from, range.to);
    relabel();
  };
  const onCrosshair = (p: MouseEventParams<Time>) => {
    listener?.onHover(p.point === undefined || p.logical === undefined ? null : Math.round(p.logical));
  };
  chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
  chart.subscribeCrosshairMove(onCrosshair);

  return {
    setHistory(all, runs, slice, shift) {
      const range = shift === null ? null : chart.timeScale().getVisibleLogicalRange();
      const list = all.slice(slice.start, slice.end);
      const last = list.at(-1);
      // A new series (not more of the same one) may be priced on another scale: XRP after BTC.
      if (shift === null) precisionSet = false;
      if (last && !precisionSet) {
        fitPrecision(last.c);
        for (const drawn of indicators.values()) drawn.setSamplePrice(last.c);
        overlays.setSamplePrice(last.c);
      }
      candles.setData(list.map(toBar));
      volume.setData(list.map(toVolume));
      for (const run of runs) indicators.get(run)?.setData(all, slice.start, slice.end);
      overlays.setData(all, slice.start, slice.end);
      if (range && shift !== null) chart.timeScale().setVisibleLogicalRange({ from: range.from + shift, to: range.to + shift });
      else chart.timeScale().scrollToRealTime();
      firstDrawn = list[0]?.t ?? Infinity;
      if (markerList.length > 0) drawMarkers();
    },
    update(_list, changes, runs) {
      const first = changes[0];
      if (!precisionSet && first) fitPrecision(first.candle.c);
      for (const { index, candle } of changes) {
        candles.update(toBar(candle));
        volume.update(toVolume(candle));
        for (const run of runs) indicators.get(run)?.update(candle.t, index);
        overlays.update(candle.t, index);
      }
    },
    syncIndicators(runs, list, slice) {
      if (overlays.setRuns(runs.filter((r) => r.spec.placement === 'overlay'), samplePrice)) overlays.setData(list, slice.start, Math.min(slice.end, list.length));
      const wanted = new Set(runs.filter((r) => r.spec.placement === 'pane'));
      for (const [run, drawn] of indicators) {
        if (!wanted.has(run)) {
          drawn.remove();
          indicators.delete(run);
        }
      }
      for (const run of wanted) if (!indicators.has(run)) addIndicator(run, list, slice);
    },
    setPriceLines(lines) {
      const wanted = new Map(lines.map((l) => [l.id, l]));
      for (const [id, line] of priceLines) {
        if (!wanted.has(id)) {
          candles.removePriceLine(line);
          priceLines.delete(id);
        }
      }
      for (const spec of lines) {
        const options = {
          price: spec.price,
          color: spec.color,
          lineWidth: 1 as const,
          lineStyle: spec.dashed ? LineStyle.Dashed : LineStyle.Solid,
          axisLabelVisible: true,
          title: spec.title,
        };
        const existing = priceLines.get(spec.id);
        if (existing) existing.applyOptions(options);
        else priceLines.set(spec.id, candles.createPriceLine(options));
      }
    },
    setMarkers(list: readonly MarkerSpec[]) {
      // Asked again with every new bar (the newest bar bounds the arrows); the plugin re-reads them all, so only on a change.
      if (sameMarkers(list, markerList)) return;
      markerList = list;
      drawMarkers();
    },
    paneTops() {
      const tops = new Map<string, number>();
      const origin = container.getBoundingClientRect().top;
      for (const [run, drawn] of indicators) {
        if (run.spec.placement !== 'pane') continue;
        const el = drawn.paneElement();
        if (el) tops.set(run.id, el.getBoundingClientRect().top - origin);
      }
      return tops;
    },
    stats() {
      let series = 2 + overlays.seriesCount;
      for (const drawn of indicators.values()) series += drawn.seriesCount;
      return { series, panes: chart.panes().length, priceLines: priceLines.size, markers: markersDrawn };
    },
    setLogScale(on) {
      // The price pane's axis only: the volume pane and the indicators' panes keep theirs.
      const scale = chart.priceScale('right', 0);
      scale.applyOptions({ mode: on ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal });
      return scale.options().mode === PriceScaleMode.Logarithmic ? 'log' : 'linear';
    },
    priceY(price) {
      return candles.priceToCoordinate(price);
    },
    priceText(price) {
      return candles.priceFormatter().format(price);
    },
    listen(l) {
      listener = l;
    },
    dispose() {
      listener = null;
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      chart.timeScale().unsubscribeSizeChange(onSize);
      chart.unsubscribeCrosshairMove(onCrosshair);
      chart.remove();
    },
  };
}

function sameMarkers(a: readonly MarkerSpec[], b: readonly MarkerSpec[]): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i]!.id && m.time === b[i]!.time && m.text === b[i]!.text);
}
