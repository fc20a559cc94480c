// What the backtest page's charts share: the chart as the page draws it, and curves as lightweight-charts
// takes them.
import { createChart, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { chartTheme } from '../chart/chart-theme.ts';

export function makeChart(el: HTMLElement): IChartApi {
  return createChart(el, {
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
    rightPriceScale: { borderColor: chartTheme.border },
    timeScale: { borderColor: chartTheme.border, timeVisible: true },
  });
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
