// Simple moving average: the mean of the last `period` values.
// Warm-up: first value at index period-1 (TA-Lib's SMA convention).
// NaN input: window rule — every output whose window holds a NaN is NaN, then it recovers.
import { checkPeriod, outputArray } from './validate.ts';

/**
 * A running sum, O(1) per bar: each bar adds (entering - leaving), one addition on the loop's
 * dependency chain instead of two. NaN never enters the sum: it is counted instead, so the sum is
 * sound again once the NaN leaves the window.
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
  const st = new Float64Array(1);
  let i = period;
  while (i < n) {
    if (nans === 0) {
      st[0] = sum;
      i = smaRun(values, period, o, i, n, st);
      sum = st[0]!;
      if (i >= n) break;
    }
    // A NaN is entering or leaving the window: the general step, one bar at a time.
    const x = values[i]!;
    const old = values[i - period]!;
    const d = x - old;
    if (d === d) sum += d;
    else {
      if (old === old) sum -= old;
      else nans--;
      if (x === x) sum += x;
      else nans++;
    }
    o[i] = nans === 0 ? sum / period : NaN;
    i++;
  }
  return o;
}

/**
 * The hot loop, for a window free of NaN, from bar i until the end or the first NaN (whose index it
 * returns); the sum goes in and out through st[0]. It is a function of its own because a running
 * value that a NaN branch may also update, inside the loop, costs V8 a register spill on every bar
 * (measured: 3× slower); here the sum has one update path.
 */
function smaRun(values: Float64Array, period: number, o: Float64Array, i: number, n: number, st: Float64Array): number {
  let sum = st[0]!;
  for (; i < n; i++) {
    const d = values[i]! - values[i - period]!;
    if (d !== d) break;
    sum += d;
    o[i] = sum / period;
  }
  st[0] = sum;
  return i;
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
  private nans = 0;
  // State before the current bar entered, so replace() can redo it.
  private prevNans = 0;
  private hasEvicted = false;
  /**
   * The float state, in a typed array rather than number fields: a double field is a heap number, and
   * V8 may box a fresh one on every store (measured: one allocation per bar). [sum, prevSum, evicted, out]
   */
  private readonly f = new Float64Array([0, 0, NaN, NaN]);

  constructor(period: number) {
    checkPeriod('SmaStream', 'period', period);
    this.period = period;
    this.ring = new Float64Array(period);
    this.head = period - 1;
  }

  get value(): number {
    return this.f[OUT]!;
  }

  add(x: number): number {
    this.push(x);
    return this.f[OUT]!;
  }

  /**
   * add() without the result (read it from value): a call that returns a double out of a function V8
   * did not inline boxes it in a fresh heap number, one per bar on a hot path.
   */
  push(x: number): void {
    const f = this.f;
    const ring = this.ring;
    const sum = f[SUM]!;
    f[PREV_SUM] = sum;
    this.prevNans = this.nans;
    const slot = this.head + 1 === this.period ? 0 : this.head + 1;
    const old = ring[slot]!;
    f[EVICTED] = old;
    ring[slot] = x;
    this.head = slot;
    const full = this.count >= this.period;
    this.hasEvicted = full;
    this.count++;
    // The steady state (a full window, no NaN in it or entering it) here, the rest in apply(): the
    // backtest's loop inlines push, and only a small one fits beside the rest of the bar's work.
    const d = x - old;
    if (full && d === d && this.nans === 0) {
      const s = sum + d;
      f[SUM] = s;
      f[OUT] = s / this.period;
    } else this.apply();
  }

  replace(x: number): number {
    if (this.count === 0) return this.add(x);
    const f = this.f;
    f[SUM] = f[PREV_SUM]!;
    this.nans = this.prevNans;
    this.ring[this.head] = x;
    this.apply();
    return f[OUT]!;
  }

  /**
   * The new value is already in the ring at head: a double passed as an argument to a call V8 did not
   * inline is boxed in a fresh heap number, one per bar.
   */
  private apply(): void {
    const f = this.f;
    const x = this.ring[this.head]!;
    const old = f[EVICTED]!;
    const d = x - old;
    let sum = f[SUM]!;
    if (this.hasEvicted && d === d) sum += d;
    else {
      if (this.hasEvicted) {
        if (old === old) sum -= old;
        else this.nans--;
      }
      if (x === x) sum += x;
      else this.nans++;
    }
    f[SUM] = sum;
    // Two stores, not `cond ? sum / period : NaN`: V8 merged that division with the NaN constant as a
    // tagged value and boxed it in a fresh heap number on every bar (measured: 16 bytes and ~15 ns a bar).
    if (this.count >= this.period && this.nans === 0) f[OUT] = sum / this.period;
    else f[OUT] = NaN;
  }
}

const SUM = 0;
const PREV_SUM = 1;
const EVICTED = 2;
const OUT = 3;
