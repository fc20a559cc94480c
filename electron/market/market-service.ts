// The market data engine (cf. NautilusTrader's DataEngine): owns the active source (a live exchange, the
// simulated market or a replay) and the selected market (symbol and timeframe), and is the one place
// where a source's callbacks become bus events: market.candle (stamped with the source), market.status
// (the source's health and reason, never hidden), and the throttled market.trades, market.ticker,
// market.book and market.watchlist.
// Series strategies run on beside the selected market are streamed from the active source and published
// the same way (series-follows.ts).
//
// Start-up (mode, from KEEL_MARKET or createKeel's option):
// - auto (default): probe the network (DNS + TCP to Binance, 1.5 s at most) after the app is up; reachable
//   → live BTC/USDT 1m on Binance, else (or if live then fails) the simulated market, with the reason in
//   the status. Nothing waits on the probe; until it answers the status says "choosing a market source".
//   A user's market.select during the probe wins: the probe's answer is then ignored.
// - live / simulated: that source, no probe. live without a network shows offline with the reason.
// - none: no source until market.select (tests and CI use this or simulated to stay off the network).
//
// A replay started with replay.start becomes the active source; replay.stop goes back to the market that
// was active before it. One source streams at a time, so the paper broker never gets two prices at once.
import { KeelError, type ReplayState } from '../../shared/contract/index.ts';
import type { MarketSelection, MarketSourceKind, MarketStatus } from '../../shared/contract/market-schemas.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';
import type { Timeframe } from '../../shared/domain/timeframe.ts';
import { didYouMeanSymbol } from '../../shared/domain/symbol-guess.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { backfillGaps, type BackfillResult } from './candles/backfill.ts';
import { findSeriesGaps, type Gap } from './candles/gaps.ts';
import { candleEvents } from './candle-events.ts';
import { MarketThrottle, type ThrottleOptions } from './market-throttle.ts';
import { MARKET_CHANNELS, UnknownMarketError, type BookSnapshot, type MarketInfo, type MarketListener, type MarketSource, type MarketWatch, type SourceStatus, type Ticker, type Trade } from './market-source.ts';
import type { NetworkProbe, ProbeResult } from './network-probe.ts';
import type { ReplayService, ReplayStartOptions } from './replay/replay-service.ts';
import { SeriesFollows, type SeriesFollow } from './series-follows.ts';
import type { SimulatedSource } from './simulated/simulated-source.ts';
import { SIMULATED_EXCHANGE } from './simulated/simulated-source.ts';
import type { WatchlistStore } from './watchlist-settings.ts';

export type MarketMode = 'auto' | 'live' | 'simulated' | 'none';
export const MARKET_MODES: readonly MarketMode[] = ['auto', 'live', 'simulated', 'none'];

/** The exchanges offered for live data. market.select takes any ccxt id; these are the ones Keel is tested with. */
export const LIVE_EXCHANGES: readonly string[] = ['binance'];

export interface MarketServiceOptions {
  bus: EventBus;
  store: CandleStore;
  replay: ReplayService;
  log: Logger;
  mode: MarketMode;
  createSimulated: () => SimulatedSource;
  createLive: (exchange: string) => MarketSource;
  /** Asked once in auto mode. */
  probe: NetworkProbe;
  watchlist: WatchlistStore;
  /** The market auto and live modes open: binance BTC/USDT 1m. */
  liveDefault?: { exchange: string; symbol: string; timeframe: Timeframe };
  /** The market simulated mode (and auto without a network) opens: BTC/USDT 1m. */
  simulatedDefault?: { symbol: string; timeframe: Timeframe };
  throttle?: ThrottleOptions;
}

interface Active {
  selection: MarketSelection;
  source: MarketSource;
  /** The main stream (null for a replay, which is heard through subscribe()). */
  watch: MarketWatch | null;
  unsubscribe: () => void;
  watchlist: MarketWatch[];
  /** Said after the source's own reason, e.g. why the simulated market was chosen at start-up. */
  note: string;
}

export class MarketService {
  readonly #o: MarketServiceOptions;
  readonly #bus: EventBus;
  readonly #log: Logger;
  readonly #replay: ReplayService;
  readonly #throttle: MarketThrottle;
  /** Series strategies run on beside the selected market (series-follows.ts). */
  readonly #follows: SeriesFollows;
  readonly #live = new Map<string, MarketSource>();
  #simulated: SimulatedSource | null = null;
  #active: Active | null = null;
  /** What was active when a replay started: replay.stop returns to it. */
  #beforeReplay: MarketSelection | null = null;
  /** Bumped by every selection request; an older request that finishes late gives way. */
  #requests = 0;
  #status: MarketStatus;
  #watchlist: string[];
  #probe: ProbeResult | null = null;
  #started: Promise<void> | null = null;
  #closed = false;

  constructor(options: MarketServiceOptions) {
    this.#o = options;
    this.#bus = options.bus;
    this.#log = options.log;
    this.#replay = options.replay;
    this.#throttle = new MarketThrottle(options.bus, options.throttle);
    this.#follows = new SeriesFollows({ bus: options.bus, log: options.log });
    this.#watchlist = options.watchlist.load();
    this.#throttle.setWatchlist(this.#watchlist);
    this.#status = blankStatus('offline', options.mode === 'none' ? 'no market source (KEEL_MARKET=none); choose one with market.select' : 'starting');
  }

  get mode(): MarketMode {
    return this.#o.mode;
  }

  /** Opens the start-up market (see the header). Resolves when chosen; never rejects. */
  start(): Promise<void> {
    this.#started ??= this.#start().catch((err: unknown) => this.#log.error('market', 'choosing the start-up market failed', err));
    return this.#started;
  }

  async #start(): Promise<void> {
    const mode = this.#o.mode;
    if (mode === 'none') return;
    const live = { source: 'live' as const, ...(this.#o.liveDefault ?? { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' as const }) };
    const simulated = { source: 'simulated' as const, exchange: SIMULATED_EXCHANGE, ...(this.#o.simulatedDefault ?? { symbol: 'BTC/USDT', timeframe: '1m' as const }) };
    const connecting = `connecting to ${live.exchange} for ${live.symbol} ${live.timeframe}`;
    if (mode === 'simulated') return void (await this.#startWith(simulated, ''));
    if (mode === 'live') {
      this.#setStatus({ ...blankStatus('offline', connecting), source: 'live', exchange: live.exchange, symbol: live.symbol, timeframe: live.timeframe });
      const outcome = await this.#startWith(live, '');
      if (outcome.error !== null && !outcome.superseded) {
        this.#setStatus({ ...blankStatus('offline', `live ${live.exchange} unavailable: ${outcome.error}`), source: 'live', exchange: live.exchange, symbol: live.symbol, timeframe: live.timeframe });
      }
      return;
    }
    const asked = this.#requests;
    this.#setStatus(blankStatus('offline', 'choosing a market source: checking the network'));
    const probe = (this.#probe = await this.#o.probe());
    if (this.#requests !== asked || this.#closed) return; // the user chose meanwhile
    let why: string;
    if (probe.ok) {
      this.#log.info('market', `network: ${probe.reason}; opening live ${live.exchange} ${live.symbol} ${live.timeframe}`);
      this.#setStatus(blankStatus('offline', connecting));
      const outcome = await this.#startWith(live, '');
      if (outcome.error === null || outcome.superseded) return;
      why = `live ${live.exchange} failed (${outcome.error})`;
    } else why = `there is no network (${probe.reason})`;
    this.#log.info('market', `opening the simulated market: ${why}`);
    await this.#startWith(simulated, `chosen at start-up because ${why}`);
  }

  /** select() for start-up; `superseded` when a user's selection came first (the error is then moot). */
  async #startWith(selection: MarketSelection, note: string): Promise<{ error: string | null; superseded: boolean }> {
    const id = this.#requests + 1;
    try {
      await this.select(selection, note);
      return { error: null, superseded: false };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const superseded = this.#requests !== id || this.#closed;
      if (!superseded) this.#log.warn('market', `start-up market ${selection.source} ${selection.exchange} ${selection.symbol} ${selection.timeframe}: ${message}`);
      return { error: message, superseded };
    }
  }

  // ---- selecting ----

  /**
   * Makes `request` the active market. The new stream is opened first; only when it is (symbol and
   * timeframe valid, markets loaded) is the old one stopped, so a refused selection changes nothing.
   */
  async select(request: { source: MarketSourceKind; exchange?: string | undefined; symbol: string; timeframe: Timeframe }, note = ''): Promise<MarketStatus> {
    this.#assertOpen();
    const id = ++this.#requests;
    if (request.source === 'replay') {
      this.startReplay(this.#storedSeries(request.symbol, request.timeframe, request.exchange), { speed: 60, history: 500 });
      return this.status();
    }
    const exchange = request.source === 'simulated' ? SIMULATED_EXCHANGE : (request.exchange ?? 'binance');
    const source = request.source === 'simulated' ? this.#simulatedSource() : this.#liveSource(exchange);
    const entry = this.#entry({ source: request.source, exchange, symbol: request.symbol, timeframe: request.timeframe }, source, note);
    // Refuses an unknown symbol or timeframe (UnknownMarketError lists the valid ones) before anything changes.
    const watch = await source.watch({ symbol: request.symbol, timeframe: request.timeframe, channels: MARKET_CHANNELS }, this.#listener(entry));
    if (id !== this.#requests || this.#closed) {
      await watch.stop();
      throw new KeelError('conflict', 'a later market selection replaced this one');
    }
    entry.watch = watch;
    entry.selection.symbol = watch.symbol;
    this.#beforeReplay = null;
    await this.#switchTo(entry);
    return this.status();
  }

  /** replay.start: plays a stored series and makes the replay the active source. */
  startReplay(series: SeriesKey, options: ReplayStartOptions): ReplayState {
    this.#assertOpen();
    this.#requests++;
    const state = this.#replay.start(series, options);
    if (this.#active?.selection.source !== 'replay') this.#beforeReplay = this.#active?.selection ?? null;
    const entry = this.#entry({ source: 'replay', exchange: series.exchange, symbol: series.symbol, timeframe: series.timeframe }, this.#replay, '');
    entry.unsubscribe = this.#replay.subscribe(this.#listener(entry));
    void this.#switchTo(entry);
    return state;
  }

  /** replay.stop: stops the replay and goes back to the market that was active before it. */
  stopReplay(): ReplayState {
    const replaying = this.#active?.selection.source === 'replay';
    const state = this.#replay.stop();
    if (!replaying || this.#closed) return state;
    const previous = this.#beforeReplay;
    this.#beforeReplay = null;
    void this.#deactivate().then(async () => {
      if (previous === null) return this.#setStatus(blankStatus('offline', 'no market source: the replay stopped; choose one with market.select'));
      try {
        await this.select(previous);
      } catch (err) {
        this.#setStatus(blankStatus('offline', `could not return to ${previous.source} ${previous.exchange} ${previous.symbol}: ${err instanceof Error ? err.message : String(err)}`));
      }
    });
    return state;
  }

  #entry(selection: MarketSelection, source: MarketSource, note: string): Active {
    return { selection, source, watch: null, unsubscribe: () => {}, watchlist: [], note };
  }

  /**
   * Makes `entry` active at once (from here on only its events pass), then stops the old streams and
   * opens the watchlist's in the background of the caller's await.
   */
  async #switchTo(entry: Active): Promise<void> {
    const old = this.#active;
    this.#active = entry;
    const { selection } = entry;
    this.#throttle.setOrigin({ source: selection.source, exchange: selection.exchange, symbol: selection.symbol });
    const onStatus = (s: SourceStatus) => {
      if (this.#active === entry) this.#setStatus(this.#statusOf(entry, s));
    };
    const offStatus = entry.source.onStatus(onStatus);
    const offStreams = entry.unsubscribe;
    entry.unsubscribe = () => {
      offStreams();
      offStatus();
    };
    onStatus(entry.source.status());
    // "binance (live)", "local (replay)"; the simulated market is its own source ("simulated", not "simulated simulated").
    const where = selection.source === selection.exchange ? selection.source : `${selection.exchange} (${selection.source})`;
    this.#log.info('market', `active market: ${where} ${selection.symbol} ${selection.timeframe}`);
    await Promise.all([old === null ? undefined : this.#stopStreams(old, entry), this.#watchWatchlist(entry), this.#follows.retarget({ selection, source: entry.source })]);
  }

  /** Stops the active market's streams (and a replay): nothing is active after. */
  async #deactivate(): Promise<void> {
    const old = this.#active;
    if (old === null) return;
    this.#active = null;
    this.#throttle.setOrigin(null);
    await Promise.all([this.#stopStreams(old, null), this.#follows.retarget(null)]);
  }

  async #stopStreams(old: Active, next: Active | null): Promise<void> {
    old.unsubscribe();
    const watches = [old.watch, ...old.watchlist.splice(0)].filter((w): w is MarketWatch => w !== null);
    const results = await Promise.allSettled(watches.map((w) => w.stop()));
    for (const r of results) if (r.status === 'rejected') this.#log.warn('market', `stopping a stream: ${String(r.reason)}`);
    // Another market replaces a replay: the replay ends (a new replay.start replaces it by itself).
    if (old.source === this.#replay && next?.source !== this.#replay) this.#replay.stop();
  }

  /** Tickers for the watchlist's symbols (the selected one comes with the main stream). */
  async #watchWatchlist(entry: Active): Promise<void> {
    let served: Set<string>;
    try {
      served = new Set((await entry.source.markets()).map((m) => m.symbol));
    } catch (err) {
      this.#log.warn('market', `the watchlist cannot tell which symbols ${entry.selection.exchange} serves: ${String(err)}`);
      return;
    }
    if (this.#active !== entry) return;
    this.#throttle.setServed(served);
    // A replay plays one series: the others have no price to show.
    if (entry.source === this.#replay) return;
    const others = this.#watchlist.filter((s) => served.has(s) && s !== entry.selection.symbol);
    const listener: MarketListener = { onTicker: (t) => this.#active === entry && this.#throttle.ticker(t) };
    const watches = await Promise.allSettled(others.map((symbol) => entry.source.watch({ symbol, timeframe: entry.selection.timeframe, channels: ['ticker'] }, listener)));
    for (const w of watches) {
      if (w.status === 'fulfilled') {
        if (this.#active === entry) entry.watchlist.push(w.value);
        else await w.value.stop();
      } else this.#log.warn('market', `watchlist ticker: ${String(w.reason)}`);
    }
  }

  #listener(entry: Active): MarketListener {
    const candles = candleEvents(this.#bus, entry.selection.source);
    return {
      onCandle: (u) => {
        if (this.#active === entry) candles.onCandle(u);
      },
      onTrades: (_symbol, trades) => {
        if (this.#active === entry) this.#throttle.trades(trades);
      },
      onTicker: (t) => {
        if (this.#active === entry) this.#throttle.ticker(t);
      },
      onBook: (b) => {
        if (this.#active === entry) this.#throttle.book(b);
      },
    };
  }

  // ---- series for strategies ----

  /**
   * A series of the active source for a strategy: the selected market when `request` is not given, else
   * that symbol and timeframe, refused (not_found, with the valid ones) when the source does not serve it.
   * A replay plays one series, so it is the only one a strategy can run on while a replay is active.
   */
  async strategySeries(request?: { symbol: string; timeframe: Timeframe }): Promise<MarketSelection> {
    const active = this.#active;
    if (active === null) throw new KeelError('conflict', 'no market is active; choose one (or start a replay) before starting a strategy');
    const selection = active.selection;
    if (request === undefined || (request.symbol === selection.symbol && request.timeframe === selection.timeframe)) return { ...selection };
    if (selection.source === 'replay') {
      throw new KeelError('conflict', `a replay plays one series (${selection.exchange} ${selection.symbol} ${selection.timeframe}); a strategy can run on it, not on ${request.symbol} ${request.timeframe}`);
    }
    const [markets, timeframes] = await Promise.all([active.source.markets(), active.source.timeframes()]);
    const symbols = markets.map((m) => m.symbol);
    if (!symbols.includes(request.symbol)) throw new UnknownMarketError(selection.exchange, 'symbol', request.symbol, symbols);
    if (!timeframes.includes(request.timeframe)) throw new UnknownMarketError(selection.exchange, 'timeframe', request.timeframe, timeframes);
    return { source: selection.source, exchange: selection.exchange, symbol: request.symbol, timeframe: request.timeframe };
  }

  /**
   * The last `limit` closed candles of a strategy's series, oldest first, for its indicators' warm-up: from
   * the active source (a replay's only up to its clock, a live exchange's and the simulated market's up to
   * now). Null while the series' source is not the active one: the strategy waits for it anyway.
   */
  async strategyHistory(selection: MarketSelection, limit: number): Promise<Candle[] | null> {
    const active = this.#active;
    if (active === null || active.selection.source !== selection.source || active.selection.exchange !== selection.exchange) return null;
    return active.source.history({ symbol: selection.symbol, timeframe: selection.timeframe, limit });
  }

  /**
   * The last `limit` closed candles of a strategy's series that open before `t`, oldest first, for the
   * warm-up of a strategy whose replay started over from `t`. Read synchronously from the journal the
   * replay plays, as the strategy hears the bar at t: it must warm up before it acts on that bar. Only a
   * replay goes back in time; for any other source, none.
   */
  strategyBarsBefore(selection: MarketSelection, t: number, limit: number): Candle[] {
    if (selection.source !== 'replay' || limit <= 0) return [];
    // Open times are whole milliseconds and the journal's bounds inclusive: t - 1 is strictly before t.
    return this.#o.store.read({ exchange: selection.exchange, symbol: selection.symbol, timeframe: selection.timeframe }, { to: t - 1, limit });
  }

  /** Streams `selection`'s candles as market.candle events while its source is active (series-follows.ts). */
  followSeries(selection: MarketSelection): SeriesFollow {
    return this.#follows.follow(selection);
  }

  // ---- reading ----

  status(): MarketStatus {
    return this.#status;
  }

  selection(): MarketSelection | null {
    return this.#active ? { ...this.#active.selection } : null;
  }

  sources() {
    const stored = [...new Set(this.#o.store.listSeries().map((s) => s.exchange))];
    const probe = this.#probe;
    return {
      mode: this.#o.mode,
      active: this.selection(),
      sources: [
        {
          source: 'live' as const,
          exchanges: [...LIVE_EXCHANGES],
          available: probe === null || probe.ok,
          note: probe !== null && !probe.ok ? `at start-up: ${probe.reason}` : 'public market data through ccxt; no API keys needed',
        },
        { source: 'simulated' as const, exchanges: [SIMULATED_EXCHANGE], available: true, note: 'a generated market (BTC/USDT, ETH/USDT, SOL/USDT); works without a network' },
        { source: 'replay' as const, exchanges: stored, available: stored.length > 0, note: stored.length > 0 ? 'stored candles played forward' : 'no stored candles: import some with keel import' },
      ],
    };
  }

  /** The markets and timeframes a source serves (default: the active one's). */
  async markets(request: { source?: MarketSourceKind | undefined; exchange?: string | undefined }): Promise<{ source: MarketSourceKind; exchange: string; markets: MarketInfo[]; timeframes: Timeframe[] }> {
    const kind = request.source ?? this.#active?.selection.source ?? 'simulated';
    const source = kind === 'replay' ? this.#replay : kind === 'simulated' ? this.#simulatedSource() : this.#liveSource(request.exchange ?? (this.#active?.selection.source === 'live' ? this.#active.selection.exchange : 'binance'));
    const [markets, timeframes] = await Promise.all([source.markets(), source.timeframes()]);
    return { source: kind, exchange: source.exchange, markets: [...markets], timeframes: [...timeframes] };
  }

  /** Candles for market.candles: the journal's, or for the 'simulated' exchange the simulated market's. */
  async candles(series: SeriesKey, range: { from?: number | undefined; to?: number | undefined; limit: number }): Promise<Candle[]> {
    if (series.exchange !== SIMULATED_EXCHANGE) return this.#o.store.read(series, range);
    try {
      return await this.#simulatedSource().history({ symbol: series.symbol, timeframe: series.timeframe, from: range.from, to: range.to, limit: range.limit });
    } catch (err) {
      // The chart asks for what the simulated market does not have (a symbol it does not list): no candles.
      if (err instanceof KeelError && err.code === 'not_found') return [];
      throw err;
    }
  }

  ticker(): { source: MarketSourceKind | null; exchange: string | null; ticker: Ticker | null } {
    const o = this.#throttle.origin;
    return { source: o?.source ?? null, exchange: o?.exchange ?? null, ticker: this.#throttle.latestTicker() };
  }

  book(): { source: MarketSourceKind | null; exchange: string | null; book: BookSnapshot | null } {
    const o = this.#throttle.origin;
    return { source: o?.source ?? null, exchange: o?.exchange ?? null, book: this.#throttle.latestBook() };
  }

  trades(limit: number): { source: MarketSourceKind | null; exchange: string | null; symbol: string | null; trades: Trade[] } {
    const o = this.#throttle.origin;
    return { source: o?.source ?? null, exchange: o?.exchange ?? null, symbol: o?.symbol ?? null, trades: this.#throttle.recentTrades(limit) };
  }

  watchlist() {
    return this.#throttle.watchlist();
  }

  /** Replaces the watchlist (kept in the journal) and follows the new symbols on the active source. */
  async setWatchlist(symbols: readonly string[]) {
    this.#watchlist = [...new Set(symbols)];
    this.#o.watchlist.save(this.#watchlist);
    this.#throttle.setWatchlist(this.#watchlist);
    const entry = this.#active;
    if (entry) {
      const old = entry.watchlist.splice(0);
      await Promise.allSettled(old.map((w) => w.stop()));
      if (this.#active === entry) await this.#watchWatchlist(entry);
    }
    return this.watchlist();
  }

  gaps(series: SeriesKey, range: { from?: number | undefined; to?: number | undefined }): Gap[] {
    return findSeriesGaps(this.#o.store, series, range);
  }

  /** Fills a stored series' gaps from the live exchange it is stored under. */
  async backfill(series: SeriesKey, range: { from?: number | undefined; to?: number | undefined }): Promise<BackfillResult> {
    if (series.exchange === SIMULATED_EXCHANGE || series.exchange === 'local') {
      throw new KeelError('conflict', `${series.exchange}:${series.symbol}:${series.timeframe} is not stored under an exchange Keel can ask; backfill needs the exchange's id (import with --exchange binance)`);
    }
    return backfillGaps(this.#o.store, this.#liveSource(series.exchange), series, range);
  }

  /** Stops every stream and closes every source (the journal closes after this). Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#requests++;
    await this.#deactivate();
    await this.#follows.close();
    this.#throttle.close();
    this.#replay.stop();
    await Promise.allSettled([...this.#live.values(), ...(this.#simulated ? [this.#simulated] : [])].map((s) => s.close()));
    this.#live.clear();
  }

  // ---- internals ----

  #statusOf(entry: Active, s: SourceStatus): MarketStatus {
    const { selection } = entry;
    return { source: selection.source, exchange: selection.exchange, symbol: selection.symbol, timeframe: selection.timeframe, status: s.status, reason: entry.note ? `${s.reason}; ${entry.note}` : s.reason, since: s.since };
  }

  #setStatus(next: MarketStatus): void {
    const c = this.#status;
    if (c.status === next.status && c.reason === next.reason && c.source === next.source && c.exchange === next.exchange && c.symbol === next.symbol && c.timeframe === next.timeframe) return;
    this.#status = next;
    this.#bus.emit('market.status', next);
  }

  #simulatedSource(): SimulatedSource {
    this.#simulated ??= this.#o.createSimulated();
    return this.#simulated;
  }

  #liveSource(exchange: string): MarketSource {
    let source = this.#live.get(exchange);
    if (!source) {
      source = this.#o.createLive(exchange);
      this.#live.set(exchange, source);
    }
    return source;
  }

  /** The stored series a replay selection names; without an exchange, the only one that has it. */
  #storedSeries(symbol: string, timeframe: Timeframe, exchange: string | undefined): SeriesKey {
    const stored = this.#o.store.listSeries().filter((s) => s.symbol === symbol && s.timeframe === timeframe && (exchange === undefined || s.exchange === exchange));
    if (stored.length === 0) {
      const series = this.#o.store.listSeries();
      const have = series.map((s) => `${s.exchange}:${s.symbol}:${s.timeframe}`);
      throw new KeelError('not_found', `no stored candles for ${exchange ?? '(any exchange)'}:${symbol}:${timeframe}${didYouMeanSymbol(symbol, series.map((s) => s.symbol))}; stored series: ${have.join(', ') || 'none (import some with keel import)'}`);
    }
    if (stored.length > 1) throw new KeelError('conflict', `${symbol} ${timeframe} is stored for several exchanges (${stored.map((s) => s.exchange).join(', ')}); give the exchange`);
    return { exchange: stored[0]!.exchange, symbol, timeframe };
  }

  #assertOpen(): void {
    if (this.#closed) throw new KeelError('conflict', 'the market service is closed');
  }
}

function blankStatus(status: MarketStatus['status'], reason: string): MarketStatus {
  return { source: null, exchange: null, symbol: null, timeframe: null, status, reason, since: Date.now() };
}
