// Simple moving average: the mean of the last `period` values.
// Warm-up: first value at index period-1 (TA-Lib's SMA convention).
// NaN input: window rule — every output whose window holds a NaN is NaN, then it recovers.
import { checkPeriod, outputArray } from './validate.ts';

/**
 * A running sum (subtract the value leaving, add the value entering), O(1) per bar. NaN never enters
 * the sum: it is counted instead, so the sum is exact again once the NaN leaves the window.
 */
export function sma(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('sma', 'period', period);
  const n = values.length;
  const o = outputArray('sma', n, out);
  let sum = 0;
  let nans = 0;
  const warm = period - 1 < n ? period - 1 : n;
  for (let i = 0; i < warm; i++) {
    const x = values[i]!;
    if (x === x) sum += x;
    else nans++;
    o[i] = NaN;
  }
  // Bar period-1 has nothing to evict yet.
  if (warm < n) {
    const x = values[warm]!;
    if (x === x) sum += x;
    else nans++;
    o[warm] = nans === 0 ? sum / period : NaN;
  }
  for (let i = period; i < n; i++) {
    const old = values[i - period]!;
    if (old === old) sum -= old;
    else nans--;
    const x = values[i]!;
    if (x === x) sum += x;
    else nans++;
    o[i] = nans === 0 ? sum / period : NaN;
  }
  return o;
}

/**
 * Streaming SMA. add() takes a closed bar's value; replace() changes the still-forming last bar.
 * It performs the same floating-point operations in the same order as sma(), so the two agree exactly.
 */
export class SmaStream {
  readonly period: number;
  private readonly ring: Float64Array;
  private head: number;
  private count = 0;
  private sum = 0;
  private nans = 0;
  // State before the current bar entered, so replace() can redo it.
  private prevSum = 0;
  private prevNans = 0;
  private evicted = NaN;
  private hasEvicted = false;
  private out = NaN;

  constructor(period: number) {
    checkPeriod('SmaStream', 'period', period);
    this.period = period;
    this.ring = new Float64Array(period);
    this.head = period - 1;
  }

  get value(): number {
    return this.out;
  }

  add(x: number): number {
    this.prevSum = this.sum;
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
    this.sum = this.prevSum;
    this.nans = this.prevNans;
    return this.apply(x);
  }

  private apply(x: number): number {
    if (this.hasEvicted) {
      const old = this.evicted;
      if (old === old) this.sum -= old;
      else this.nans--;
    }
    this.ring[this.head] = x;
    if (x === x) this.sum += x;
    else this.nans++;
    this.out = this.count >= this.period && this.nans === 0 ? this.sum / this.period : NaN;
    return this.out;
  }
}
