// What the feed draws on. chart-view.ts implements it with lightweight-charts; tests use a recorder.
import type { Candle } from '../../../../shared/domain/candle.ts';

export interface ChartSink {
  /** Replaces everything on the chart. */
  setHistory(candles: Candle[]): void;
  /** Appends or amends candles, oldest first; none older than the newest on the chart. */
  update(candles: Candle[]): void;
  dispose(): void;
}
