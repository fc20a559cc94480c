// Indicators on a longer timeframe than the strategy's own bars ({ name: 'sma', params: { period: 50 },
// timeframe: '4h' } read by a strategy on 1h bars): the bars rolled up into that timeframe (open of the
// first, highest high, lowest low, close of the last, summed volume, on the timeframe's UTC boundaries as
// resample.ts and the exchanges draw them), the indicator computed on the rolled-up bars, and at each of
// the strategy's bars the value of the last longer bar that has closed by that bar's close. A longer bar
// still forming is never seen, so this adds no look-ahead: its value appears at the close of the bar that
// completes it. A longer bar the data starts inside of is left out (its open is not the timeframe's open),
// in a backtest and live alike; a longer bar with bars missing inside (an outage) counts with what is there.
import { TIMEFRAME_NAMES, timeframeMs, type Timeframe } from '../../shared/domain/timeframe.ts';
import { bucketStart, nests } from '../market/candles/bucket.ts';

/** The timeframe `ms` long, or null for a bar length Keel has no name for. */
export function timeframeOfMs(ms: number): Timeframe | null {
  return TIMEFRAME_NAMES.find((tf) => timeframeMs(tf) === ms) ?? null;
}

/** The timeframes an indicator can be on over bars `baseMs` long: longer, made of whole bars on the same boundaries. */
export function longerTimeframes(baseMs: number): Timeframe[] {
  const base = timeframeOfMs(baseMs);
  return base === null ? [] : TIMEFRAME_NAMES.filter((tf) => timeframeMs(tf) > baseMs && nests(base, tf));
}

/** Throws, naming what would do, unless an indicator on `tf` can be computed over bars `baseMs` long. */
export function checkLongerTimeframe(tf: Timeframe, baseMs: number, where: string): void {
  const base = timeframeOfMs(baseMs);
  if (base === null) throw new RangeError(`${where} is on ${tf}, but the bars are ${baseMs} ms apart, no timeframe Keel knows, so they cannot be rolled up into ${tf}`);
  if (timeframeMs(tf) > baseMs && nests(base, tf)) return;
  const valid = longerTimeframes(baseMs);
  throw new RangeError(`${where} is on ${tf}, which is not a longer timeframe of whole ${base} bars; on ${base} bars an indicator can be on ${valid.length > 0 ? valid.join(', ') : 'no longer timeframe'}`);
}

/** Bars of the strategy's timeframe per bar of `tf` (4 for 4h over 1h). */
export const barsPer = (tf: Timeframe, baseMs: number): number => timeframeMs(tf) / baseMs;

/**
 * The base bars (t, o, h, l, c, v columns, `n` of them) rolled up into `tf`: the complete longer bars'
 * columns, and for each base bar the index of the last of them that has closed by its close (-1: none yet).
 */
export function rollUp(bars: readonly Float64Array[], n: number, baseMs: number, tf: Timeframe): { cols: Float64Array[]; at: Int32Array } {
  const [t, o, h, l, c, v] = bars as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const step = timeframeMs(tf);
  // At most one longer bar per bar: sparse data (an outage, a thin market) may have a bar alone in one.
  const cols = Array.from({ length: 6 }, () => new Float64Array(n));
  const [rt, ro, rh, rl, rc, rv] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const at = new Int32Array(n);
  // The longer bar the data starts inside of, left out; NaN when the data starts on a boundary.
  const skip = n > 0 && bucketStart(t[0]!, tf) !== t[0]! ? bucketStart(t[0]!, tf) : Number.NaN;
  let k = -1;
  let current = Number.NaN;
  for (let i = 0; i < n; i++) {
    const b = bucketStart(t[i]!, tf);
    if (b === skip) {
      at[i] = -1;
      continue;
    }
    if (b !== current) {
      k++;
      current = b;
      rt[k] = b;
      ro[k] = o[i]!;
      rh[k] = h[i]!;
      rl[k] = l[i]!;
      rc[k] = c[i]!;
      rv[k] = v[i]!;
    } else {
      if (h[i]! > rh[k]!) rh[k] = h[i]!;
      if (l[i]! < rl[k]!) rl[k] = l[i]!;
      rc[k] = c[i]!;
      rv[k] = rv[k]! + v[i]!; // NaN stays NaN: a sum of what is known would understate it
    }
    // The one forming closes with the bar that reaches its end; the ones before it have closed.
    at[i] = current + step <= t[i]! + baseMs ? k : k - 1;
  }
  return { cols: cols.map((col) => col.subarray(0, k + 1)), at };
}

/**
 * The live form of rollUp: base bars pushed one at a time as they close; a longer bar comes out once it
 * has closed, at the bar rollUp would first show it at. Its columns are six numbers, reused.
 */
export class RollingUp {
  /** The last longer bar out: t, o, h, l, c, v. */
  readonly bar = new Float64Array(6);
  readonly timeframe: Timeframe;
  readonly #step: number;
  readonly #baseMs: number;
  #first = true;
  #skip = Number.NaN;
  #current = Number.NaN;
  /** The one forming has bars not yet handed out. */
  #pending = false;
  readonly #forming = new Float64Array(6);

  constructor(tf: Timeframe, baseMs: number) {
    this.timeframe = tf;
    this.#step = timeframeMs(tf);
    this.#baseMs = baseMs;
  }

  /** A base bar closed; `out` is called with `bar` filled for each longer bar that closed with it (none, one or two). */
  push(t: number, o: number, h: number, l: number, c: number, v: number, out: () => void): void {
    const b = bucketStart(t, this.timeframe);
    if (this.#first) {
      this.#first = false;
      if (b !== t) this.#skip = b;
    }
    if (b === this.#skip) return;
    const f = this.#forming;
    if (b !== this.#current) {
      // A new one starts: the one before it closed at its end, even with its last bars missing.
      if (this.#pending) this.#emit(out);
      this.#current = b;
      this.#pending = true;
      f[0] = b;
      f[1] = o;
      f[2] = h;
      f[3] = l;
      f[4] = c;
      f[5] = v;
    } else {
      if (h > f[2]!) f[2] = h;
      if (l < f[3]!) f[3] = l;
      f[4] = c;
      f[5] = f[5]! + v;
    }
    if (this.#pending && this.#current + this.#step <= t + this.#baseMs) this.#emit(out);
  }

  #emit(out: () => void): void {
    this.bar.set(this.#forming);
    this.#pending = false;
    out();
  }
}
