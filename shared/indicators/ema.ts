// Exponential moving average, alpha = 2 / (period + 1), computed as e = (1-alpha)·e + alpha·x
// (two operations on the loop's dependency chain, not three as e + alpha·(x - e)), seeded with the SMA of the first `period`
// values (TA-Lib's default, "classic" seeding). Warm-up: first value at index period-1.
// NaN input: a NaN bar is a missing bar — its output is NaN and the EMA carries over unchanged to the
// next valid value. So leading NaNs (another indicator's warm-up) just delay the seed: ema() of a
// series with k leading NaNs starts at index k+period-1.
import { checkPeriod, outputArray } from './validate.ts';

export function ema(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('ema', 'period', period);
  const n = values.length;
  const o = outputArray('ema', n, out);
  const alpha = 2 / (period + 1);
  const beta = 1 - alpha;
  let i = 0;
  let seen = 0;
  let sum = 0;
  for (; i < n; i++) {
    const x = values[i]!;
    if (x === x) {
      sum += x;
      if (++seen === period) {
        o[i++] = sum / period;
        break;
      }
    }
    o[i] = NaN;
  }
  const st = Float64Array.of(sum / period);
  while (i < n) {
    i = emaRun(values, alpha, beta, o, i, n, st);
    for (; i < n && values[i]! !== values[i]!; i++) o[i] = NaN;
  }
  return o;
}

/**
 * The hot loop, from bar i until the end or the first NaN (whose index it returns); the EMA goes in
 * and out through st[0]. A function of its own so the EMA has a single update path in the loop:
 * with the NaN branch inside, V8 spills it every bar (measured: 3× slower).
 */
function emaRun(values: Float64Array, alpha: number, beta: number, o: Float64Array, i: number, n: number, st: Float64Array): number {
  let e = st[0]!;
  for (; i < n; i++) {
    const x = values[i]!;
    if (x !== x) break;
    e = e * beta + alpha * x;
    o[i] = e;
  }
  st[0] = e;
  return i;
}

/** Streaming EMA; same arithmetic as ema(), so the numbers are identical. */
export class EmaStream {
  readonly period: number;
  private readonly alpha: number;
  private readonly beta: number;
  private seen = 0;
  private sum = 0;
  private e = NaN;
  private prevSeen = 0;
  private prevSum = 0;
  private prevE = NaN;
  private bars = 0;
  private out = NaN;

  constructor(period: number) {
    checkPeriod('EmaStream', 'period', period);
    this.period = period;
    this.alpha = 2 / (period + 1);
    this.beta = 1 - this.alpha;
  }

  get value(): number {
    return this.out;
  }

  add(x: number): number {
    this.prevSeen = this.seen;
    this.prevSum = this.sum;
    this.prevE = this.e;
    this.bars++;
    return this.apply(x);
  }

  replace(x: number): number {
    if (this.bars === 0) return this.add(x);
    this.seen = this.prevSeen;
    this.sum = this.prevSum;
    this.e = this.prevE;
    return this.apply(x);
  }

  private apply(x: number): number {
    if (x !== x) return (this.out = NaN);
    if (this.seen < this.period) {
      this.sum += x;
      if (++this.seen < this.period) return (this.out = NaN);
      this.e = this.sum / this.period;
      return (this.out = this.e);
    }
    this.e = this.e * this.beta + this.alpha * x;
    return (this.out = this.e);
  }
}
