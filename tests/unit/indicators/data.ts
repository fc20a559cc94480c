// The candles the indicator tests run on: the first 5,000 real 1m BTCUSDT bars for reference checks,
// all 30,240 for streaming-equals-batch.
import { type CandleColumns, readBtc1m } from '../../helpers/indicator-candles.ts';

let all: CandleColumns | undefined;

export function btcAll(): CandleColumns {
  all ??= readBtc1m();
  return all;
}

export function btc5000(): CandleColumns {
  const a = btcAll();
  const cut = (x: Float64Array) => x.slice(0, 5000);
  return { time: cut(a.time), open: cut(a.open), high: cut(a.high), low: cut(a.low), close: cut(a.close), volume: cut(a.volume) };
}

/** The forming-candle values for a bar: it opened at `open` and has not moved yet. */
export function forming(c: CandleColumns, i: number): { high: number; low: number; close: number; volume: number } {
  const o = c.open[i]!;
  return { high: o, low: o, close: o, volume: 0 };
}
