// Average True Range, Wilder's smoothing (TA-Lib's ATR). True range needs the previous close, so the
// first bar has none; ATR's first value, at index `period`, is the mean of the true ranges of bars
// 1..period, then atr = atr·(period-1)/period + tr/period (TA-Lib: (atr·(period-1) + tr) / period,
// the same to rounding with a division on the dependency chain).
// NaN input: a bar with a NaN high, low or close is a missing bar — NaN output, state carries over,
// and the next true range uses the last valid close.
import { checkPeriod, checkSameLength, outputArray } from './validate.ts';

/**
 * True range = max(high, prevClose) - min(low, prevClose): the same number as
 * max(high-low, |high-prevClose|, |low-prevClose|), with two compares instead of two abs and a max.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  checkPeriod('atr', 'period', period);
  const n = checkSameLength('atr', 'high, low and close', high, low, close);
  const o = outputArray('atr', n, out);
  const k = 1 / period;
  const b = (period - 1) / period;
  let pc = NaN;
  let seen = 0;
  let sum = 0;
  let i = 0;
  for (; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    o[i] = NaN;
    if (h !== h || l !== l || c !== c) continue;
    if (pc !== pc) {
      pc = c;
      continue;
    }
    sum += (h > pc ? h : pc) - (l < pc ? l : pc);
    pc = c;
    if (++seen === period) {
      o[i++] = sum / period;
      break;
    }
  }
  const st = Float64Array.of(pc, sum / period);
  while (i < n) {
    i = atrRun(high, low, close, b, k, o, i, n, st);
    for (; i < n && !(high[i]! === high[i]! && low[i]! === low[i]! && close[i]! === close[i]!); i++) o[i] = NaN;
  }
  return o;
}

/**
 * The hot loop, from bar i until the end or the first bar with a NaN (whose index it returns); the
 * last close and the ATR go in and out through st. A function of its own so they have a single
 * update path in the loop (see ema.ts: a NaN branch inside costs a spill per bar).
 */
function atrRun(high: Float64Array, low: Float64Array, close: Float64Array, b: number, k: number, o: Float64Array, i: number, n: number, st: Float64Array): number {
  let pc = st[0]!;
  let a = st[1]!;
  for (; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    if (h !== h || l !== l || c !== c) break;
    a = a * b + ((h > pc ? h : pc) - (l < pc ? l : pc)) * k;
    pc = c;
    o[i] = a;
  }
  st[0] = pc;
  st[1] = a;
  return i;
}

/** Streaming ATR; same arithmetic as atr(). */
export class AtrStream {
  readonly period: number;
  private readonly k: number;
  private readonly b: number;
  private pc = NaN;
  private seen = 0;
  private sum = 0;
  private a = NaN;
  private pPc = NaN;
  private pSeen = 0;
  private pSum = 0;
  private pA = NaN;
  private bars = 0;
  private out = NaN;

  constructor(period = 14) {
    checkPeriod('AtrStream', 'period', period);
    this.period = period;
    this.k = 1 / period;
    this.b = (period - 1) / period;
  }

  get value(): number {
    return this.out;
  }

  add(high: number, low: number, close: number): number {
    this.pPc = this.pc;
    this.pSeen = this.seen;
    this.pSum = this.sum;
    this.pA = this.a;
    this.bars++;
    return this.apply(high, low, close);
  }

  replace(high: number, low: number, close: number): number {
    if (this.bars === 0) return this.add(high, low, close);
    this.pc = this.pPc;
    this.seen = this.pSeen;
    this.sum = this.pSum;
    this.a = this.pA;
    return this.apply(high, low, close);
  }

  private apply(h: number, l: number, c: number): number {
    if (h !== h || l !== l || c !== c) return (this.out = NaN);
    const pc = this.pc;
    this.pc = c;
    if (pc !== pc) return (this.out = NaN);
    const tr = (h > pc ? h : pc) - (l < pc ? l : pc);
    if (this.seen < this.period) {
      this.sum += tr;
      if (++this.seen < this.period) return (this.out = NaN);
      this.a = this.sum / this.period;
      return (this.out = this.a);
    }
    this.a = this.a * this.b + tr * this.k;
    return (this.out = this.a);
  }
}
