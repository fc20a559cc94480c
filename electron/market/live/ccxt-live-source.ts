// Keel's live market source: an exchange's public data through ccxt. Markets, history, tickers and books over
// REST; candles, trades, tickers and books streamed with ccxt's watch methods where the exchange has them,
// polled over REST where it does not. Every stream is one loop that never throws: a failure is classified,
// backed off (exponential, jittered, capped, at least Retry-After) and shown in the status, and a candle
// stream that lost its connection backfills the candles it missed over REST into the journal before it emits
// anything newer, so the journal never has holes or duplicates.
import { KeelError } from '../../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../../shared/domain/candle.ts';
import { isSymbol } from '../../../shared/domain/symbol.ts';
import { TIMEFRAME_NAMES, isTimeframe, timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { silentLogger, type Logger } from '../../app/logger.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import { systemTimers, type Timers } from '../replay/timers.ts';
import {
  MARKET_CHANNELS,
  UnknownMarketError,
  type HistoryRequest,
  type MarketChannel,
  type MarketInfo,
  type MarketListener,
  type MarketSource,
  type MarketWatch,
  type SourceStatus,
  type WatchRequest,
} from '../market-source.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { CandleTracker } from './candle-tracker.ts';
import { BadDataError, classifyError, type Failure } from './ccxt-errors.ts';
import { keelMarkets, toBook, toCandles, toTicker, toTrades } from './ccxt-convert.ts';
import { ccxtFactory, type CcxtExchange, type CcxtMarket, type ExchangeFactory } from './ccxt-exchange.ts';
import { summarize, type FeedHealth } from './feed-health.ts';

export interface CcxtLiveSourceOptions {
  /** ccxt exchange id: binance, kraken, ... */
  exchange: string;
  /** What series are stored under (SeriesKey.exchange); default the exchange id. */
  label?: string;
  /** The journal: closed candles and backfills are upserted here. Without one nothing is stored. */
  store?: CandleStore | null;
  /** Builds the ccxt instance; default loads the one ccxt class needed. Tests and proxies override. */
  createExchange?: ExchangeFactory;
  /** Rebase every REST and websocket URL onto these origins (used by the default factory). */
  endpoints?: { rest: string; ws: string };
  /** Per-request timeout; default 10 s. */
  requestTimeoutMs?: number;
  /** 'auto' streams over websocket where ccxt can; 'rest' always polls. */
  transport?: 'auto' | 'rest';
  /** REST polling period; default 2 s. */
  pollMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** After this many failures in a row a stream counts as offline rather than delayed; default 3. */
  offlineAfterFailures?: number;
  /** A stream with nothing for this many expected intervals is stale; default 3. */
  staleAfterIntervals?: number;
  /**
   * How often each websocket channel normally delivers (null: no rhythm, never stale). Defaults follow
   * Binance: klines every 2 s, the 24 h ticker every 1 s, the book at least every 1 s; trades come as they
   * happen. Polled channels deliver every `pollMs`.
   */
  expectedEveryMs?: Partial<Record<MarketChannel, number | null>>;
  /** Candles fetched when a series starts with nothing stored; default 500. */
  historyCandles?: number;
  /** The most candles one backfill fetches (older gaps are left alone, with a warning); default 10,000. */
  maxBackfillCandles?: number;
  /** Book levels per side delivered to listeners; default 20. */
  bookDepth?: number;
  log?: Logger;
  timers?: Timers;
  random?: () => number;
}

interface Feed {
  key: string;
  channel: MarketChannel;
  symbol: string;
  timeframe: Timeframe;
  transport: 'ws' | 'rest';
  listeners: Set<MarketListener>;
  health: FeedHealth;
  stopped: boolean;
  wake: (() => void) | null;
  done: Promise<void>;
  series: SeriesKey;
  tracker: CandleTracker;
  /** Candles may have closed unseen (start, or after a dropped stream): fill from REST first. */
  needsBackfill: boolean;
  seenTrades: Set<string>;
  seenOrder: string[];
  seeded: boolean;
}

const WATCH_METHOD: Record<MarketChannel, 'watchOHLCV' | 'watchTrades' | 'watchTicker' | 'watchOrderBook'> = {
  candles: 'watchOHLCV',
  trades: 'watchTrades',
  ticker: 'watchTicker',
  book: 'watchOrderBook',
};

const WS_EXPECTED: Record<MarketChannel, number | null> = { candles: 2_000, ticker: 1_000, book: 1_000, trades: null };
const REST_PAGE = 1000;
const MAX_HISTORY = 20_000;
const SEEN_TRADES = 5_000;

export class CcxtLiveSource implements MarketSource {
  readonly kind = 'live' as const;
  readonly exchange: string;
  private readonly id: string;
  private readonly store: CandleStore | null;
  private readonly factory: ExchangeFactory;
  private readonly transport: 'auto' | 'rest';
  private readonly pollMs: number;
  private readonly backoff: BackoffOptions;
  private readonly offlineAfter: number;
  private readonly staleAfter: number;
  private readonly expected: Partial<Record<MarketChannel, number | null>>;
  private readonly historyCandles: number;
  private readonly maxBackfill: number;
  private readonly bookDepth: number;
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly random: () => number;

  private exchangePromise: Promise<CcxtExchange> | null = null;
  private marketsPromise: Promise<Record<string, CcxtMarket>> | null = null;
  private connected = false;
  private readonly feeds = new Map<string, Feed>();
  /** One-shot calls (markets, history) while they retry, and the last one that gave up. */
  private readonly requests = new Map<string, FeedHealth>();
  private readonly sleepers = new Set<() => void>();
  private readonly statusListeners = new Set<(s: SourceStatus) => void>();
  private current: SourceStatus;
  private checkTimer: unknown = null;
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(options: CcxtLiveSourceOptions) {
    this.id = options.exchange;
    this.exchange = options.label ?? options.exchange;
    this.store = options.store ?? null;
    const timeoutMs = options.requestTimeoutMs ?? 10_000;
    const log = options.log ?? silentLogger;
    this.factory =
      options.createExchange ??
      ccxtFactory({ timeoutMs, log: (line) => log.debug('ccxt', line), ...(options.endpoints ? { endpoints: options.endpoints } : {}) });
    this.transport = options.transport ?? 'auto';
    this.pollMs = options.pollMs ?? 2_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.offlineAfter = options.offlineAfterFailures ?? 3;
    this.staleAfter = options.staleAfterIntervals ?? 3;
    this.expected = options.expectedEveryMs ?? {};
    this.historyCandles = options.historyCandles ?? 500;
    this.maxBackfill = options.maxBackfillCandles ?? 10_000;
    this.bookDepth = options.bookDepth ?? 20;
    this.log = options.log ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    this.current = { status: 'offline', reason: `not connected to ${this.id} yet`, since: Date.now() };
  }

  // ---- MarketSource ----

  async markets(): Promise<readonly MarketInfo[]> {
    const markets = await this.loadMarkets();
    const ex = await this.getExchange();
    return keelMarkets(markets, ex.precisionMode);
  }

  async timeframes(): Promise<readonly Timeframe[]> {
    await this.loadMarkets();
    const ex = await this.getExchange();
    const offered = new Set(Object.keys(ex.timeframes ?? {}));
    return TIMEFRAME_NAMES.filter((tf) => offered.has(tf));
  }

  async history(request: HistoryRequest): Promise<Candle[]> {
    this.assertOpen();
    const { symbol, timeframe } = await this.resolve(request.symbol, request.timeframe);
    const limit = request.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY) throw new KeelError('invalid_request', `limit must be a whole number from 1 to ${MAX_HISTORY}, got ${limit}`);
    const tf = timeframeMs(timeframe);
    return this.withRetries(`history ${symbol} ${timeframe}`, async () => {
      const ex = await this.getExchange();
      const now = await this.exchangeNow(ex);
      // Only closed candles: the forming one belongs to the stream.
      const to = Math.min(request.to ?? Infinity, now - tf);
      let since = Math.max(request.from ?? -Infinity, Math.floor(to / tf) * tf - (limit - 1) * tf);
      const out: Candle[] = [];
      while (since <= to && out.length < MAX_HISTORY) {
        const page = toCandles(await ex.fetchOHLCV(symbol, timeframe, since, REST_PAGE), `${symbol} ${timeframe} history`);
        const from = since;
        const got = page.filter((c) => c.t >= from && c.t <= to && c.t + tf <= now);
        if (got.length === 0) break;
        out.push(...got);
        since = got.at(-1)!.t + tf;
      }
      return out.slice(-limit);
    });
  }

  async watch(request: WatchRequest, listener: MarketListener): Promise<MarketWatch> {
    this.assertOpen();
    const channels: MarketChannel[] = [...new Set<MarketChannel>(request.channels ?? ['candles'])];
    const bad = channels.find((c) => !MARKET_CHANNELS.includes(c));
    if (bad !== undefined) throw new KeelError('invalid_request', `unknown channel "${String(bad)}"; channels: ${MARKET_CHANNELS.join(', ')}`);
    const { symbol, timeframe } = await this.resolve(request.symbol, request.timeframe);
    this.assertOpen();
    const ex = await this.getExchange();
    const feeds = channels.map((channel) => this.feedFor(ex, channel, symbol, timeframe));
    for (const f of feeds) f.listeners.add(listener);
    this.refresh();
    return {
      symbol,
      timeframe,
      channels,
      stop: async () => {
        for (const f of feeds) {
          f.listeners.delete(listener);
          if (f.listeners.size === 0) await this.stopFeed(f);
        }
        this.refresh();
      },
    };
  }

  status(): SourceStatus {
    return this.current;
  }

  onStatus(listener: (s: SourceStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      for (const f of this.feeds.values()) {
        f.stopped = true;
        f.wake?.();
      }
      for (const wake of [...this.sleepers]) wake();
      if (this.checkTimer !== null) this.timers.clearTimeout(this.checkTimer);
      this.checkTimer = null;
      if (this.exchangePromise) {
        try {
          // Rejects every pending watch with ExchangeClosedByUser, which ends the loops.
          await (await this.exchangePromise).close();
        } catch (err) {
          this.log.warn('live', `closing ${this.id}: ${String(err)}`);
        }
      }
      await Promise.allSettled([...this.feeds.values()].map((f) => f.done));
      this.feeds.clear();
      this.setStatus('offline', 'closed');
    })();
    return this.closing;
  }

  // ---- markets and validation ----

  private getExchange(): Promise<CcxtExchange> {
    this.exchangePromise ??= this.factory(this.id).catch((err: unknown) => {
      this.exchangePromise = null;
      throw new KeelError('not_found', `cannot create the ${this.id} exchange: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.exchangePromise;
  }

  private loadMarkets(): Promise<Record<string, CcxtMarket>> {
    this.marketsPromise ??= this.withRetries('markets', async () => {
      const ex = await this.getExchange();
      // Reload: after a bad answer ccxt keeps the (empty) result and would hand it back without asking again.
      const markets = await ex.loadMarkets(true);
      if (!markets || typeof markets !== 'object' || Object.keys(markets).length === 0) throw new BadDataError('no markets in the answer');
      this.connected = true;
      return markets;
    }).catch((err: unknown) => {
      // Not cached: the next call asks again.
      this.marketsPromise = null;
      throw err;
    });
    return this.marketsPromise;
  }

  /** The symbol as the exchange lists it and a timeframe it serves, or UnknownMarketError with the valid ones. */
  private async resolve(rawSymbol: string, rawTimeframe: string): Promise<{ symbol: string; timeframe: Timeframe }> {
    const markets = await this.loadMarkets();
    const symbol = rawSymbol.trim().toUpperCase();
    if (!isSymbol(symbol) || !Object.hasOwn(markets, symbol)) {
      const valid = Object.keys(markets).filter(isSymbol).sort();
      throw new UnknownMarketError(this.id, 'symbol', rawSymbol, valid);
    }
    const timeframes = await this.timeframes();
    if (!isTimeframe(rawTimeframe) || !timeframes.includes(rawTimeframe)) {
      throw new UnknownMarketError(this.id, 'timeframe', rawTimeframe, timeframes);
    }
    return { symbol, timeframe: rawTimeframe };
  }

  // ---- streams ----

  private feedFor(ex: CcxtExchange, channel: MarketChannel, symbol: string, timeframe: Timeframe): Feed {
    const key = channel === 'candles' ? `candles ${symbol} ${timeframe}` : `${channel} ${symbol}`;
    const existing = this.feeds.get(key);
    if (existing) return existing;
    const transport = this.transport === 'auto' && ex.has[WATCH_METHOD[channel]] === true && typeof ex[WATCH_METHOD[channel]] === 'function' ? 'ws' : 'rest';
    const expected = transport === 'rest' ? this.pollMs : this.expected[channel] !== undefined ? this.expected[channel] : WS_EXPECTED[channel];
    const label = channel === 'candles' ? `${symbol} ${timeframe} candles` : channel === 'book' ? `${symbol} order book` : `${symbol} ${channel}`;
    const feed: Feed = {
      key,
      channel,
      symbol,
      timeframe,
      transport,
      listeners: new Set(),
      health: {
        label,
        failures: 0,
        failure: null,
        retryInMs: null,
        lastDataAt: this.timers.now(),
        staleAfterMs: expected === null ? null : expected * this.staleAfter,
        expectedEveryMs: expected,
      },
      stopped: false,
      wake: null,
      done: Promise.resolve(),
      series: { exchange: this.exchange, symbol, timeframe },
      tracker: new CandleTracker(timeframeMs(timeframe)),
      needsBackfill: channel === 'candles',
      seenTrades: new Set(),
      seenOrder: [],
      seeded: false,
    };
    this.feeds.set(key, feed);
    feed.done = this.runFeed(ex, feed).catch((err: unknown) => this.log.error('live', `${label} stopped by a bug`, err));
    this.log.info('live', `streaming ${label} from ${this.id} over ${transport === 'ws' ? 'websocket' : 'REST polling'}`);
    this.armChecker();
    return feed;
  }

  private async runFeed(ex: CcxtExchange, feed: Feed): Promise<void> {
    const step = this.stepFor(ex, feed);
    while (!feed.stopped && !this.closed) {
      try {
        await step();
        if (feed.transport === 'rest') await this.sleep(feed, this.pollMs);
      } catch (err) {
        if (feed.stopped || this.closed) break;
        const failure = classifyError(this.id, err, ex.last_response_headers);
        if (failure.kind === 'closed') break;
        // A stream that failed may have missed candles closing; whatever it delivers next comes after a backfill.
        if (feed.channel === 'candles' && feed.transport === 'ws') feed.needsBackfill = true;
        const wait = this.waitFor(feed.health.failures, failure);
        feed.health.failures++;
        feed.health.failure = failure;
        feed.health.retryInMs = wait;
        this.log.warn('live', `${feed.health.label}: ${failure.reason}; retry ${feed.health.failures} in ${wait} ms`);
        this.refresh();
        await this.sleep(feed, wait);
        // The retry runs until data arrives (a quiet trade stream can take a while): say so, not "in 0 ms".
        feed.health.retryInMs = 'now';
        this.refresh();
      }
    }
  }

  private stepFor(ex: CcxtExchange, feed: Feed): () => Promise<void> {
    const { symbol, timeframe, health } = feed;
    const ws = feed.transport === 'ws';
    switch (feed.channel) {
      case 'candles':
        return async () => {
          if (feed.needsBackfill) await this.backfill(ex, feed, null);
          const rows = ws ? await ex.watchOHLCV!(symbol, timeframe) : await ex.fetchOHLCV(symbol, timeframe, undefined, 3);
          const candles = toCandles(rows, health.label);
          this.delivered(feed);
          let result = feed.tracker.apply(candles);
          if (result.gapFrom !== null) {
            await this.backfill(ex, feed, result.gapFrom);
            result = feed.tracker.apply(candles, true);
          }
          for (const u of result.updates) this.emitCandle(feed, u.candle, u.closed, true);
        };
      case 'trades':
        return async () => {
          const trades = toTrades(ws ? await ex.watchTrades!(symbol) : await ex.fetchTrades(symbol, undefined, 100), health.label);
          this.delivered(feed);
          const fresh = trades.filter((t) => !feed.seenTrades.has(t.id)).sort((a, b) => a.t - b.t);
          for (const t of fresh) {
            feed.seenTrades.add(t.id);
            feed.seenOrder.push(t.id);
          }
          while (feed.seenOrder.length > SEEN_TRADES) feed.seenTrades.delete(feed.seenOrder.shift()!);
          // A first REST poll returns trades from before the watch began: they are history, not news.
          const seeding = !ws && !feed.seeded;
          feed.seeded = true;
          if (fresh.length > 0 && !seeding) this.notify(feed, (l) => l.onTrades?.(symbol, fresh));
        };
      case 'ticker':
        return async () => {
          const ticker = toTicker(symbol, ws ? await ex.watchTicker!(symbol) : await ex.fetchTicker(symbol), Date.now(), health.label);
          this.delivered(feed);
          this.notify(feed, (l) => l.onTicker?.(ticker));
        };
      case 'book':
        return async () => {
          const raw = ws ? await ex.watchOrderBook!(symbol) : await ex.fetchOrderBook(symbol, this.bookDepth);
          const book = toBook(symbol, raw, this.bookDepth, Date.now(), health.label);
          this.delivered(feed);
          this.notify(feed, (l) => l.onBook?.(book));
        };
    }
  }

  /**
   * Fetches the closed candles the journal is missing, from `from` (a gap the stream saw), else after the
   * last candle known final, else after the last stored one, else the last `historyCandles`. Upserts them
   * (so running it twice changes nothing) and, except on the first sync, tells listeners, oldest first.
   */
  private async backfill(ex: CcxtExchange, feed: Feed, from: number | null): Promise<void> {
    const tf = timeframeMs(feed.timeframe);
    const now = await this.exchangeNow(ex);
    const first = feed.tracker.lastClosedT === null && from === null;
    let known = from ?? (feed.tracker.lastClosedT !== null ? feed.tracker.lastClosedT + tf : null);
    if (known === null && this.store) {
      const last = this.store.read(feed.series, { limit: 1 })[0];
      if (last) known = last.t + tf;
    }
    let since: number = known ?? Math.floor(now / tf) * tf - this.historyCandles * tf;
    const oldest = Math.floor(now / tf) * tf - this.maxBackfill * tf;
    if (since < oldest) {
      this.log.warn('live', `${feed.health.label}: the gap since ${new Date(since).toISOString()} is longer than ${this.maxBackfill} candles; filling only the last ${this.maxBackfill}`);
      since = oldest;
    }
    let written = 0;
    const start = since;
    while (since + tf <= now && written < this.maxBackfill) {
      const page = toCandles(await ex.fetchOHLCV(feed.symbol, feed.timeframe, since, REST_PAGE), `${feed.health.label} backfill`);
      const after = since;
      const closed: Candle[] = page.filter((c) => c.t >= after && c.t + tf <= now);
      if (closed.length === 0) break;
      this.store?.upsert(feed.series, closed);
      feed.tracker.closedThrough(closed.at(-1)!.t);
      if (!first) for (const c of closed) this.emitCandle(feed, c, true, false);
      written += closed.length;
      since = closed.at(-1)!.t + tf;
    }
    feed.needsBackfill = false;
    if (written > 0) this.log.info('live', `${feed.health.label}: ${first ? 'synced' : 'backfilled'} ${written} closed candles from ${new Date(start).toISOString()}`);
  }

  private emitCandle(feed: Feed, candle: Candle, closed: boolean, store: boolean): void {
    if (closed && store && this.store) {
      try {
        this.store.upsert(feed.series, [candle]);
      } catch (err) {
        this.log.error('live', `${feed.health.label}: could not store the candle at ${new Date(candle.t).toISOString()}`, err);
      }
    }
    const update = { series: feed.series, candle, closed };
    this.notify(feed, (l) => l.onCandle?.(update));
  }

  private notify(feed: Feed, call: (l: MarketListener) => void): void {
    for (const l of feed.listeners) {
      try {
        call(l);
      } catch (err) {
        // A listener's bug must not stop the stream for everyone else.
        this.log.error('live', `a listener of ${feed.health.label} threw`, err);
      }
    }
  }

  /** Data arrived: the stream is healthy again. */
  private delivered(feed: Feed): void {
    const h = feed.health;
    h.lastDataAt = this.timers.now();
    if (h.failure !== null) {
      this.log.info('live', `${h.label}: recovered after ${h.failures} failures`);
      h.failures = 0;
      h.failure = null;
      h.retryInMs = null;
    }
    this.clearGivenUp();
    this.refresh();
  }

  private async stopFeed(feed: Feed): Promise<void> {
    if (feed.stopped) return;
    feed.stopped = true;
    feed.wake?.();
    this.feeds.delete(feed.key);
    if (feed.transport !== 'ws' || !this.exchangePromise) return;
    // ccxt keeps a websocket subscription until told otherwise; where it can unsubscribe, do.
    const ex = (await this.exchangePromise) as CcxtExchange & Record<string, unknown>;
    const unwatch = { candles: 'unWatchOHLCV', trades: 'unWatchTrades', ticker: 'unWatchTicker', book: 'unWatchOrderBook' }[feed.channel];
    const fn = ex[unwatch];
    if (ex.has[unwatch] === true && typeof fn === 'function') {
      const args = feed.channel === 'candles' ? [feed.symbol, feed.timeframe] : [feed.symbol];
      try {
        await (fn as (...a: unknown[]) => Promise<unknown>).apply(ex, args);
      } catch (err) {
        this.log.debug('live', `${unwatch} ${feed.symbol}: ${String(err)}`);
      }
    }
  }

  // ---- one-shot requests, waiting, status ----

  /** Runs `fn`, retrying failures with backoff up to offlineAfterFailures tries; then gives up with the reason. */
  private async withRetries<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const health: FeedHealth = { label, failures: 0, failure: null, retryInMs: null, lastDataAt: this.timers.now(), staleAfterMs: null, expectedEveryMs: null };
    this.requests.set(label, health);
    for (;;) {
      try {
        const result = await fn();
        this.requests.delete(label);
        this.clearGivenUp();
        this.refresh();
        return result;
      } catch (err) {
        if (err instanceof KeelError) {
          this.requests.delete(label);
          throw err;
        }
        this.assertOpen();
        const failure = classifyError(this.id, err, this.exchangePromise ? (await this.exchangePromise).last_response_headers : undefined);
        health.failures++;
        health.failure = failure;
        const giveUp = health.failures >= this.offlineAfter || failure.kind === 'rejected';
        health.retryInMs = giveUp ? null : this.waitFor(health.failures - 1, failure);
        this.log.warn('live', `${label}: ${failure.reason}${giveUp ? '; giving up' : `; retry in ${health.retryInMs} ms`}`);
        this.refresh();
        if (giveUp) throw new KeelError('conflict', `${label} from ${this.id} failed: ${failure.reason}`);
        await this.sleep(null, health.retryInMs as number);
        this.assertOpen();
      }
    }
  }

  /** A success anywhere shows the exchange answers again: forget requests that gave up. */
  private clearGivenUp(): void {
    for (const [k, h] of this.requests) if (h.failure !== null && h.retryInMs === null) this.requests.delete(k);
  }

  private waitFor(attempt: number, failure: Failure): number {
    // Retrying a refused request soon will not help; waiting out a rate limit is the rule of the house.
    const backoff = failure.kind === 'rejected' ? this.backoff.maxMs : backoffDelay(attempt, this.backoff, this.random);
    return Math.max(backoff, failure.retryAfterMs ?? 0);
  }

  private sleep(feed: Feed | null, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.timers.clearTimeout(handle);
        this.sleepers.delete(wake);
        if (feed) feed.wake = null;
        resolve();
      };
      const handle = this.timers.setTimeout(wake, ms);
      this.sleepers.add(wake);
      if (feed) feed.wake = wake;
    });
  }

  private async exchangeNow(ex: CcxtExchange): Promise<number> {
    // The exchange's clock decides which candles are closed; ours may be off (or, in tests, years away).
    if (ex.has.fetchTime === true) {
      const t = await ex.fetchTime();
      if (typeof t === 'number' && Number.isFinite(t)) return t;
      throw new BadDataError(`${this.id} sent no server time`);
    }
    return Date.now();
  }

  private armChecker(): void {
    if (this.checkTimer !== null || this.closed || this.feeds.size === 0) return;
    const thresholds = [...this.feeds.values()].map((f) => f.health.staleAfterMs).filter((v): v is number => v !== null);
    const every = Math.min(1_000, Math.max(10, Math.min(...thresholds, 4_000) / 4));
    this.checkTimer = this.timers.setTimeout(() => {
      this.checkTimer = null;
      this.refresh();
      this.armChecker();
    }, every);
  }

  private refresh(): void {
    if (this.closed) return;
    const all = [...this.feeds.values()].map((f) => f.health).concat([...this.requests.values()]);
    const s = summarize(this.id, all, this.timers.now(), this.offlineAfter, this.liveReason());
    if (s.status === 'live' && !this.connected) this.setStatus('offline', `not connected to ${this.id} yet`);
    else this.setStatus(s.status, s.reason);
  }

  private liveReason(): string {
    if (this.feeds.size === 0) return `connected to ${this.id}; nothing streaming`;
    const labels = [...this.feeds.values()].map((f) => f.health.label);
    const ws = [...this.feeds.values()].some((f) => f.transport === 'ws');
    const rest = [...this.feeds.values()].some((f) => f.transport === 'rest');
    const how = ws && rest ? 'websocket and REST polling' : ws ? 'websocket' : `REST polling every ${(this.pollMs / 1000).toFixed(1)}s`;
    return `streaming ${labels.join(', ')} from ${this.id} over ${how}`;
  }

  private setStatus(status: SourceStatus['status'], reason: string): void {
    if (status === this.current.status && reason === this.current.reason) return;
    this.current = { status, reason, since: Date.now() };
    for (const l of this.statusListeners) {
      try {
        l(this.current);
      } catch (err) {
        this.log.error('live', 'a status listener threw', err);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new KeelError('conflict', `the ${this.id} live source is closed`);
  }
}
