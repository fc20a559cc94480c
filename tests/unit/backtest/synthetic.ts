// Small hand-made candle series for the backtest tests: closes given, each bar opening at the previous
// close (the first at its own close), highs and lows half a unit around.
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';

export const T0 = Date.UTC(2024, 0, 1);

export function synthetic(closes: readonly number[], opts: { barMs?: number; opens?: readonly number[]; t0?: number } = {}): CandleColumns {
  const n = closes.length;
  const barMs = opts.barMs ?? 60_000;
  const cols: CandleColumns = { t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n), length: n };
  for (let i = 0; i < n; i++) {
    const c = closes[i]!;
    const o = opts.opens?.[i] ?? (i === 0 ? c : closes[i - 1]!);
    cols.t[i] = (opts.t0 ?? T0) + i * barMs;
    cols.o[i] = o;
    cols.c[i] = c;
    cols.h[i] = Math.max(o, c) + 0.5;
    cols.l[i] = Math.min(o, c) - 0.5;
    cols.v[i] = 1000;
  }
  return cols;
}
