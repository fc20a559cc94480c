// What the feed draws on. chart-view.ts implements it with lightweight-charts; tests use a recorder.
import type { Candle } from '../../../../shared/domain/candle.ts';
import type { BarChange } from './history/candle-window.ts';
import type { SliceRange } from './history/render-slice.ts';
import type { IndicatorRun } from './indicators/indicator-run.ts';
import type { MarkerSpec, PriceLineSpec } from './trades/trade-overlays.ts';

/**
 * What the user does to the chart that the feed reacts to. Positions are logical: bar 0 is the first
 * bar the sink was given (the slice's start), and they may be fractional or outside the data.
 */
export interface SinkListener {
  /** The visible bars changed (scroll, zoom, resize). */
  onVisibleRange(from: number, to: number): void;
  /** The crosshair is over logical bar `index`, or left the chart (null). */
  onHover(index: number | null): void;
}

export interface ChartSink {
  /**
   * Replaces what is drawn with bars [slice.start, slice.end) of `candles` and the same bars of every
   * indicator. `shift` keeps the view on the same bars (a bar's logical position moves by `shift`);
   * null shows the newest bars.
   */
  setHistory(candles: readonly Candle[], runs: readonly IndicatorRun[], slice: SliceRange, shift: number | null): void;
  /** Draws the bars a live batch changed (only ever the last one or a few appended, all in the slice). */
  update(candles: readonly Candle[], changes: readonly BarChange[], runs: readonly IndicatorRun[]): void;
  /** Adds and removes indicator series so exactly `runs` are drawn; new runs are drawn over the slice of `candles`. */
  syncIndicators(runs: readonly IndicatorRun[], candles: readonly Candle[], slice: SliceRange): void;
  /** Open orders and positions as horizontal lines on the price pane. */
  setPriceLines(lines: readonly PriceLineSpec[]): void;
  /** Fills as arrows on their bars. */
  setMarkers(markers: readonly MarkerSpec[]): void;
  listen(listener: SinkListener): void;
  dispose(): void;
}
