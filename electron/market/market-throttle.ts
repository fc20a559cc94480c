// Between the active source and the bus: trades are batched, the ticker and the book coalesced to the
// latest, and the watchlist sent at most about once a second, so a busy market cannot flood the bridge
// (a Binance BTC/USDT trade stream can push hundreds of trades a second; the UI needs ~10 updates a second).
// It also keeps the latest of each for the snapshot commands. Candles do not pass through here: every
// candle update is an event (the paper broker needs every tick of the intrabar path).
import type { MarketSourceKind } from '../../shared/contract/market-schemas.ts';
import type { EventBus } from '../app/event-bus.ts';
import { systemTimers, type Timers } from './replay/timers.ts';
import type { BookSnapshot, Ticker, Trade } from './market-source.ts';

export interface StreamOrigin {
  source: MarketSourceKind;
  exchange: string;
  symbol: string;
}

export interface WatchlistPrice {
  last: number | null;
  change24hPct: number | null;
  t: number | null;
}

export interface ThrottleOptions {
  /** Trades, ticker and book go out at most this often; default 100 ms. */
  flushMs?: number;
  /** The watchlist goes out at most this often; default 1000 ms. */
  watchlistEveryMs?: number;
  /** Trades kept for the market.trades snapshot; default 1000. */
  keepTrades?: number;
  /** The most trades one event carries (the newest); default 500. */
  maxTradesPerEvent?: number;
  timers?: Timers;
}

export class MarketThrottle {
  readonly #bus: Pick<EventBus, 'emit'>;
  readonly #timers: Timers;
  readonly #flushMs: number;
  readonly #watchlistEvery: number;
  readonly #keep: number;
  readonly #maxPerEvent: number;
  #origin: StreamOrigin | null = null;
  #pending: Trade[] = [];
  #recent: Trade[] = [];
  #ticker: Ticker | null = null;
  #tickerDirty = false;
  #book: BookSnapshot | null = null;
  #bookDirty = false;
  #symbols: string[] = [];
  #served: ReadonlySet<string> | null = null;
  readonly #prices = new Map<string, WatchlistPrice>();
  #watchlistDirty = false;
  #watchlistAt = Number.NEGATIVE_INFINITY;
  #timer: unknown = null;

  constructor(bus: Pick<EventBus, 'emit'>, options: ThrottleOptions = {}) {
    this.#bus = bus;
    this.#timers = options.timers ?? systemTimers;
    this.#flushMs = options.flushMs ?? 100;
    this.#watchlistEvery = options.watchlistEveryMs ?? 1_000;
    this.#keep = options.keepTrades ?? 1_000;
    this.#maxPerEvent = options.maxTradesPerEvent ?? 500;
  }

  /** A new active market (or none): everything kept from the previous one is dropped, never shown as this one's. */
  setOrigin(origin: StreamOrigin | null, served: ReadonlySet<string> | null = null): void {
    this.#origin = origin;
    this.#pending = [];
    this.#recent = [];
    this.#ticker = null;
    this.#book = null;
    this.#tickerDirty = this.#bookDirty = false;
    this.#prices.clear();
    this.#served = served;
    this.#markWatchlist();
  }

  /** What the active source serves, once known (the watchlist's `available`). */
  setServed(served: ReadonlySet<string> | null): void {
    this.#served = served;
    this.#markWatchlist();
  }

  setWatchlist(symbols: readonly string[]): void {
    this.#symbols = [...symbols];
    this.#markWatchlist();
  }

  get origin(): StreamOrigin | null {
    return this.#origin;
  }

  // ---- from the source ----

  trades(trades: readonly Trade[]): void {
    if (this.#origin === null || trades.length === 0) return;
    for (const t of trades) this.#pending.push(t);
    // A burst larger than anyone will look at is cut to its newest part here, not at flush time.
    if (this.#pending.length > 4 * this.#maxPerEvent) this.#pending = this.#pending.slice(-this.#maxPerEvent);
    this.#schedule();
  }

  ticker(ticker: Ticker): void {
    if (this.#origin === null) return;
    if (ticker.symbol === this.#origin.symbol) {
      this.#ticker = ticker;
      this.#tickerDirty = true;
    }
    this.price(ticker.symbol, { last: ticker.last, change24hPct: ticker.change24hPct, t: ticker.t });
  }

  book(book: BookSnapshot): void {
    if (this.#origin === null || book.symbol !== this.#origin.symbol) return;
    this.#book = book;
    this.#bookDirty = true;
    this.#schedule();
  }

  /** A watchlist symbol's price moved. */
  price(symbol: string, price: WatchlistPrice): void {
    if (this.#origin === null) return;
    this.#prices.set(symbol, price);
    this.#markWatchlist();
  }

  // ---- snapshots ----

  recentTrades(limit: number): Trade[] {
    return this.#recent.slice(-limit);
  }

  latestTicker(): Ticker | null {
    return this.#ticker;
  }

  latestBook(): BookSnapshot | null {
    return this.#book;
  }

  watchlist() {
    const o = this.#origin;
    return {
      source: o?.source ?? null,
      exchange: o?.exchange ?? null,
      symbols: [...this.#symbols],
      items: this.#symbols.map((symbol) => {
        const p = this.#prices.get(symbol);
        return { symbol, last: p?.last ?? null, change24hPct: p?.change24hPct ?? null, t: p?.t ?? null, available: this.#served?.has(symbol) ?? false };
      }),
    };
  }

  /** Sends whatever is pending now (the timer calls it; tests may). */
  flush(): void {
    this.#timer = null;
    const o = this.#origin;
    if (o === null) return;
    if (this.#pending.length > 0) {
      const batch = this.#pending.length > this.#maxPerEvent ? this.#pending.slice(-this.#maxPerEvent) : this.#pending;
      this.#pending = [];
      this.#recent.push(...batch);
      if (this.#recent.length > this.#keep) this.#recent = this.#recent.slice(-this.#keep);
      this.#bus.emit('market.trades', { source: o.source, exchange: o.exchange, symbol: o.symbol, trades: batch });
    }
    if (this.#tickerDirty && this.#ticker) {
      this.#tickerDirty = false;
      this.#bus.emit('market.ticker', { source: o.source, exchange: o.exchange, ticker: this.#ticker });
    }
    if (this.#bookDirty && this.#book) {
      this.#bookDirty = false;
      this.#bus.emit('market.book', { source: o.source, exchange: o.exchange, book: this.#book });
    }
    if (this.#watchlistDirty) {
      const now = this.#timers.now();
      if (now - this.#watchlistAt >= this.#watchlistEvery) {
        this.#watchlistDirty = false;
        this.#watchlistAt = now;
        this.#bus.emit('market.watchlist', this.watchlist());
      } else this.#schedule(this.#watchlistAt + this.#watchlistEvery - now);
    }
  }

  close(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#origin = null;
  }

  #markWatchlist(): void {
    this.#watchlistDirty = true;
    this.#schedule();
  }

  #schedule(delay = this.#flushMs): void {
    if (this.#timer !== null) return;
    this.#timer = this.#timers.setTimeout(() => this.flush(), Math.max(delay, this.#flushMs));
  }
}
