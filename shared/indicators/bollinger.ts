// Bollinger Bands: middle = SMA(period), upper/lower = middle ± mult × standard deviation of the same
// window. The standard deviation is the POPULATION one (divide by period, not period-1), as TA-Lib's
// BBANDS and Bollinger's own definition. Defaults 20 and 2. Warm-up: first value at index period-1.
// NaN input: window rule, as sma().
//
// Running sums of x and x² over a window are O(1) per bar but E[x²] - E[x]² cancels badly when the
// spread is tiny next to the price (BTC at 25,000 moving by 10). So the sums are kept of x - ref, where
// ref is the series' first valid value: the squares stay near the spread's size, not the price's.
// Each bar adds (entering - leaving) to Σx and (entering - leaving)·(entering + leaving) to Σx²: one
// addition per sum on the dependency chain, and no difference of two large squares.
import { checkMultiplier, checkPeriod, outputArray } from './validate.ts';

export interface BollingerOutput {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

export function bollinger(close: Float64Array, period = 20, mult = 2, out?: BollingerOutput): BollingerOutput {
  checkPeriod('bollinger', 'period', period);
  checkMultiplier('bollinger', 'mult', mult);
  const n = close.length;
  const mid = outputArray('bollinger', n, out?.middle);
  const up = outputArray('bollinger', n, out?.upper);
  const lo = outputArray('bollinger', n, out?.lower);
  let ref = NaN;
  for (let i = 0; i < n; i++) {
    const x = close[i]!;
    if (x === x) {
      ref = x;
      break;
    }
  }
  let s1 = 0;
  let s2 = 0;
  let nans = 0;
  const warm = period < n ? period : n;
  for (let i = 0; i < warm; i++) {
    const x = close[i]! - ref;
    if (x === x) {
      s1 += x;
      s2 += x * x;
    } else nans++;
    mid[i] = NaN;
    up[i] = NaN;
    lo[i] = NaN;
  }
  if (warm === period && nans === 0) bands(s1, s2, period, ref, mult, mid, up, lo, period - 1);
  const st = new Float64Array(2);
  let i = period;
  while (i < n) {
    if (nans === 0) {
      st[0] = s1;
      st[1] = s2;
      i = bollingerRun(close, period, mult, ref, mid, up, lo, i, n, st);
      s1 = st[0]!;
      s2 = st[1]!;
      if (i >= n) break;
    }
    // A NaN is entering or leaving the window: the general step, one bar at a time.
    const x = close[i]! - ref;
    const old = close[i - period]! - ref;
    const d = x - old;
    if (d === d) {
      s1 += d;
      s2 += d * (x + old);
    } else {
      if (old === old) {
        s1 -= old;
        s2 -= old * old;
      } else nans--;
      if (x === x) {
        s1 += x;
        s2 += x * x;
      } else nans++;
    }
    if (nans === 0) bands(s1, s2, period, ref, mult, mid, up, lo, i);
    else {
      mid[i] = NaN;
      up[i] = NaN;
      lo[i] = NaN;
    }
    i++;
  }
  return { middle: mid, upper: up, lower: lo };
}

/**
 * The hot loop, for a window free of NaN, from bar i until the end or the first NaN (whose index it
 * returns); the two sums go in and out through st. A function of its own so the sums have a single
 * update path in the loop (see sma.ts: a NaN branch inside costs a spill per bar).
 */
function bollingerRun(close: Float64Array, period: number, mult: number, ref: number, mid: Float64Array, up: Float64Array, lo: Float64Array, i: number, n: number, st: Float64Array): number {
  let s1 = st[0]!;
  let s2 = st[1]!;
  for (; i < n; i++) {
    const x = close[i]! - ref;
    const old = close[i - period]! - ref;
    const d = x - old;
    if (d !== d) break;
    s1 += d;
    s2 += d * (x + old);
    const mean = s1 / period;
    let variance = s2 / period - mean * mean;
    if (variance < 0) variance = 0; // rounding on a flat window
    const width = mult * Math.sqrt(variance);
    const m = ref + mean;
    mid[i] = m;
    up[i] = m + width;
    lo[i] = m - width;
  }
  st[0] = s1;
  st[1] = s2;
  return i;
}

/** One bar's bands from the window sums: the same arithmetic as bollingerRun and the stream. */
function bands(s1: number, s2: number, period: number, ref: number, mult: number, mid: Float64Array, up: Float64Array, lo: Float64Array, i: number): void {
  const mean = s1 / period;
  let variance = s2 / period - mean * mean;
  if (variance < 0) variance = 0;
  const width = mult * Math.sqrt(variance);
  const m = ref + mean;
  mid[i] = m;
  up[i] = m + width;
  lo[i] = m - width;
}

/** Streaming Bollinger Bands; same arithmetic as bollinger(). add() returns the middle band. */
export class BollingerStream {
  readonly period: number;
  readonly mult: number;
  private readonly ring: Float64Array;
  private head: number;
  private count = 0;
  private ref = NaN;
  private refBar = 0;
  private s1 = 0;
  private s2 = 0;
  private nans = 0;
  private p1 = 0;
  private p2 = 0;
  private pNans = 0;
  private evicted = NaN;
  private hasEvicted = false;
  private mid = NaN;
  private up = NaN;
  private lo = NaN;

  constructor(period = 20, mult = 2) {
    checkPeriod('BollingerStream', 'period', period);
    checkMultiplier('BollingerStream', 'mult', mult);
    this.period = period;
    this.mult = mult;
    this.ring = new Float64Array(period);
    this.head = period - 1;
  }

  get value(): number {
    return this.mid;
  }
  get middle(): number {
    return this.mid;
  }
  get upper(): number {
    return this.up;
  }
  get lower(): number {
    return this.lo;
  }

  add(close: number): number {
    this.p1 = this.s1;
    this.p2 = this.s2;
    this.pNans = this.nans;
    const slot = this.head + 1 === this.period ? 0 : this.head + 1;
    this.hasEvicted = this.count >= this.period;
    this.evicted = this.ring[slot]!;
    this.head = slot;
    this.count++;
    return this.apply(close);
  }

  replace(close: number): number {
    if (this.count === 0) return this.add(close);
    this.s1 = this.p1;
    this.s2 = this.p2;
    this.nans = this.pNans;
    // The reference is the first valid close: if this bar set it, the replacement sets it anew.
    if (this.refBar === this.count) this.ref = NaN;
    return this.apply(close);
  }

  private apply(close: number): number {
    // The batch form fixes ref before the first bar; here the first valid close sets it. Bars before
    // it are NaN either way (NaN - ref is NaN for any ref), so the sums agree.
    if (this.ref !== this.ref && close === close) {
      this.ref = close;
      this.refBar = this.count;
    }
    const x = close - this.ref;
    this.ring[this.head] = x;
    const old = this.evicted;
    const d = x - old;
    if (this.hasEvicted && d === d) {
      this.s1 += d;
      this.s2 += d * (x + old);
    } else {
      if (this.hasEvicted) {
        if (old === old) {
          this.s1 -= old;
          this.s2 -= old * old;
        } else this.nans--;
      }
      if (x === x) {
        this.s1 += x;
        this.s2 += x * x;
      } else this.nans++;
    }
    if (this.count >= this.period && this.nans === 0) {
      const mean = this.s1 / this.period;
      let variance = this.s2 / this.period - mean * mean;
      if (variance < 0) variance = 0;
      const width = this.mult * Math.sqrt(variance);
      const m = this.ref + mean;
      this.mid = m;
      this.up = m + width;
      this.lo = m - width;
    } else {
      this.mid = NaN;
      this.up = NaN;
      this.lo = NaN;
    }
    return this.mid;
  }
}
