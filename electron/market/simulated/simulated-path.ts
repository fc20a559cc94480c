// One symbol's simulated history, from the simulation's origin up to now. Minutes are planned in order
// (cheap: a few random draws each) and kept; a minute's trades and its OHLCV are generated only when
// something asks (a chart, the 24 h ticker, the stream), and the OHLCV is then cached. Candles of any
// timeframe are the minutes rolled up, so every timeframe tells the same story.
import type { Timeframe } from '../../../shared/domain/timeframe.ts';
import { timeframeMs } from '../../../shared/domain/timeframe.ts';
import { allocateColumns, type CandleColumns } from '../../journal/candle-columns.ts';
import { bucketStart } from '../candles/bucket.ts';
import { resample } from '../candles/resample.ts';
import { MINUTE_MS, MinuteProcess, TradeBuffer, type MinutePlan } from './market-model.ts';
import type { SimulatedSymbol } from './simulated-symbols.ts';

export interface DayStats {
  last: number;
  open24h: number;
  high24h: number;
  low24h: number;
  volume24h: number;
}

export class SimulatedPath {
  readonly spec: SimulatedSymbol;
  readonly seed: number;
  readonly index: number;
  /** Open time of the first simulated minute (a whole minute). */
  readonly origin: number;
  readonly #process: MinuteProcess;
  readonly #plan: MinutePlan = { x0: 0, x1: 0, jump: 0, sigma: 0, volume: 0, trades: 1, jumpAt: 2 };
  readonly #buffer = new TradeBuffer();
  #count = 0;
  #x0 = new Float64Array(0);
  #x1 = new Float64Array(0);
  #jump = new Float64Array(0);
  #sigma = new Float64Array(0);
  #volume = new Float64Array(0);
  #trades = new Int32Array(0);
  #jumpAt = new Int32Array(0);
  #bars = allocateColumns(0);
  #ready = new Uint8Array(0);

  constructor(spec: SimulatedSymbol, seed: number, index: number, origin: number) {
    if (origin % MINUTE_MS !== 0) throw new RangeError(`the simulation's origin must be a whole minute, got ${origin}`);
    this.spec = spec;
    this.seed = seed;
    this.index = index;
    this.origin = origin;
    this.#process = new MinuteProcess(spec, seed, index);
  }

  /** The minute (0 = the origin's) that contains `t`. */
  minuteOf(t: number): number {
    return Math.floor((t - this.origin) / MINUTE_MS);
  }

  /** Plans every minute up to and including minute `m`. */
  planThrough(m: number): void {
    if (m < this.#count) return;
    this.#grow(m + 1);
    const plan = this.#plan;
    for (let i = this.#count; i <= m; i++) {
      const start = this.origin + i * MINUTE_MS;
      this.#process.next(Math.floor((start % 86_400_000) / MINUTE_MS), plan);
      this.#x0[i] = plan.x0;
      this.#x1[i] = plan.x1;
      this.#jump[i] = plan.jump;
      this.#sigma[i] = plan.sigma;
      this.#volume[i] = plan.volume;
      this.#trades[i] = plan.trades;
      this.#jumpAt[i] = plan.jumpAt;
    }
    this.#count = m + 1;
  }

  /** The trades of minute `m` (m ≥ 0), in a buffer reused by the next call. */
  trades(m: number): TradeBuffer {
    this.planThrough(m);
    const plan = this.#plan;
    plan.x0 = this.#x0[m]!;
    plan.x1 = this.#x1[m]!;
    plan.jump = this.#jump[m]!;
    plan.sigma = this.#sigma[m]!;
    plan.volume = this.#volume[m]!;
    plan.trades = this.#trades[m]!;
    plan.jumpAt = this.#jumpAt[m]!;
    return this.#buffer.fill(plan, this.spec, this.seed, this.index, this.origin + m * MINUTE_MS);
  }

  /** 1m candles of minutes [m0, m1), every one complete (the caller knows they are over). */
  minutes(m0: number, m1: number): CandleColumns {
    const from = Math.max(0, m0);
    const n = Math.max(0, m1 - from);
    const out = allocateColumns(n);
    if (n === 0) return out;
    this.planThrough(m1 - 1);
    const bars = this.#bars;
    for (let k = 0; k < n; k++) {
      const m = from + k;
      if (this.#ready[m] === 0) this.#computeBar(m);
      out.t[k] = this.origin + m * MINUTE_MS;
      out.o[k] = bars.o[m]!;
      out.h[k] = bars.h[m]!;
      out.l[k] = bars.l[m]!;
      out.c[k] = bars.c[m]!;
      out.v[k] = bars.v[m]!;
    }
    return out;
  }

  /**
   * Closed candles of `timeframe` whose open time is in [from, to], that lie wholly after the origin and
   * end by `now`; at most `limit`, the latest.
   */
  closedCandles(timeframe: Timeframe, now: number, range: { from?: number | undefined; to?: number | undefined; limit?: number | undefined }): CandleColumns {
    const step = timeframeMs(timeframe);
    let first = bucketStart(this.origin, timeframe);
    if (first < this.origin) first += step;
    let last = bucketStart(now, timeframe) - step;
    if (range.from !== undefined) first = Math.max(first, bucketStart(range.from, timeframe) + (bucketStart(range.from, timeframe) < range.from ? step : 0));
    if (range.to !== undefined) last = Math.min(last, bucketStart(range.to, timeframe));
    if (last < first) return allocateColumns(0);
    if (range.limit !== undefined) first = Math.max(first, last - (range.limit - 1) * step);
    const cols = this.minutes(this.minuteOf(first), this.minuteOf(last + step));
    return timeframe === '1m' ? cols : resample(cols, '1m', timeframe);
  }

  /** The price of the last trade at or before `t` (the start price before the first one). */
  priceAt(t: number): number {
    let m = this.minuteOf(t);
    if (m < 0) return this.spec.startPrice;
    const buf = this.trades(m);
    for (let k = buf.length - 1; k >= 0; k--) if (buf.time[k]! <= t) return buf.price[k]!;
    // No trade yet this minute: the last one of the minute before.
    m--;
    if (m < 0) return this.spec.startPrice;
    this.minutes(m, m + 1);
    return this.#bars.c[m]!;
  }

  /** Last price and the rolling 24 hours up to `now`, for the ticker and the watchlist. */
  dayStats(now: number): DayStats {
    const current = this.minuteOf(now);
    const dayAgo = now - 86_400_000;
    const full = this.minutes(Math.max(0, this.minuteOf(dayAgo) + 1), current);
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    let volume = 0;
    for (let k = 0; k < full.length; k++) {
      if (full.h[k]! > high) high = full.h[k]!;
      if (full.l[k]! < low) low = full.l[k]!;
      volume += full.v[k]!;
    }
    let last = full.length > 0 ? full.c[full.length - 1]! : this.priceAt(now);
    if (current >= 0) {
      const buf = this.trades(current);
      for (let k = 0; k < buf.length && buf.time[k]! <= now; k++) {
        const p = buf.price[k]!;
        if (p > high) high = p;
        if (p < low) low = p;
        volume += buf.amount[k]!;
        last = p;
      }
    }
    if (high < low) high = low = last;
    return { last, open24h: this.priceAt(dayAgo), high24h: high, low24h: low, volume24h: volume };
  }

  #computeBar(m: number): void {
    const buf = this.trades(m);
    let h = buf.price[0]!;
    let l = h;
    let v = 0;
    for (let k = 0; k < buf.length; k++) {
      const p = buf.price[k]!;
      if (p > h) h = p;
      if (p < l) l = p;
      v += buf.amount[k]!;
    }
    const bars = this.#bars;
    bars.o[m] = buf.price[0]!;
    bars.h[m] = h;
    bars.l[m] = l;
    bars.c[m] = buf.price[buf.length - 1]!;
    bars.v[m] = v;
    this.#ready[m] = 1;
  }

  #grow(size: number): void {
    if (size <= this.#x0.length) return;
    const cap = Math.max(size, Math.ceil(this.#x0.length * 1.5), 1024);
    const f = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.#x0 = f(this.#x0);
    this.#x1 = f(this.#x1);
    this.#jump = f(this.#jump);
    this.#sigma = f(this.#sigma);
    this.#volume = f(this.#volume);
    this.#trades = i32(this.#trades);
    this.#jumpAt = i32(this.#jumpAt);
    const bars = allocateColumns(cap);
    for (const k of ['o', 'h', 'l', 'c', 'v'] as const) bars[k].set(this.#bars[k]);
    this.#bars = bars;
    const ready = new Uint8Array(cap);
    ready.set(this.#ready);
    this.#ready = ready;
  }
}
