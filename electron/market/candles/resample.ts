// Candles of one timeframe rolled up into a longer one (1m → 5m, 15m, 1h, 4h, 1d, ...), over typed
// arrays: open of the first candle, highest high, lowest low, close of the last, summed volume. A bucket
// with some candles missing (an exchange outage) is still one candle from what is there; the last bucket
// is flagged partial when the data ends before the bucket does, because its close is not final yet, and
// the first when the data starts inside it, because its open is not the bucket's.
import { timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { allocateColumns, columnsBetween, toColumns, type CandleColumns } from '../../journal/candle-columns.ts';
import { bucketStart, nests } from './bucket.ts';

export interface Resampled extends CandleColumns {
  /** The last candle's bucket is not over in the input: its high, low, close and volume may still change. */
  partialLast: boolean;
  /** The input starts after the first candle's bucket does: its open is not the bucket's, its high and low miss the start. */
  partialFirst: boolean;
}

/**
 * Rolls `src` (oldest first, candles of `from`) up into candles of `to`. Volume is NaN for a bucket where
 * any candle had none: a sum of what is known would understate it.
 */
export function resample(src: CandleColumns, from: Timeframe, to: Timeframe): Resampled {
  if (!nests(from, to)) throw new RangeError(`cannot resample ${from} candles into ${to}: ${to} is not a whole number of ${from} candles on the same boundaries`);
  const n = src.length;
  const { t, o, h, l, c, v } = src;
  // First pass counts buckets so the output is allocated once, at its exact size.
  let buckets = 0;
  let current = Number.NaN;
  for (let i = 0; i < n; i++) {
    const b = bucketStart(t[i]!, to);
    if (b !== current) {
      buckets++;
      current = b;
    }
  }
  const out = allocateColumns(buckets) as Resampled;
  out.partialLast = false;
  out.partialFirst = n > 0 && t[0]! !== bucketStart(t[0]!, to);
  let k = -1;
  current = Number.NaN;
  for (let i = 0; i < n; i++) {
    const b = bucketStart(t[i]!, to);
    if (b !== current) {
      k++;
      current = b;
      out.t[k] = b;
      out.o[k] = o[i]!;
      out.h[k] = h[i]!;
      out.l[k] = l[i]!;
      out.c[k] = c[i]!;
      out.v[k] = v[i]!;
      continue;
    }
    if (h[i]! > out.h[k]!) out.h[k] = h[i]!;
    if (l[i]! < out.l[k]!) out.l[k] = l[i]!;
    out.c[k] = c[i]!;
    out.v[k] = out.v[k]! + v[i]!; // NaN stays NaN
  }
  if (n > 0) out.partialLast = t[n - 1]! + timeframeMs(from) < out.t[buckets - 1]! + timeframeMs(to);
  return out;
}

/**
 * Only the whole candles of a resampling: a first one the input starts inside (its open is not the
 * candle's) and a last one it ends inside (its close is not final yet) are left out. What a backtest runs on
 * and `keel export` writes.
 */
export function wholeCandles(rolled: Resampled): CandleColumns {
  const skip = rolled.partialFirst && rolled.length > 1 ? 1 : 0;
  return columnsBetween(rolled, skip, Math.max(skip, rolled.partialLast ? rolled.length - 1 : rolled.length));
}

/** The same over Candle objects (null volume for NaN). */
export function resampleCandles(candles: readonly Candle[], from: Timeframe, to: Timeframe): { candles: Candle[]; partialLast: boolean } {
  const r = resample(toColumns(candles), from, to);
  return { candles: fromColumns(r), partialLast: r.partialLast };
}

export function fromColumns(cols: CandleColumns, start = 0, end = cols.length): Candle[] {
  const out: Candle[] = [];
  for (let i = start; i < end; i++) {
    const v = cols.v[i]!;
    out.push({ t: cols.t[i]!, o: cols.o[i]!, h: cols.h[i]!, l: cols.l[i]!, c: cols.c[i]!, v: v === v ? v : null });
  }
  return out;
}
