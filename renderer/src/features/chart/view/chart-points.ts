// Candles and indicator values as lightweight-charts data points. Times go to the chart in seconds
// (UTCTimestamp); a value that is NaN becomes whitespace, which leaves a gap instead of a zero.
import type { CandlestickData, HistogramData, LineData, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { chartTheme as theme } from '../chart-theme.ts';

export type Point = LineData<UTCTimestamp> | HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;

export const toTime = (ms: number) => (ms / 1000) as UTCTimestamp;

export function toBar(c: Candle): CandlestickData<UTCTimestamp> {
  return { time: toTime(c.t), open: c.o, high: c.h, low: c.l, close: c.c };
}

export function toVolume(c: Candle): HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp> {
  if (c.v === null) return { time: toTime(c.t) };
  return { time: toTime(c.t), value: c.v, color: c.c >= c.o ? theme.upVolume : theme.downVolume };
}

export function linePoint(t: number, value: number): Point {
  return value === value ? { time: toTime(t), value } : { time: toTime(t) };
}

export function columnPoint(t: number, value: number, color: string): Point {
  return value === value ? { time: toTime(t), value, color } : { time: toTime(t) };
}
