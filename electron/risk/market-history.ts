// Recent candles per symbol, for the two rules that need more than the last price: the volatility-adjusted
// default stop (ATR) and the correlated exposure cap (correlation of returns). Prices from the market feed
// are bucketed into fixed intervals (1 minute by default) in typed arrays; a symbol seen for the first time
// is seeded from the candle store, so the rules have history from the first order after start-up.
//
// Both answers are cached and recomputed only when a symbol's data gained a bucket, so a check with 100
// open positions costs map lookups, not 100 correlations.
import { atr } from '../../shared/indicators/atr.ts';
import type { MarketSink } from '../trading/market-feed.ts';
import type { SymbolTable } from '../trading/symbol-table.ts';

/** Past candles of a symbol, oldest first (the candle store's latest 1-minute candles). */
export type HistorySeed = (symbol: string, count: number) => { t: ArrayLike<number>; h: ArrayLike<number>; l: ArrayLike<number>; c: ArrayLike<number> } | null;

export interface MarketHistoryOptions {
  symbols: SymbolTable;
  bucketMs?: number;
  /** Buckets kept per symbol. */
  capacity?: number;
  seed?: HistorySeed | null;
  /** Returns used for a correlation (the latest common ones). */
  correlationWindow?: number;
}

const MIN_RETURNS = 10;

class Series {
  n = 0;
  version = 0;
  seeded = false;
  readonly t: Float64Array;
  readonly h: Float64Array;
  readonly l: Float64Array;
  readonly c: Float64Array;
  atrVersion = -1;
  atrValue = Number.NaN;
  constructor(capacity: number) {
    this.t = new Float64Array(capacity);
    this.h = new Float64Array(capacity);
    this.l = new Float64Array(capacity);
    this.c = new Float64Array(capacity);
  }
}

export class MarketHistory implements MarketSink {
  readonly #symbols: SymbolTable;
  readonly #bucketMs: number;
  readonly #capacity: number;
  readonly #seed: HistorySeed | null;
  readonly #window: number;
  readonly #series: (Series | undefined)[] = [];
  readonly #corr = new Map<number, { va: number; vb: number; rho: number }>();
  /** Bumped whenever any symbol gains a bucket: the correlated sets below are valid until it moves. */
  #version = 0;
  readonly #masks = new Map<number, { version: number; threshold: number; size: number; mask: Uint8Array }>();
  // Scratch for correlations: matched closes of the two symbols.
  readonly #xa: Float64Array;
  readonly #xb: Float64Array;

  constructor(options: MarketHistoryOptions) {
    this.#symbols = options.symbols;
    this.#bucketMs = options.bucketMs ?? 60_000;
    this.#capacity = options.capacity ?? 256;
    this.#seed = options.seed ?? null;
    this.#window = Math.min(options.correlationWindow ?? 120, this.#capacity - 1);
    this.#xa = new Float64Array(this.#window + 1);
    this.#xb = new Float64Array(this.#window + 1);
  }

  price(symbolId: number, ts: number, price: number): void {
    this.#point(symbolId, ts, price, price, price);
  }

  bar(symbolId: number, ts: number, _o: number, h: number, l: number, c: number): void {
    this.#point(symbolId, ts, h, l, c);
  }

  book(): void {}

  /** Buckets held for a symbol (after seeding). */
  length(symbolId: number): number {
    return this.#get(symbolId).n;
  }

  /** ATR over the last `period` buckets, or NaN without enough history. */
  atr(symbolId: number, period = 14): number {
    const s = this.#get(symbolId);
    if (s.atrVersion === s.version) return s.atrValue;
    let value = Number.NaN;
    if (s.n > period) {
      const from = s.n - period - 1;
      const out = atr(s.h.subarray(from, s.n), s.l.subarray(from, s.n), s.c.subarray(from, s.n), period);
      value = out[out.length - 1]!;
    }
    s.atrVersion = s.version;
    s.atrValue = value;
    return value;
  }

  /**
   * Which symbol ids correlate with `a` at `threshold` or more (1 in the mask; `a` itself included), for
   * the ids below `size`. Cached until any symbol gains a bucket, so a check reads a byte per position.
   */
  correlatedWith(a: number, threshold: number, size: number): Uint8Array {
    const cached = this.#masks.get(a);
    if (cached && cached.version === this.#version && cached.threshold === threshold && cached.size >= size) return cached.mask;
    const mask = new Uint8Array(size);
    for (let b = 0; b < size; b++) mask[b] = b === a || this.correlation(a, b) >= threshold ? 1 : 0;
    // Computing correlations may seed new symbols (a version bump): the mask was made from what is now there.
    this.#masks.set(a, { version: this.#version, threshold, size, mask });
    return mask;
  }

  /** Pearson correlation of the two symbols' returns over their latest common buckets; NaN without enough. */
  correlation(a: number, b: number): number {
    if (a === b) return 1;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const sa = this.#get(lo);
    const sb = this.#get(hi);
    const key = lo * 1_048_576 + hi;
    const cached = this.#corr.get(key);
    if (cached && cached.va === sa.version && cached.vb === sb.version) return cached.rho;
    const rho = this.#pearson(sa, sb);
    if (cached) {
      cached.va = sa.version;
      cached.vb = sb.version;
      cached.rho = rho;
    } else this.#corr.set(key, { va: sa.version, vb: sb.version, rho });
    return rho;
  }

  #pearson(sa: Series, sb: Series): number {
    // Walk both from the newest bucket back, keeping the buckets both have.
    const xa = this.#xa;
    const xb = this.#xb;
    let i = sa.n - 1;
    let j = sb.n - 1;
    let m = 0;
    while (i >= 0 && j >= 0 && m < xa.length) {
      const ta = sa.t[i]!;
      const tb = sb.t[j]!;
      if (ta === tb) {
        xa[m] = sa.c[i--]!;
        xb[m++] = sb.c[j--]!;
      } else if (ta > tb) i--;
      else j--;
    }
    const n = m - 1;
    if (n < MIN_RETURNS) return Number.NaN;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let k = 0; k < n; k++) {
      // Newest first: return k is from bucket k+1 to bucket k.
      const x = Math.log(xa[k]! / xa[k + 1]!);
      const y = Math.log(xb[k]! / xb[k + 1]!);
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    const cov = sxy - (sx * sy) / n;
    const vx = sxx - (sx * sx) / n;
    const vy = syy - (sy * sy) / n;
    if (!(vx > 0 && vy > 0)) return Number.NaN;
    return cov / Math.sqrt(vx * vy);
  }

  #point(id: number, ts: number, h: number, l: number, c: number): void {
    if (!(c > 0)) return;
    const s = this.#get(id);
    const bucket = Math.floor(ts / this.#bucketMs) * this.#bucketMs;
    const last = s.n - 1;
    if (last >= 0 && s.t[last] === bucket) {
      if (h > s.h[last]!) s.h[last] = h;
      if (l < s.l[last]!) s.l[last] = l;
      s.c[last] = c;
      return;
    }
    if (last >= 0 && bucket < s.t[last]!) return; // replay went back in time: history stays as it was
    this.#append(s, bucket, h, l, c);
  }

  #append(s: Series, t: number, h: number, l: number, c: number): void {
    if (s.n === this.#capacity) {
      s.t.copyWithin(0, 1);
      s.h.copyWithin(0, 1);
      s.l.copyWithin(0, 1);
      s.c.copyWithin(0, 1);
      s.n--;
    }
    s.t[s.n] = t;
    s.h[s.n] = h;
    s.l[s.n] = l;
    s.c[s.n] = c;
    s.n++;
    s.version++;
    this.#version++;
  }

  #get(id: number): Series {
    let s = this.#series[id];
    if (s) return s;
    s = new Series(this.#capacity);
    this.#series[id] = s;
    if (this.#seed && !s.seeded) {
      s.seeded = true;
      let past: ReturnType<HistorySeed> = null;
      try {
        past = this.#seed(this.#symbols.name(id), this.#capacity);
      } catch {
        past = null; // no stored history is not an error: the feed fills it
      }
      if (past) for (let k = 0; k < past.t.length; k++) if (past.c[k]! > 0) this.#append(s, Math.floor(past.t[k]! / this.#bucketMs) * this.#bucketMs, past.h[k]!, past.l[k]!, past.c[k]!);
    }
    return s;
  }
}
