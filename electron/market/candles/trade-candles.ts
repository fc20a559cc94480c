// Trades (or ticks) into candles of any timeframe. `CandleBuilder` is the streaming form for the tick
// hot path: numbers in, plain fields out, no object per trade. `tradesToCandles` is the batch form over
// typed arrays. Both put a trade in the candle its time falls in (bucket.ts), open with the bucket's
// first trade, close with its last, and sum the amounts as volume.
import type { Timeframe } from '../../../shared/domain/timeframe.ts';
import { timeframeMs } from '../../../shared/domain/timeframe.ts';
import { allocateColumns } from '../../journal/candle-columns.ts';
import { bucketOrigin } from './bucket.ts';
import type { Resampled } from './resample.ts';

export class CandleBuilder {
  readonly timeframe: Timeframe;
  readonly #step: number;
  readonly #origin: number;
  /** The forming candle; t is NaN before the first trade. */
  t = Number.NaN;
  o = Number.NaN;
  h = Number.NaN;
  l = Number.NaN;
  c = Number.NaN;
  v = 0;
  /** Trades in the forming candle. */
  trades = 0;
  /** The candle the last add() that returned true closed (t NaN when that was the very first trade). */
  closedT = Number.NaN;
  closedO = Number.NaN;
  closedH = Number.NaN;
  closedL = Number.NaN;
  closedC = Number.NaN;
  closedV = 0;
  /** Trades older than the forming candle, dropped: a candle that closed is not reopened. */
  late = 0;
  #end = Number.NEGATIVE_INFINITY;

  constructor(timeframe: Timeframe) {
    this.timeframe = timeframe;
    this.#step = timeframeMs(timeframe);
    this.#origin = bucketOrigin(timeframe);
  }

  /**
   * Adds one trade. Returns true when it opened a new candle: the previous forming candle (if there was
   * one) is then final and its values are in closedT..closedV.
   */
  add(t: number, price: number, amount: number): boolean {
    if (t < this.#end) {
      if (t < this.t) {
        this.late++;
        return false;
      }
      if (price > this.h) this.h = price;
      if (price < this.l) this.l = price;
      this.c = price;
      this.v += amount;
      this.trades++;
      return false;
    }
    this.closedT = this.t;
    this.closedO = this.o;
    this.closedH = this.h;
    this.closedL = this.l;
    this.closedC = this.c;
    this.closedV = this.v;
    const start = Math.floor((t - this.#origin) / this.#step) * this.#step + this.#origin;
    this.t = start;
    this.#end = start + this.#step;
    this.o = this.h = this.l = this.c = price;
    this.v = amount;
    this.trades = 1;
    return true;
  }

  /** Whether the forming candle is over at market time `now` (no trade can join it any more). */
  endsBy(now: number): boolean {
    return this.t === this.t && now >= this.#end;
  }
}

/**
 * Candles from trades, oldest first (trades must be in time order). The last candle is flagged partial
 * unless `asOf` (the time up to which the trades are complete) is at or past its end.
 */
export function tradesToCandles(time: Float64Array, price: Float64Array, amount: Float64Array, timeframe: Timeframe, asOf?: number): Resampled {
  const n = time.length;
  if (price.length !== n || amount.length !== n) throw new RangeError(`time, price and amount must be the same length, got ${n}, ${price.length}, ${amount.length}`);
  const b = new CandleBuilder(timeframe);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && time[i]! < time[i - 1]!) throw new RangeError(`trades must be in time order: trade ${i} at ${time[i]} is before trade ${i - 1} at ${time[i - 1]}`);
    if (b.add(time[i]!, price[i]!, amount[i]!)) count++;
  }
  const out = allocateColumns(count) as Resampled;
  let k = -1;
  const f = new CandleBuilder(timeframe);
  for (let i = 0; i < n; i++) {
    if (!f.add(time[i]!, price[i]!, amount[i]!)) continue;
    if (k >= 0) write(out, k, f.closedT, f.closedO, f.closedH, f.closedL, f.closedC, f.closedV);
    k++;
  }
  if (k >= 0) write(out, k, f.t, f.o, f.h, f.l, f.c, f.v);
  out.partialLast = count > 0 && (asOf === undefined || asOf < f.t + timeframeMs(timeframe));
  return out;
}

function write(out: Resampled, k: number, t: number, o: number, h: number, l: number, c: number, v: number): void {
  out.t[k] = t;
  out.o[k] = o;
  out.h[k] = h;
  out.l[k] = l;
  out.c[k] = c;
  out.v[k] = v;
}
