// Relative Strength Index with Wilder's smoothing (TA-Lib's RSI, unstable period 0): the first
// average gain/loss is the plain mean of the first `period` changes, then
// avg = avg·(period-1)/period + x/period (TA-Lib divides (avg·(period-1) + x) by period: the same
// number to rounding, but a division on the loop's dependency chain).
// Warm-up: first value at index `period` (a change needs two closes).
// When nothing moved (average gain and loss both 0) RSI is 50, neutral; TA-Lib prints 0 there.
// NaN input: a missing bar — NaN output at that bar, the next change is taken from the last valid close.
import { checkPeriod, outputArray } from './validate.ts';

export function rsi(close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  checkPeriod('rsi', 'period', period);
  const n = close.length;
  const o = outputArray('rsi', n, out);
  const b = (period - 1) / period;
  const h = 0.5 / period; // the 0.5 of the gain/loss split, folded in (exact: a power of two)
  let prev = NaN;
  let seen = 0;
  let gain = 0;
  let loss = 0;
  let i = 0;
  // Warm-up: find the first valid close, then sum the first `period` gains and losses.
  for (; i < n; i++) {
    const x = close[i]!;
    o[i] = NaN;
    if (x !== x) continue;
    if (prev !== prev) {
      prev = x;
      continue;
    }
    const d = x - prev;
    prev = x;
    // Branch-free split of the change into gain and loss: exact, as doubling and halving are.
    const a = Math.abs(d);
    gain += (d + a) * 0.5;
    loss += (a - d) * 0.5;
    if (++seen === period) {
      gain /= period;
      loss /= period;
      const s = gain + loss;
      o[i++] = s === 0 ? 50 : (100 * gain) / s;
      break;
    }
  }
  const st = Float64Array.of(prev, gain, loss);
  while (i < n) {
    i = rsiRun(close, b, h, o, i, n, st);
    for (; i < n && close[i]! !== close[i]!; i++) o[i] = NaN;
  }
  return o;
}

/**
 * The hot loop, from bar i until the end or the first NaN close (whose index it returns); the last
 * close and the two averages go in and out through st. A function of its own so they have a single
 * update path in the loop (see ema.ts: a NaN branch inside costs a spill per bar).
 */
function rsiRun(close: Float64Array, b: number, h: number, o: Float64Array, i: number, n: number, st: Float64Array): number {
  let prev = st[0]!;
  let gain = st[1]!;
  let loss = st[2]!;
  for (; i < n; i++) {
    const x = close[i]!;
    if (x !== x) break;
    const d = x - prev;
    prev = x;
    const a = Math.abs(d);
    gain = gain * b + (d + a) * h;
    loss = loss * b + (a - d) * h;
    const s = gain + loss;
    o[i] = s === 0 ? 50 : (100 * gain) / s;
  }
  st[0] = prev;
  st[1] = gain;
  st[2] = loss;
  return i;
}

/** Streaming RSI; same arithmetic as rsi(). */
export class RsiStream {
  readonly period: number;
  private readonly b: number;
  private readonly h: number;
  private prev = NaN;
  private seen = 0;
  private gain = 0;
  private loss = 0;
  private pPrev = NaN;
  private pSeen = 0;
  private pGain = 0;
  private pLoss = 0;
  private bars = 0;
  private out = NaN;

  constructor(period = 14) {
    checkPeriod('RsiStream', 'period', period);
    this.period = period;
    this.b = (period - 1) / period;
    this.h = 0.5 / period;
  }

  get value(): number {
    return this.out;
  }

  add(close: number): number {
    this.pPrev = this.prev;
    this.pSeen = this.seen;
    this.pGain = this.gain;
    this.pLoss = this.loss;
    this.bars++;
    return this.apply(close);
  }

  replace(close: number): number {
    if (this.bars === 0) return this.add(close);
    this.prev = this.pPrev;
    this.seen = this.pSeen;
    this.gain = this.pGain;
    this.loss = this.pLoss;
    return this.apply(close);
  }

  private apply(x: number): number {
    if (x !== x) return (this.out = NaN);
    const prev = this.prev;
    this.prev = x;
    if (prev !== prev) return (this.out = NaN);
    const d = x - prev;
    const a = Math.abs(d);
    if (this.seen < this.period) {
      this.gain += (d + a) * 0.5;
      this.loss += (a - d) * 0.5;
      if (++this.seen < this.period) return (this.out = NaN);
      this.gain /= this.period;
      this.loss /= this.period;
    } else {
      this.gain = this.gain * this.b + (d + a) * this.h;
      this.loss = this.loss * this.b + (a - d) * this.h;
    }
    const s = this.gain + this.loss;
    return (this.out = s === 0 ? 50 : (100 * this.gain) / s);
  }
}
