// The backtest bench's candles: the real 1m BTCUSDT bars tiled to any length (tests/bench/indicator-series.ts)
// as the runner's columns.
import type { CandleColumns } from '../../electron/journal/candle-columns.ts';
import { tiledBtc1m } from './indicator-series.ts';

export function tiledColumns(n: number): CandleColumns {
  const s = tiledBtc1m(n);
  return { t: s.time, o: s.open, h: s.high, l: s.low, c: s.close, v: s.volume, length: n };
}
