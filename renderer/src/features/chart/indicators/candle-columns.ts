// Candles as the column arrays the indicators take. A candle without volume gives NaN, which every
// volume-based indicator treats as a missing bar instead of a bar with no trades.
import type { Candle } from '../../../../../shared/domain/candle.ts';
import type { CandleColumns } from './indicator-types.ts';

export function toColumns(candles: readonly Candle[]): CandleColumns {
  const n = candles.length;
  const cols: CandleColumns = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    cols.time[i] = c.t;
    cols.open[i] = c.o;
    cols.high[i] = c.h;
    cols.low[i] = c.l;
    cols.close[i] = c.c;
    cols.volume[i] = c.v ?? NaN;
  }
  return cols;
}

export const volumeOf = (c: Candle): number => c.v ?? NaN;
