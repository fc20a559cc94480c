// Highest and lowest value over a sliding window, O(1) amortised per bar with a monotonic deque:
// the deque keeps the indices of values that can still become the window's extreme, best first.
// The minimum is the negated maximum of the negated values (negation is exact), so one code path
// serves both. NaN input: window rule — NaN while the window holds a NaN.
// Warm-up: first value at index period-1.
import { checkPeriod, outputArray } from './validate.ts';

/** Deque capacity: a power of two ≥ period, so ring positions wrap with a mask instead of a modulo. */
function capacityFor(period: number): number {
  let cap = 1;
  while (cap < period) cap <<= 1;
  return cap;
}

function rollingExtreme(name: string, values: Float64Array, period: number, sign: 1 | -1, out: Float64Array | undefined): Float64Array {
  checkPeriod(name, 'period', period);
  const n = values.length;
  const o = outputArray(name, n, out);
  const cap = capacityFor(period);
  const mask = cap - 1;
  const dqIdx = new Int32Array(cap);
  const dqVal = new Float64Array(cap);
  let head = 0;
  let tail = 0;
  // A virtual NaN at index -1 makes "no NaN in the window" also mean "the window is full".
  let lastNan = -1;
  for (let i = 0; i < n; i++) {
    if (tail !== head && dqIdx[head & mask]! <= i - period) head++;
    const raw = values[i]!;
    if (raw !== raw) {
      lastNan = i;
    } else {
      const v = sign * raw;
      while (tail !== head && dqVal[(tail - 1) & mask]! <= v) tail--;
      dqIdx[tail & mask] = i;
      dqVal[tail & mask] = v;
      tail++;
    }
    o[i] = i - lastNan >= period ? sign * dqVal[head & mask]! : NaN;
  }
  return o;
}

/** Highest value of the last `period` values (the current one included). */
export function rollingMax(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  return rollingExtreme('rollingMax', values, period, 1, out);
}

/** Lowest value of the last `period` values (the current one included). */
export function rollingMin(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  return rollingExtreme('rollingMin', values, period, -1, out);
}

/**
 * Streaming window extreme. The deque holds only closed bars (the period-1 before the current one);
 * the still-forming bar is kept aside, so replace() is one compare and never has to undo pops.
 */
export class WindowExtremeStream {
  readonly period: number;
  private readonly sign: number;
  private readonly mask: number;
  private readonly dqIdx: Float64Array;
  private readonly dqVal: Float64Array;
  private head = 0;
  private size = 0;
  private cur = -1; // index of the current bar
  private current = NaN;
  private lastNan = -1; // last NaN among the closed bars; -1 doubles as "window not yet full"
  private out = NaN;

  constructor(period: number, kind: 'max' | 'min') {
    checkPeriod('WindowExtremeStream', 'period', period);
    this.period = period;
    this.sign = kind === 'max' ? 1 : -1;
    const cap = capacityFor(period);
    this.mask = cap - 1;
    this.dqIdx = new Float64Array(cap);
    this.dqVal = new Float64Array(cap);
  }

  get value(): number {
    return this.out;
  }

  add(x: number): number {
    if (this.cur >= 0) {
      // Close the current bar: it joins the deque.
      const raw = this.current;
      if (raw !== raw) {
        this.lastNan = this.cur;
      } else {
        const v = this.sign * raw;
        while (this.size > 0 && this.dqVal[(this.head + this.size - 1) & this.mask]! <= v) this.size--;
        const at = (this.head + this.size) & this.mask;
        this.dqIdx[at] = this.cur;
        this.dqVal[at] = v;
        this.size++;
      }
    }
    this.cur++;
    // Closed bars older than the new window leave.
    if (this.size > 0 && this.dqIdx[this.head]! <= this.cur - this.period) {
      this.head = (this.head + 1) & this.mask;
      this.size--;
    }
    return this.apply(x);
  }

  replace(x: number): number {
    if (this.cur < 0) return this.add(x);
    return this.apply(x);
  }

  private apply(x: number): number {
    this.current = x;
    if (x !== x || this.cur - this.lastNan < this.period) return (this.out = NaN);
    const v = this.sign * x;
    if (this.size > 0) {
      const best = this.dqVal[this.head]!;
      return (this.out = this.sign * (best > v ? best : v));
    }
    return (this.out = x);
  }
}
