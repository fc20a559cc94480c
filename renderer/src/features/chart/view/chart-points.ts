// Candles and volumes as lightweight-charts data points. Times go to the chart in seconds
// (UTCTimestamp); a candle without volume becomes whitespace in the volume pane, not a zero.
import type { CandlestickData, HistogramData, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { chartTheme as theme } from '../chart-theme.ts';

export const toTime = (ms: number) => (ms / 1000) as UTCTimestamp;

export function toBar(c: Candle): CandlestickData<UTCTimestamp> {
  return { time: toTime(c.t), open: c.o, high: c.h, low: c.l, close: c.c };
}

export function toVolume(c: Candle): HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp> {
  if (c.v === null) return { time: toTime(c.t) };
  return { time: toTime(c.t), value: c.v, color: c.c >= c.o ? theme.upVolume : theme.downVolume };
}
