// Volume-weighted average price: Σ(typical × volume) / Σ volume with typical = (high + low + close) / 3
// (the "hlc3" most charting tools use). Cumulative from the first bar, or anchored to the UTC day:
// with reset 'utc-day' the sums restart at the first bar of each UTC calendar day (bar open times in
// epoch milliseconds). No warm-up: a value from the first bar whose running volume is above 0;
// while the running volume is 0 (no trades yet) the VWAP is NaN, not a made-up price.
// NaN input: a bar with any NaN input (or NaN time when resetting) is a missing bar: NaN output,
// the sums carry over.
import { checkSameLength, outputArray } from './validate.ts';

export type VwapReset = 'none' | 'utc-day';

export interface VwapOptions {
  /** When the running sums restart. Default 'none': one cumulative VWAP over the whole series. */
  reset?: VwapReset;
  /** Bar open times, epoch ms UTC; required for reset 'utc-day'. */
  time?: Float64Array;
}

const DAY_MS = 86_400_000;

function checkReset(indicator: string, reset: VwapReset): void {
  if (reset !== 'none' && reset !== 'utc-day') throw new RangeError(`${indicator}: reset must be 'none' or 'utc-day', got ${String(reset)}`);
}

export function vwap(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, options: VwapOptions = {}, out?: Float64Array): Float64Array {
  const reset = options.reset ?? 'none';
  checkReset('vwap', reset);
  const n = checkSameLength('vwap', 'high, low, close and volume', high, low, close, volume);
  const o = outputArray('vwap', n, out);
  const time = options.time;
  if (reset === 'utc-day') {
    if (!time) throw new RangeError("vwap: reset 'utc-day' needs options.time (bar open times in epoch ms)");
    checkSameLength('vwap', 'time and the prices', time, close);
  }
  let pv = 0;
  let vol = 0;
  let day = NaN;
  const st = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    if (reset === 'none') {
      st[0] = pv;
      st[1] = vol;
      i = vwapRun(high, low, close, volume, o, i, n, st);
      pv = st[0]!;
      vol = st[1]!;
      if (i >= n) break;
    }
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const v = volume[i]!;
    if (h !== h || l !== l || c !== c || v !== v) {
      o[i] = NaN;
      continue;
    }
    if (time !== undefined && reset === 'utc-day') {
      const t = time[i]!;
      if (t !== t) {
        o[i] = NaN;
        continue;
      }
      const d = Math.floor(t / DAY_MS);
      if (d !== day) {
        day = d;
        pv = 0;
        vol = 0;
      }
    }
    pv += ((h + l + c) / 3) * v;
    vol += v;
    o[i] = vol > 0 ? pv / vol : NaN;
  }
  return o;
}

/**
 * The cumulative hot loop, from bar i until the end or the first bar with a NaN (whose index it
 * returns); the sums go in and out through st. A function of its own so the sums have a single
 * update path (see ema.ts).
 */
function vwapRun(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, o: Float64Array, i: number, n: number, st: Float64Array): number {
  let pv = st[0]!;
  let vol = st[1]!;
  for (; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const v = volume[i]!;
    if (h !== h || l !== l || c !== c || v !== v) break;
    pv += ((h + l + c) / 3) * v;
    vol += v;
    o[i] = vol > 0 ? pv / vol : NaN;
  }
  st[0] = pv;
  st[1] = vol;
  return i;
}

/** Streaming VWAP; same arithmetic as vwap(). */
export class VwapStream {
  readonly reset: VwapReset;
  private pv = 0;
  private vol = 0;
  private day = NaN;
  private pPv = 0;
  private pVol = 0;
  private pDay = NaN;
  private bars = 0;
  private out = NaN;

  constructor(options: { reset?: VwapReset } = {}) {
    this.reset = options.reset ?? 'none';
    checkReset('VwapStream', this.reset);
  }

  get value(): number {
    return this.out;
  }

  /** `time` (bar open, epoch ms) is needed only with reset 'utc-day'. */
  add(high: number, low: number, close: number, volume: number, time = NaN): number {
    this.pPv = this.pv;
    this.pVol = this.vol;
    this.pDay = this.day;
    this.bars++;
    return this.apply(high, low, close, volume, time);
  }

  replace(high: number, low: number, close: number, volume: number, time = NaN): number {
    if (this.bars === 0) return this.add(high, low, close, volume, time);
    this.pv = this.pPv;
    this.vol = this.pVol;
    this.day = this.pDay;
    return this.apply(high, low, close, volume, time);
  }

  private apply(h: number, l: number, c: number, v: number, t: number): number {
    if (h !== h || l !== l || c !== c || v !== v) return (this.out = NaN);
    if (this.reset === 'utc-day') {
      if (t !== t) return (this.out = NaN);
      const d = Math.floor(t / DAY_MS);
      if (d !== this.day) {
        this.day = d;
        this.pv = 0;
        this.vol = 0;
      }
    }
    this.pv += ((h + l + c) / 3) * v;
    this.vol += v;
    return (this.out = this.vol > 0 ? this.pv / this.vol : NaN);
  }
}
