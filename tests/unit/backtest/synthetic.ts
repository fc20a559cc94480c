// Small hand-made candle series for the backtest tests: closes given, each bar opening at the previous
// close (the first at its own close), highs and lows half a unit around (or `wick` units: 0 for none,
// where the risk room, which hears a bar's high and low, must hear only the bodies).
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';

export const T0 = Date.UTC(2024, 0, 1);

export function synthetic(closes: readonly number[], opts: { barMs?: number; opens?: readonly number[]; t0?: number; wick?: number } = {}): CandleColumns {
  const n = closes.length;
  const barMs = opts.barMs ?? 60_000;
  const wick = opts.wick ?? 0.5;
  const cols: CandleColumns = { t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n), length: n };
  for (let i = 0; i < n; i++) {
    const c = closes[i]!;
    const o = opts.opens?.[i] ?? (i === 0 ? c : closes[i - 1]!);
    cols.t[i] = (opts.t0 ?? T0) + i * barMs;
    cols.o[i] = o;
    cols.c[i] = c;
    cols.h[i] = Math.max(o, c) + wick;
    cols.l[i] = Math.min(o, c) - wick;
    cols.v[i] = 1000;
  }
  return cols;
}

/**
 * Flat 1m bars (open = high = low = close) at `prices` from `t0`; `shaped` gives some bars their own open,
 * high and low: the bars whose path matters to a test, the rest plain closes.
 */
export function flatBars(t0: number, prices: readonly number[], shaped: Record<number, { o: number; h: number; l: number }> = {}): CandleColumns {
  const n = prices.length;
  const c: CandleColumns = { t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n), length: n };
  prices.forEach((p, i) => {
    c.t[i] = t0 + i * 60_000;
    c.o[i] = shaped[i]?.o ?? p;
    c.h[i] = shaped[i]?.h ?? p;
    c.l[i] = shaped[i]?.l ?? p;
    c.c[i] = p;
    c.v[i] = 1000;
  });
  return c;
}
