// Candles as one typed array per field: what backtests and indicators loop over, without an
// object per candle. Volume is NaN where the source had none.
import type { Candle } from '../../shared/domain/candle.ts';

export interface CandleColumns {
  t: Float64Array;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
  length: number;
  /**
   * The bars just before these, when the data has them and the range was cut after its start (keel backtest
   * --from): a backtest's indicators read the last of them first, so the strategy can act from the first
   * bar of the range (electron/backtest/lead-in.ts). Nothing trades on them. Absent: none.
   */
  lead?: CandleColumns | undefined;
}

/**
 * The columns copied once into shared memory, so every worker thread reads the same bytes; their lead's
 * last bars (one link of it) just before them in the same memory, so a run reads the two as one without a
 * copy.
 */
export function shareColumns(c: CandleColumns): CandleColumns {
  const lead = c.lead;
  const before = lead?.length ?? 0;
  const out = { length: c.length } as CandleColumns;
  const shared = before > 0 ? ({ length: before } as CandleColumns) : undefined;
  for (const f of FIELDS) {
    const a = new Float64Array(new SharedArrayBuffer((before + c.length) * 8));
    if (lead !== undefined) a.set(lead[f].subarray(0, before));
    a.set(c[f].subarray(0, c.length), before);
    out[f] = a.subarray(before);
    if (shared) shared[f] = a.subarray(0, before);
  }
  if (shared) out.lead = shared;
  return out;
}

const FIELDS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;

/** Bars [from, to) of the columns as views of the same memory (no lead: the caller says what came before). */
export function columnsBetween(c: CandleColumns, from: number, to: number): CandleColumns {
  return { t: c.t.subarray(from, to), o: c.o.subarray(from, to), h: c.h.subarray(from, to), l: c.l.subarray(from, to), c: c.c.subarray(from, to), v: c.v.subarray(from, to), length: to - from };
}

export function allocateColumns(length: number): CandleColumns {
  return {
    t: new Float64Array(length),
    o: new Float64Array(length),
    h: new Float64Array(length),
    l: new Float64Array(length),
    c: new Float64Array(length),
    v: new Float64Array(length),
    length,
  };
}

/** Candle objects as columns (NaN volume for null). */
export function toColumns(candles: readonly Candle[]): CandleColumns {
  const cols = allocateColumns(candles.length);
  for (let i = 0; i < candles.length; i++) {
    const x = candles[i]!;
    cols.t[i] = x.t;
    cols.o[i] = x.o;
    cols.h[i] = x.h;
    cols.l[i] = x.l;
    cols.c[i] = x.c;
    cols.v[i] = x.v ?? Number.NaN;
  }
  return cols;
}
