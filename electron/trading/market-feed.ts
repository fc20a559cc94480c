// Market data into the trading engine: one fan-out that the paper broker (fills), the portfolio (marks)
// and the engine (emulated triggers) subscribe to, in that order. The app feeds it from the bus's
// market.candle events (market-candle-feed.ts); a backtest calls onBar directly with its own data and
// the feed's clock becomes the backtest's clock.
//
// The per-bar path is allocation-free: symbol ids instead of strings past the first lookup, no objects or
// closures per call. Subscribers keep whatever state they need per symbol id. A bar reaches subscribers
// as the feed's one bar object (barAt) rather than as seven numbers, and a backtest hands the feed its
// bars as an index into the candle columns (barFrom): V8 boxes every number passed to a call it does not
// inline into a fresh heap number (the fan-out's calls never are), seven per bar per call.
import type { BookLevel } from '../market/market-source.ts';
import { MarketClock } from './clock.ts';
import { SymbolTable } from './symbol-table.ts';

/** A bar as the feed hands it out: one object, rewritten for each bar; read it during the call, never keep it. */
export interface FeedBar {
  readonly ts: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  /** NaN when unknown. */
  readonly v: number;
  readonly durationMs: number;
}

export interface MarketSink {
  /**
   * One trade or tick. `volume` is the base volume traded at it, NaN when unknown. `continuous`: the price
   * moved here from the last one along a segment on which every price between traded (a replayed candle's
   * intrabar path after its open, as a bar's path is walked), so a stop between them fires at its trigger;
   * absent or false, a jump (a live tick), which fires it at this price.
   */
  price(symbolId: number, ts: number, price: number, volume: number, continuous?: boolean): void;
  /** One OHLCV bar opening at `ts` and lasting `durationMs`; `v` is NaN when unknown. */
  bar(symbolId: number, ts: number, o: number, h: number, l: number, c: number, v: number, durationMs: number): void;
  /** The same bar, read from the feed's bar object; a sink that has it gets this call instead of bar(). */
  barAt?(symbolId: number, bar: FeedBar): void;
  /** An order book snapshot, best first. */
  book(symbolId: number, bids: readonly BookLevel[], asks: readonly BookLevel[]): void;
}

/** The feed's bar object; doubles from the start, so its fields never change representation. */
class BarSlot implements FeedBar {
  ts = 0.5;
  o = 0.5;
  h = 0.5;
  l = 0.5;
  c = 0.5;
  v = 0.5;
  durationMs = 0.5;
}

type BarSink = Required<Pick<MarketSink, 'barAt'>>;

/** Bars as one typed array per field (a backtest's candles). */
export interface BarColumns {
  readonly t: Float64Array;
  readonly o: Float64Array;
  readonly h: Float64Array;
  readonly l: Float64Array;
  readonly c: Float64Array;
  readonly v: Float64Array;
}

function copyBar(from: FeedBar, to: BarSlot): void {
  to.ts = from.ts;
  to.o = from.o;
  to.h = from.h;
  to.l = from.l;
  to.c = from.c;
  to.v = from.v;
  to.durationMs = from.durationMs;
}

/** One subscriber: itself, how it takes bars, and whether it is asleep. */
interface Subscription {
  readonly sink: MarketSink;
  readonly barSink: BarSink;
  asleep: boolean;
}

/** Subscribers whose sleep states key the memo of awake lists (a bit each in a small integer). */
const MEMO_SUBSCRIBERS = 30;

export class MarketFeed {
  readonly symbols: SymbolTable;
  readonly clock: MarketClock;
  /** Every subscriber in subscription order (books go to all of them). */
  readonly #subs: Subscription[] = [];
  /**
   * The awake ones, for prices and bars; rebuilt (never changed in place) when one subscribes, leaves,
   * sleeps or wakes, so a hand-out under way finishes over the list it started with.
   */
  #sinks: MarketSink[] = [];
  /** Per awake subscriber, in the same order: itself when it reads the bar object, else an adapter that calls its bar(). */
  #barSinks: BarSink[] = [];
  /**
   * The awake lists already built, by which subscribers sleep (a bit each, for the first 30): a paper
   * broker sleeps and wakes around every order, so the feed flips between the same two or three states
   * thousands of times in a backtest, and building the lists anew each time was a tenth of its garbage.
   * The lists are never changed in place, so handing one out again is safe. Emptied when someone
   * subscribes or leaves.
   */
  readonly #built = new Map<number, readonly [MarketSink[], BarSink[]]>();
  /** Last price per symbol id (a bar's close, a trade's price), NaN before the first. */
  #last = new Float64Array(16).fill(Number.NaN);
  readonly #bar = new BarSlot();
  /** Bars being handed out now: a subscriber may push a bar of its own while it is handed one. */
  #barDepth = 0;
  /** Per level of such pushes, the bar the level below was being handed, put back when the push is done. */
  readonly #keptBars: BarSlot[] = [];

  constructor(options: { symbols?: SymbolTable; clock?: MarketClock } = {}) {
    this.symbols = options.symbols ?? new SymbolTable();
    this.clock = options.clock ?? new MarketClock();
  }

  /** Adds a subscriber; they are called in the order they subscribed. Returns the unsubscribe. */
  subscribe(sink: MarketSink): () => void {
    const barSink: BarSink = sink.barAt ? (sink as BarSink) : { barAt: (id, b) => sink.bar(id, b.ts, b.o, b.h, b.l, b.c, b.v, b.durationMs) };
    this.#subs.push({ sink, barSink, asleep: false });
    this.#built.clear();
    this.#rebuild();
    return () => {
      const i = this.#subs.findIndex((s) => s.sink === sink);
      if (i === -1) return;
      this.#subs.splice(i, 1);
      this.#built.clear();
      this.#rebuild();
    };
  }

  /**
   * A subscriber with nothing to do on prices and bars (a paper venue with no working order) stops
   * hearing them: in a backtest, a call per bar to a subscriber that only notes the price is a large
   * share of the bar's cost. It still gets books, and reads lastPrice() when it wakes.
   */
  sleep(sink: MarketSink): void {
    this.#setAsleep(sink, true);
  }

  /** Prices and bars again, from the next one. */
  wake(sink: MarketSink): void {
    this.#setAsleep(sink, false);
  }

  /** The last price the feed handed out for a symbol id (a bar counts from its start as its close); NaN before any. */
  lastPrice(symbolId: number): number {
    return symbolId < this.#last.length ? this.#last[symbolId]! : Number.NaN;
  }

  #setAsleep(sink: MarketSink, asleep: boolean): void {
    const subs = this.#subs;
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i]!;
      if (sub.sink !== sink) continue;
      if (sub.asleep === asleep) return;
      sub.asleep = asleep;
      this.#rebuild();
      return;
    }
  }

  /** Plain loops: a paper broker sleeps and wakes around every order, thousands of times in a backtest. */
  #rebuild(): void {
    const subs = this.#subs;
    const n = subs.length;
    let key = n <= MEMO_SUBSCRIBERS ? 0 : -1;
    for (let i = 0; i < n && key !== -1; i++) if (subs[i]!.asleep) key |= 1 << i;
    const known = key === -1 ? undefined : this.#built.get(key);
    if (known !== undefined) {
      this.#sinks = known[0];
      this.#barSinks = known[1];
      return;
    }
    const sinks: MarketSink[] = [];
    const barSinks: BarSink[] = [];
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i]!;
      if (sub.asleep) continue;
      sinks.push(sub.sink);
      barSinks.push(sub.barSink);
    }
    this.#sinks = sinks;
    this.#barSinks = barSinks;
    if (key !== -1) this.#built.set(key, [sinks, barSinks]);
  }

  #setLast(symbolId: number, price: number): void {
    if (symbolId >= this.#last.length) {
      const grown = new Float64Array(Math.max(symbolId + 1, this.#last.length * 2)).fill(Number.NaN);
      grown.set(this.#last);
      this.#last = grown;
    }
    this.#last[symbolId] = price;
  }

  /** A tick; `continuous` as MarketSink.price says (default: a jump). */
  onPrice(symbol: string, ts: number, price: number, volume = Number.NaN, continuous = false): void {
    this.priceById(this.symbols.id(symbol), ts, price, volume, continuous);
  }

  priceById(symbolId: number, ts: number, price: number, volume: number, continuous = false): void {
    this.clock.set(ts);
    this.#setLast(symbolId, price);
    const sinks = this.#sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i]!.price(symbolId, ts, price, volume, continuous);
  }

  /**
   * A bar: the broker walks its intrabar path (open, nearer extreme, farther extreme, close). Give
   * `durationMs` (the timeframe) so the path's points get their times and latency is honoured inside
   * the bar; market time ends at the bar's close (ts + durationMs), when a strategy sees the bar.
   */
  onBar(symbol: string, ts: number, o: number, h: number, l: number, c: number, v = Number.NaN, durationMs = 0): void {
    this.barById(this.symbols.id(symbol), ts, o, h, l, c, v, durationMs);
  }

  barById(symbolId: number, ts: number, o: number, h: number, l: number, c: number, v: number, durationMs: number): void {
    const depth = this.#barDepth;
    if (depth > 0) this.#keep(depth);
    const bar = this.#bar;
    bar.ts = ts;
    bar.o = o;
    bar.h = h;
    bar.l = l;
    bar.c = c;
    bar.v = v;
    bar.durationMs = durationMs;
    this.#handOut(symbolId, depth);
  }

  /** barById with bar `i` of `cols`: the backtest's form, which passes no numbers to box. */
  barFrom(symbolId: number, cols: BarColumns, i: number, durationMs: number): void {
    const depth = this.#barDepth;
    if (depth > 0) this.#keep(depth);
    const bar = this.#bar;
    bar.ts = cols.t[i]!;
    bar.o = cols.o[i]!;
    bar.h = cols.h[i]!;
    bar.l = cols.l[i]!;
    bar.c = cols.c[i]!;
    bar.v = cols.v[i]!;
    bar.durationMs = durationMs;
    this.#handOut(symbolId, depth);
  }

  // The nested case (a subscriber pushing a bar while it is handed one) out of line: the backtest's loop
  // inlines barFrom, and the smaller it is, the more of the strategy fits beside it.
  #keep(depth: number): void {
    copyBar(this.#bar, (this.#keptBars[depth - 1] ??= new BarSlot()));
  }

  #restore(depth: number): void {
    copyBar(this.#keptBars[depth - 1]!, this.#bar);
  }

  /** The bar in the bar object to every subscriber, market time moving to its open, then to its close. */
  #handOut(symbolId: number, depth: number): void {
    const bar = this.#bar;
    this.clock.set(bar.ts);
    // Before the subscribers: one that wakes while the bar is handed out has slept through all of it.
    if (symbolId < this.#last.length) this.#last[symbolId] = bar.c;
    else this.#setLast(symbolId, bar.c);
    this.#barDepth = depth + 1;
    try {
      const sinks = this.#barSinks;
      for (let i = 0; i < sinks.length; i++) sinks[i]!.barAt(symbolId, bar);
      this.clock.set(bar.ts + bar.durationMs);
    } finally {
      this.#barDepth = depth;
      if (depth > 0) this.#restore(depth);
    }
  }

  onBook(symbol: string, bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    const id = this.symbols.id(symbol);
    const subs = this.#subs;
    for (let i = 0; i < subs.length; i++) subs[i]!.sink.book(id, bids, asks);
  }
}
