// The lightweight-charts side of the chart: one candlestick series over a volume histogram in its own
// pane. It only draws what it is given; the feed (chart-feed.ts) decides what that is.
import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  createChart,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import type { Candle } from '../../../../shared/domain/candle.ts';
import { priceDecimals } from '../../lib/format.ts';
import type { ChartSink } from './chart-sink.ts';
import { chartTheme as theme } from './chart-theme.ts';

/** Where the volume pane sits, and its height relative to the price pane (1). */
const VOLUME_PANE = 1;
const VOLUME_STRETCH = 0.22;

const time = (ms: number) => (ms / 1000) as UTCTimestamp;

function toBar(c: Candle): CandlestickData<UTCTimestamp> {
  return { time: time(c.t), open: c.o, high: c.h, low: c.l, close: c.c };
}

function toVolume(c: Candle): HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp> {
  if (c.v === null) return { time: time(c.t) };
  return { time: time(c.t), value: c.v, color: c.c >= c.o ? theme.upVolume : theme.downVolume };
}

export function createChartView(container: HTMLElement): ChartSink {
  const chart: IChartApi = createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: theme.background },
      textColor: theme.text,
      fontFamily: theme.font,
      fontSize: 11,
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

  // The price axis shows as many decimals as the instrument needs; set from the first price seen.
  let precisionSet = false;
  function fitPrecision(price: number): void {
    precisionSet = true;
    const precision = priceDecimals(price);
    candles.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
  }

  return {
    setHistory(list) {
      candles.setData(list.map(toBar));
      volume.setData(list.map(toVolume));
      precisionSet = false;
      const last = list.at(-1);
      if (last) fitPrecision(last.c);
      chart.timeScale().scrollToRealTime();
    },
    update(list) {
      const first = list[0];
      if (!precisionSet && first) fitPrecision(first.c);
      for (const c of list) {
        candles.update(toBar(c));
        volume.update(toVolume(c));
      }
    },
    dispose() {
      chart.remove();
    },
  };
}
