// Market data into the trading engine: one fan-out that the paper broker (fills), the portfolio (marks)
// and the engine (emulated triggers) subscribe to, in that order. The app feeds it from the bus's
// market.candle events (market-candle-feed.ts); a backtest calls onBar directly with its own data and
// the feed's clock becomes the backtest's clock.
//
// The per-bar path is allocation-free: numbers in, symbol ids instead of strings past the first lookup,
// no objects or closures per call. Subscribers keep whatever state they need per symbol id.
import type { BookLevel } from '../market/market-source.ts';
import { MarketClock } from './clock.ts';
import { SymbolTable } from './symbol-table.ts';

export interface MarketSink {
  /** One trade or tick. `volume` is the base volume traded at it, NaN when unknown. */
  price(symbolId: number, ts: number, price: number, volume: number): void;
  /** One OHLCV bar opening at `ts` and lasting `durationMs`; `v` is NaN when unknown. */
  bar(symbolId: number, ts: number, o: number, h: number, l: number, c: number, v: number, durationMs: number): void;
  /** An order book snapshot, best first. */
  book(symbolId: number, bids: readonly BookLevel[], asks: readonly BookLevel[]): void;
}

export class MarketFeed {
  readonly symbols: SymbolTable;
  readonly clock: MarketClock;
  readonly #sinks: MarketSink[] = [];

  constructor(options: { symbols?: SymbolTable; clock?: MarketClock } = {}) {
    this.symbols = options.symbols ?? new SymbolTable();
    this.clock = options.clock ?? new MarketClock();
  }

  /** Adds a subscriber; they are called in the order they subscribed. Returns the unsubscribe. */
  subscribe(sink: MarketSink): () => void {
    this.#sinks.push(sink);
    return () => {
      const i = this.#sinks.indexOf(sink);
      if (i !== -1) this.#sinks.splice(i, 1);
    };
  }

  onPrice(symbol: string, ts: number, price: number, volume = Number.NaN): void {
    this.priceById(this.symbols.id(symbol), ts, price, volume);
  }

  priceById(symbolId: number, ts: number, price: number, volume: number): void {
    this.clock.set(ts);
    const sinks = this.#sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i]!.price(symbolId, ts, price, volume);
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
    this.clock.set(ts);
    const sinks = this.#sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i]!.bar(symbolId, ts, o, h, l, c, v, durationMs);
    this.clock.set(ts + durationMs);
  }

  onBook(symbol: string, bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    const id = this.symbols.id(symbol);
    const sinks = this.#sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i]!.book(id, bids, asks);
  }
}
