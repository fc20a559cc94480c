// Hand-made candles as the runner's columns: [open, high, low, close] rows, `barMs` apart from `t0`, each
// with a large volume, for tests whose every price is worked out by hand.
import type { CandleColumns } from '../../electron/journal/candle-columns.ts';

export const HAND_T0 = Date.UTC(2024, 0, 1);
export const HOUR = 3_600_000;

export function handBars(rows: readonly (readonly [number, number, number, number])[], barMs = HOUR, t0 = HAND_T0): CandleColumns {
  const n = rows.length;
  const c: CandleColumns = { t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n), length: n };
  rows.forEach(([o, h, l, cl], i) => {
    c.t[i] = t0 + i * barMs;
    c.o[i] = o;
    c.h[i] = h;
    c.l[i] = l;
    c.c[i] = cl;
    c.v[i] = 1e6;
  });
  return c;
}
