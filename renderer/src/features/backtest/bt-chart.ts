// What the backtest page's charts share: the chart as the page draws it, and curves as lightweight-charts
// takes them.
import { createChart, PriceScaleMode, type IChartApi, type PriceFormatCustom, type TickMarkType, type Time, type UTCTimestamp } from 'lightweight-charts';
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { formatMoney } from '../../lib/format.ts';
import { chartTheme } from '../chart/chart-theme.ts';
import { standInTickLabel } from './tick-stand-in.ts';

/**
 * A chart fitted to its points, its time axis's edges fixed there. Fixed, lightweight-charts keeps the first
 * and last time labels inside the axis: a label near either end was cut in half ("020" for 2020 at the left,
 * "202" or "18:0" at the right). A chart that wants room beyond its ends (the walk-forward's, for its F1
 * mark) pads its data with whitespace bars (edge-whitespace.ts) rather than freeing the edges.
 */
export function makeChart(el: HTMLElement): IChartApi {
  const chart: IChartApi = createChart(el, {
    autoSize: true,
    // No attribution logo: it injects an inline <style> the strict CSP refuses (the status bar carries the link).
    layout: {
      background: { color: chartTheme.background },
      textColor: chartTheme.text,
      fontFamily: chartTheme.font,
      attributionLogo: false,
      // A price chart's indicator panes (RSI under the price) part as the trading chart's do.
      panes: { separatorColor: chartTheme.border, separatorHoverColor: 'rgba(139, 148, 158, 0.15)' },
    },
    grid: { vertLines: { color: chartTheme.grid }, horzLines: { color: chartTheme.grid } },
    // entireTextOnly: a tick label at the scale's top or bottom edge is left out rather than drawn half cut
    // off by the chart's edge ("60,000.00" on the price chart, "14,000.00" on the walk-forward's, showing
    // their lower halves only).
    rightPriceScale: { borderColor: chartTheme.border, entireTextOnly: true },
    timeScale: {
      borderColor: chartTheme.border,
      timeVisible: true,
      fixLeftEdge: true,
      fixRightEdge: true,
      // A finer mark standing in for a coarse one the library dropped ("2" for March) named as that one
      // (tick-stand-in.ts). Called only once there are points, when `chart` is set.
      tickMarkFormatter: (time: Time, type: TickMarkType) => (typeof time === 'number' ? standInTickLabel(time, type, pxPerSecond(chart), tickLabelPx(chart)) : null),
    },
  });
  return chart;
}

/** Pixels per second along the time axis, from the visible range (0 before there is one). */
function pxPerSecond(chart: IChartApi): number {
  const range = chart.timeScale().getVisibleRange();
  if (!range || typeof range.from !== 'number' || typeof range.to !== 'number' || range.to <= range.from) return 0;
  return chart.timeScale().width() / (range.to - range.from);
}

/** The room lightweight-charts keeps for a time label: (font size + 4) × 5 pixels, for its default 8 characters. */
function tickLabelPx(chart: IChartApi): number {
  return (chart.options().layout.fontSize + 4) * 5;
}

/** lightweight-charts wants strictly increasing seconds: points in the same second keep the last. */
export function points(curve: readonly (readonly [number, number])[]): { time: UTCTimestamp; value: number }[] {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const [t, v] of curve) {
    const time = Math.floor(t / 1000) as UTCTimestamp;
    if (out.length && out[out.length - 1]!.time >= time) out[out.length - 1] = { time: out[out.length - 1]!.time, value: v };
    else out.push({ time, value: v });
  }
  return out;
}

/**
 * Equity on a price axis as the runs table writes money: 12,499.45, not lightweight-charts' 12499.45 (a
 * series' format is its price scale's, its value label's and its crosshair label's).
 */
export const MONEY_FORMAT: PriceFormatCustom = { type: 'custom', formatter: formatMoney, minMove: 0.01 };

/** A drawdown in percent on its axis and labels as the runs table writes it: -8.40%, not a bare -8.40. */
export const PCT_FORMAT: PriceFormatCustom = { type: 'custom', formatter: pctText, minMove: 0.01 };

/**
 * Keeps two charts stacked one above the other with price axes of one width, so their time axes line up: the
 * equity axis (12,499.45) is wider than the drawdown one (-8.40%), and a fall on the equity line sat 15 pixels
 * off its drawdown below. Each axis is held at least as wide as the wider of the two; returns the unsubscribe.
 */
export function alignPriceScales(a: IChartApi, b: IChartApi): () => void {
  const sync = () => {
    const width = Math.max(a.priceScale('right').width(), b.priceScale('right').width());
    for (const c of [a, b]) {
      if (c.priceScale('right').options().minimumWidth < width) c.priceScale('right').applyOptions({ minimumWidth: width });
    }
  };
  a.timeScale().subscribeSizeChange(sync);
  b.timeScale().subscribeSizeChange(sync);
  return () => {
    a.timeScale().unsubscribeSizeChange(sync);
    b.timeScale().unsubscribeSizeChange(sync);
  };
}

/**
 * Puts the chart's price axis (its main pane's) on a log scale or back to linear, and writes the mode the
 * chart then reports on `el` as data-scale ("log" or "linear"): what the tests read, from the chart itself.
 */
export function setLogScale(chart: IChartApi, el: HTMLElement, on: boolean): void {
  const scale = chart.priceScale('right');
  scale.applyOptions({ mode: on ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal });
  el.dataset['scale'] = scale.options().mode === PriceScaleMode.Logarithmic ? 'log' : 'linear';
}
