// Weighted moving average: weights 1..period, the newest value weighs most, divided by
// period*(period+1)/2. Warm-up: first value at index period-1 (TA-Lib's WMA convention).
// NaN input: window rule, as sma().
import { checkPeriod, outputArray } from './validate.ts';

/**
 * O(1) per bar: with S the plain sum of the previous window and W its weighted sum, the next weighted
 * sum is W - S + period*x (every older value loses one weight, the new one enters at `period`).
 * NaN enters neither sum (it counts as 0 at any weight and is counted separately).
 */
export function wma(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('wma', 'period', period);
  const n = values.length;
  const o = outputArray('wma', n, out);
  const divisor = (period * (period + 1)) / 2;
  let w = 0;
  let s = 0;
  let nans = 0;
  const warm = period < n ? period : n;
  for (let i = 0; i < warm; i++) {
    let x = values[i]!;
    if (x !== x) {
      x = 0;
      nans++;
    }
    w = w - s + period * x;
    s += x;
    o[i] = i === period - 1 && nans === 0 ? w / divisor : NaN;
  }
  const st = new Float64Array(2);
  let i = period;
  while (i < n) {
    if (nans === 0) {
      st[0] = w;
      st[1] = s;
      i = wmaRun(values, period, divisor, o, i, n, st);
      w = st[0]!;
      s = st[1]!;
      if (i >= n) break;
    }
    // A NaN is entering or leaving the window: the general step, NaN counted as 0.
    let old = values[i - period]!;
    if (old !== old) {
      old = 0;
      nans--;
    }
    let x = values[i]!;
    if (x !== x) {
      x = 0;
      nans++;
    }
    w = w - s + period * x;
    s += x - old;
    o[i] = nans === 0 ? w / divisor : NaN;
    i++;
  }
  return o;
}

/**
 * The hot loop, for a window free of NaN, from bar i until the end or the first NaN (whose index it
 * returns); the sums go in and out through st. A function of its own so they have a single update
 * path (see sma.ts).
 */
function wmaRun(values: Float64Array, period: number, divisor: number, o: Float64Array, i: number, n: number, st: Float64Array): number {
  let w = st[0]!;
  let s = st[1]!;
  for (; i < n; i++) {
    const x = values[i]!;
    const d = x - values[i - period]!;
    if (d !== d) break;
    w = w - s + period * x;
    s += d;
    o[i] = w / divisor;
  }
  st[0] = w;
  st[1] = s;
  return i;
}

/** Streaming WMA; same arithmetic as wma(). */
export class WmaStream {
  readonly period: number;
  private readonly divisor: number;
  private readonly ring: Float64Array;
  private head: number;
  private count = 0;
  private w = 0;
  private s = 0;
  private nans = 0;
  private prevW = 0;
  private prevS = 0;
  private prevNans = 0;
  private evicted = NaN;
  private hasEvicted = false;
  private out = NaN;

  constructor(period: number) {
    checkPeriod('WmaStream', 'period', period);
    this.period = period;
    this.divisor = (period * (period + 1)) / 2;
    this.ring = new Float64Array(period);
    this.head = period - 1;
  }

  get value(): number {
    return this.out;
  }

  add(x: number): number {
    this.prevW = this.w;
    this.prevS = this.s;
    this.prevNans = this.nans;
    const slot = this.head + 1 === this.period ? 0 : this.head + 1;
    this.hasEvicted = this.count >= this.period;
    this.evicted = this.ring[slot]!;
    this.head = slot;
    this.count++;
    return this.apply(x);
  }

  replace(x: number): number {
    if (this.count === 0) return this.add(x);
    this.w = this.prevW;
    this.s = this.prevS;
    this.nans = this.prevNans;
    return this.apply(x);
  }

  private apply(raw: number): number {
    this.ring[this.head] = raw;
    let x = raw;
    if (x !== x) {
      x = 0;
      this.nans++;
    }
    this.w = this.w - this.s + this.period * x;
    if (this.hasEvicted) {
      let old = this.evicted;
      if (old !== old) {
        old = 0;
        this.nans--;
      }
      this.s += x - old;
    } else {
      this.s += x;
    }
    this.out = this.count >= this.period && this.nans === 0 ? this.w / this.divisor : NaN;
    return this.out;
  }
}
