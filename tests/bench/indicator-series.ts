// The long candle series the indicators bench runs on, built from the real 1m BTCUSDT candles in
// ../shared/data by ping-pong tiling: the 30,240 bars forward, then backward in time (open and close
// swapped, so each bar still opens where the previous closed), then forward again... Prices stay
// real, continuous and unscaled however long the series; times are a fresh 1m grid.
import { type CandleColumns, readBtc1m } from '../helpers/indicator-candles.ts';

export function tiledBtc1m(n: number): CandleColumns {
  const src = readBtc1m();
  const m = src.close.length;
  const out: CandleColumns = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const t0 = src.time[0]!;
  for (let i = 0; i < n; i++) {
    const tile = Math.floor(i / m);
    const k = i % m;
    const forward = tile % 2 === 0;
    const j = forward ? k : m - 1 - k;
    out.time[i] = t0 + i * 60_000;
    out.open[i] = forward ? src.open[j]! : src.close[j]!;
    out.close[i] = forward ? src.close[j]! : src.open[j]!;
    out.high[i] = src.high[j]!;
    out.low[i] = src.low[j]!;
    out.volume[i] = src.volume[j]!;
  }
  return out;
}
