// The 1h mark-price files in ../shared/data (open_time_ms,open,high,low,close) by bar open time, read
// straight from the text: the CLI tests hold `keel backtest`'s trades to the prices themselves, not to the
// engine's own reading of them.
import { readFileSync } from 'node:fs';

export interface HourBar {
  o: number;
  h: number;
  l: number;
  c: number;
}

export function hourBars(file: string): Map<number, HourBar> {
  const bars = new Map<number, HourBar>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [t, o, h, l, c] = line.split(',').map(Number) as [number, number, number, number, number];
    bars.set(t, { o, h, l, c });
  }
  return bars;
}
