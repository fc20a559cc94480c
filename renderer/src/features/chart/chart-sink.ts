// What the feed draws on. chart-view.ts implements it with lightweight-charts; tests use a recorder.
import type { Candle } from '../../../../shared/domain/candle.ts';
import type { BarChange } from './history/candle-window.ts';
import type { IndicatorRun } from './indicators/indicator-run.ts';
import type { MarkerSpec, PriceLineSpec } from './trades/trade-overlays.ts';

/** What the user does to the chart that the feed reacts to. */
export interface SinkListener {
  /** The visible bars changed (scroll, zoom, resize): logical indices, possibly fractional or outside the data. */
  onVisibleRange(from: number, to: number): void;
  /** The crosshair is over bar `index`, or left the chart (null). */
  onHover(index: number | null): void;
}

export interface ChartSink {
  /**
   * Replaces every bar and every indicator's values. `shift` keeps the view on the same bars after
   * that many bars joined the left side (negative: left it); null shows the newest bars.
   */
  setHistory(candles: readonly Candle[], runs: readonly IndicatorRun[], shift: number | null): void;
  /** Draws the bars a live batch changed (only ever the last one or a few appended). */
  update(candles: readonly Candle[], changes: readonly BarChange[], runs: readonly IndicatorRun[]): void;
  /** Adds and removes indicator series so exactly `runs` are drawn; new runs are drawn over `candles`. */
  syncIndicators(runs: readonly IndicatorRun[], candles: readonly Candle[]): void;
  /** Open orders and positions as horizontal lines on the price pane. */
  setPriceLines(lines: readonly PriceLineSpec[]): void;
  /** Fills as arrows on their bars. */
  setMarkers(markers: readonly MarkerSpec[]): void;
  listen(listener: SinkListener): void;
  dispose(): void;
}
