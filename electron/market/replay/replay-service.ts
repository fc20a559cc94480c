// Replay: stored candles played forward as a live market, and a MarketSource (kind 'replay') like the live
// and simulated ones. Each candle is streamed as the four ticks of its intrabar path (open, nearer extreme,
// farther extreme, close), so the chart forms candles the way a live feed does and the paper broker sees
// the same path. Each tick (its trade on the tape, and the replay's clock) is stamped at its point's time
// in the candle (open, a third, two thirds, close: pathPointTime), the time the paper fills it causes get.
// The sequence of events depends only on the data, never on timing: when the timer falls behind, the due
// ticks are sent in one burst, none skipped.
//
// Candles, ticks (as trades) and a ticker go to listeners (MarketListener), not to the bus: the market
// service turns them into market.* events like any source's. The replay's own controls (start, pause,
// resume, speed, stop) stay here and publish replay.state. As a source, its status follows the replay:
// playing → live, paused → delayed, idle or finished → offline, each with the reason.
import { KeelError, type ReplayState } from '../../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../../shared/domain/candle.ts';
import { seriesLabel } from '../../../shared/domain/candle.ts';
import { intrabarPath, pathPointTime } from '../../../shared/domain/intrabar-path.ts';
import { isTimeframe, TIMEFRAME_NAMES, timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import type { EventBus } from '../../app/event-bus.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import {
  MARKET_CHANNELS,
  UnknownMarketError,
  type CandleUpdate,
  type HistoryRequest,
  type MarketChannel,
  type MarketInfo,
  type MarketListener,
  type MarketSource,
  type MarketWatch,
  type SourceStatus,
  type Ticker,
  type WatchRequest,
} from '../market-source.ts';
import { systemTimers, type Timers } from './timers.ts';

const TICKS_PER_CANDLE = 4;
const DAY_MS = 86_400_000;
/** What a replay can stream: a stored candle has no order book. */
const REPLAY_CHANNELS: readonly MarketChannel[] = ['candles', 'trades', 'ticker'];

export interface ReplayStartOptions {
  /** Market seconds per wall-clock second (1 to 1000). */
  speed: number;
  /** Open time to start playing from; earlier candles are history. Default: after `history` candles. */
  from?: number | undefined;
  /** How many candles count as history when `from` is not given. */
  history: number;
}

export class ReplayService implements MarketSource {
  readonly kind = 'replay' as const;
  private readonly store: CandleStore;
  private readonly bus: Pick<EventBus, 'emit'>;
  private readonly timers: Timers;

  private series: SeriesKey | null = null;
  private candles: Candle[] = [];
  private status_: ReplayState['status'] = 'idle';
  private speed = 60;
  /** Next candle to play, and the next tick (0..3) within it. */
  private index = 0;
  private tick = 0;
  private clock: number | null = null;
  private lastPrice: number | null = null;
  private forming: Candle | null = null;
  private readonly path = [0, 0, 0, 0];
  /** Wall time at which the next tick is due. */
  private dueAt = 0;
  private timer: unknown = null;
  /** Listeners of whatever series plays (the market service), and the filtered ones watch() adds. */
  private readonly taps = new Set<MarketListener>();
  private readonly statusListeners = new Set<(s: SourceStatus) => void>();
  private current: SourceStatus = { status: 'offline', reason: 'no replay running', since: Date.now() };
  /** The 24 h window behind the ticker, recomputed when a candle closes. */
  private day = { open: Number.NaN, high: Number.NaN, low: Number.NaN, volume: 0 };

  /** `bus` receives replay.state; market data goes to listeners. */
  constructor(store: CandleStore, bus: Pick<EventBus, 'emit'>, timers: Timers = systemTimers) {
    this.store = store;
    this.bus = bus;
    this.timers = timers;
  }

  // ---- the replay's controls ----

  start(series: SeriesKey, options: ReplayStartOptions): ReplayState {
    const candles = this.store.read(series, {});
    if (candles.length === 0) throw new KeelError('not_found', nothingToReplay(series, this.store.listSeries()));
    let index: number;
    if (options.from !== undefined) {
      const from = options.from;
      index = candles.findIndex((c) => c.t >= from);
      if (index === -1) {
        throw new KeelError('not_found', `no candles at or after ${new Date(from).toISOString()}; the series ends at ${new Date(candles.at(-1)!.t).toISOString()}`);
      }
    } else {
      index = Math.min(options.history, candles.length - 1);
    }
    this.cancelTimer();
    this.series = series;
    this.candles = candles;
    this.speed = options.speed;
    this.index = index;
    this.tick = 0;
    this.forming = null;
    this.clock = candles[index]!.t;
    this.lastPrice = index > 0 ? candles[index - 1]!.c : null;
    this.updateDay();
    this.status_ = 'playing';
    this.dueAt = this.timers.now() + this.tickInterval();
    this.schedule();
    return this.publish();
  }

  pause(): ReplayState {
    if (this.status_ !== 'playing') throw new KeelError('conflict', `replay is ${this.status_}, so it cannot be paused`);
    this.cancelTimer();
    this.status_ = 'paused';
    return this.publish();
  }

  resume(): ReplayState {
    if (this.status_ !== 'paused') throw new KeelError('conflict', `replay is ${this.status_}, so it cannot be resumed; start it with replay.start`);
    this.status_ = 'playing';
    this.dueAt = this.timers.now() + this.tickInterval();
    this.schedule();
    return this.publish();
  }

  stop(): ReplayState {
    this.cancelTimer();
    if (this.status_ === 'idle') return this.state();
    this.status_ = 'idle';
    this.series = null;
    this.candles = [];
    this.forming = null;
    this.index = this.tick = 0;
    this.clock = this.lastPrice = null;
    return this.publish();
  }

  setSpeed(speed: number): ReplayState {
    this.speed = speed;
    if (this.status_ === 'playing') {
      this.cancelTimer();
      this.dueAt = this.timers.now() + this.tickInterval();
      this.schedule();
    }
    return this.publish();
  }

  state(): ReplayState {
    return {
      status: this.status_,
      series: this.series,
      speed: this.speed,
      index: this.index,
      total: this.candles.length,
      clock: this.clock,
      lastPrice: this.lastPrice,
    };
  }

  /** Plays ticks until `count` have been sent or the data ends; used by the timer and by tests. */
  step(count = 1): void {
    for (let n = 0; n < count && this.index < this.candles.length; n++) this.playTick();
    if (this.index >= this.candles.length && this.status_ === 'playing') {
      this.cancelTimer();
      this.status_ = 'finished';
      this.publish();
    }
  }

  /** Hears every candle, tick and ticker of whatever series plays, across restarts; returns the unsubscribe. */
  subscribe(listener: MarketListener): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  // ---- MarketSource ----

  /** The exchange label of the series playing; 'local' (the import default) when none is. */
  get exchange(): string {
    return this.series?.exchange ?? 'local';
  }

  /** The symbols with stored candles. Tick size and limits are unknown: candles do not say. */
  async markets(): Promise<readonly MarketInfo[]> {
    return this.storedSymbols().map((symbol) => {
      const [base = symbol, quote = ''] = symbol.split(/[/:]/);
      return { symbol, base, quote, type: 'spot', active: true, tickSize: null, stepSize: null, minNotional: null };
    });
  }

  async timeframes(): Promise<readonly Timeframe[]> {
    const stored = new Set(this.store.listSeries().map((s) => s.timeframe));
    return TIMEFRAME_NAMES.filter((tf) => stored.has(tf));
  }

  /**
   * Stored candles of the series. For the series playing, only those closed by the replay's clock: a
   * strategy asking for history mid-replay must not see the future.
   */
  async history(request: HistoryRequest): Promise<Candle[]> {
    const key = this.resolve(request.symbol, request.timeframe);
    let to = request.to;
    const playing = this.series !== null && key.exchange === this.series.exchange && key.symbol === this.series.symbol && key.timeframe === this.series.timeframe;
    if (playing && this.clock !== null) {
      const lastClosed = this.clock - timeframeMs(key.timeframe);
      to = to === undefined ? lastClosed : Math.min(to, lastClosed);
    }
    return this.store.read(key, { from: request.from, to, limit: request.limit });
  }

  async watch(request: WatchRequest, listener: MarketListener): Promise<MarketWatch> {
    const channels: MarketChannel[] = [...new Set<MarketChannel>(request.channels ?? ['candles'])];
    const bad = channels.find((c) => !REPLAY_CHANNELS.includes(c));
    if (bad !== undefined) {
      const why = MARKET_CHANNELS.includes(bad) ? 'a replay of stored candles has no order book' : `unknown channel "${String(bad)}"`;
      throw new KeelError('invalid_request', `${why}; replay channels: ${REPLAY_CHANNELS.join(', ')}`);
    }
    const { symbol, timeframe } = this.resolve(request.symbol, request.timeframe);
    const mine = (s: SeriesKey | null) => s !== null && s.symbol === symbol && s.timeframe === timeframe;
    // Only the watched series, only the channels asked for.
    const filtered: MarketListener = {
      onCandle: channels.includes('candles') ? (u) => mine(u.series) && listener.onCandle?.(u) : undefined,
      onTrades: channels.includes('trades') ? (s, t) => mine(this.series) && listener.onTrades?.(s, t) : undefined,
      onTicker: channels.includes('ticker') ? (t) => mine(this.series) && listener.onTicker?.(t) : undefined,
    };
    const unsubscribe = this.subscribe(filtered);
    return { symbol, timeframe, channels, stop: async () => void unsubscribe() };
  }

  status(): SourceStatus {
    return this.current;
  }

  onStatus(listener: (s: SourceStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.stop();
    this.taps.clear();
  }

  // ---- playing ----

  private playTick(): void {
    const series = this.series!;
    const candle = this.candles[this.index]!;
    const tf = timeframeMs(series.timeframe);
    if (this.tick === 0) intrabarPath(candle, this.path);
    const price = this.path[this.tick]!;
    const f = this.forming;
    const previous = this.lastPrice;
    this.forming =
      this.tick === 0 || f === null
        ? { t: candle.t, o: price, h: price, l: price, c: price, v: candle.v === null ? null : 0 }
        : { t: candle.t, o: f.o, h: Math.max(f.h, price), l: Math.min(f.l, price), c: price, v: f.v };
    this.tick++;
    const closed = this.tick === TICKS_PER_CANDLE;
    // Volume arrives with the ticks; the closed candle carries exactly the stored volume.
    if (candle.v !== null) this.forming.v = closed ? candle.v : (candle.v * this.tick) / TICKS_PER_CANDLE;
    this.lastPrice = price;
    this.clock = pathPointTime(candle.t, tf, this.tick - 1);
    const update: CandleUpdate = { series, candle: closed ? candle : this.forming, closed };
    const tickNo = this.tick;
    if (closed) {
      this.index++;
      this.tick = 0;
      this.forming = null;
      this.updateDay();
    }
    for (const l of this.taps) {
      l.onCandle?.(update);
      if (l.onTrades) {
        // Each point trades a quarter of the candle's volume, as a backtest's path hands the paper broker
        // (paper-broker.ts, v / 4): taken as the difference of the running totals it came out a hair under
        // a quarter at times (0.0202: 0.005049999999999999), and a volume-limited fill one step smaller.
        const amount = candle.v === null ? 0 : candle.v / TICKS_PER_CANDLE;
        const side = previous === null || price === previous ? null : price > previous ? 'buy' : 'sell';
        l.onTrades(series.symbol, [{ id: `${candle.t}-${tickNo}`, t: this.clock, price, amount, side }]);
      }
      l.onTicker?.(this.ticker());
    }
    if (closed) this.publish();
  }

  private ticker(): Ticker {
    const d = this.day;
    const last = this.lastPrice;
    return {
      symbol: this.series!.symbol,
      t: this.clock!,
      last,
      bid: null,
      ask: null,
      high24h: Number.isNaN(d.high) ? null : d.high,
      low24h: Number.isNaN(d.low) ? null : d.low,
      volume24h: d.volume,
      change24hPct: last === null || Number.isNaN(d.open) ? null : ((last - d.open) / d.open) * 100,
    };
  }

  /** The closed candles of the 24 hours before the clock: the ticker's high, low, volume and reference price. */
  private updateDay(): void {
    let high = Number.NaN;
    let low = Number.NaN;
    let volume = 0;
    let open = Number.NaN;
    const since = (this.clock ?? 0) - DAY_MS;
    for (let i = this.index - 1; i >= 0; i--) {
      const c = this.candles[i]!;
      if (c.t < since) break;
      if (!(c.h <= high)) high = c.h;
      if (!(c.l >= low)) low = c.l;
      volume += c.v ?? 0;
      open = c.o;
    }
    this.day = { open, high, low, volume };
  }

  /** Wall milliseconds between ticks at the current speed. */
  private tickInterval(): number {
    return timeframeMs(this.series!.timeframe) / TICKS_PER_CANDLE / this.speed;
  }

  private schedule(): void {
    const delay = Math.max(0, this.dueAt - this.timers.now());
    this.timer = this.timers.setTimeout(() => this.onTimer(), delay);
  }

  private onTimer(): void {
    this.timer = null;
    if (this.status_ !== 'playing') return;
    const interval = this.tickInterval();
    const now = this.timers.now();
    // Every tick that is due goes out now, in order; the schedule keeps its phase instead of drifting.
    let due = 0;
    while (this.dueAt <= now) {
      due++;
      this.dueAt += interval;
    }
    this.step(Math.max(1, due));
    if (this.status_ === 'playing') this.schedule();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private publish(): ReplayState {
    const s = this.state();
    this.bus.emit('replay.state', s);
    this.updateStatus(s);
    return s;
  }

  // ---- as a source ----

  /** The stored series a request names: the playing one's exchange first, else the only exchange that has it. */
  private resolve(rawSymbol: string, rawTimeframe: string): SeriesKey {
    const stored = this.store.listSeries();
    const symbol = rawSymbol.trim().toUpperCase();
    const ofSymbol = stored.filter((s) => s.symbol === symbol);
    if (ofSymbol.length === 0) throw new UnknownMarketError('the journal', 'symbol', rawSymbol, this.storedSymbols());
    const exact = isTimeframe(rawTimeframe) ? ofSymbol.filter((s) => s.timeframe === rawTimeframe) : [];
    if (exact.length === 0) throw new UnknownMarketError('the journal', 'timeframe', rawTimeframe, TIMEFRAME_NAMES.filter((tf) => ofSymbol.some((s) => s.timeframe === tf)));
    const chosen = exact.find((s) => s.exchange === this.series?.exchange) ?? exact[0]!;
    return { exchange: chosen.exchange, symbol: chosen.symbol, timeframe: chosen.timeframe };
  }

  private storedSymbols(): string[] {
    return [...new Set(this.store.listSeries().map((s) => s.symbol))].sort();
  }

  private updateStatus(s: ReplayState): void {
    const label = s.series ? seriesLabel(s.series) : '';
    const at = s.clock === null ? '' : ` at ${new Date(s.clock).toISOString()}`;
    const next: Pick<SourceStatus, 'status' | 'reason'> =
      s.status === 'playing'
        ? { status: 'live', reason: `replaying stored ${label} at ${s.speed}x: recorded data, not live` }
        : s.status === 'paused'
          ? { status: 'delayed', reason: `replay of ${label} paused${at}` }
          : s.status === 'finished'
            ? { status: 'offline', reason: `replay of ${label} finished: the stored candles end${at}` }
            : { status: 'offline', reason: 'no replay running' };
    if (next.status === this.current.status && next.reason === this.current.reason) return;
    this.current = { ...next, since: Date.now() };
    for (const l of this.statusListeners) l(this.current);
  }
}

/**
 * Why a series cannot be replayed, and what can: the same market stored at another timeframe (the chart's
 * timeframe buttons) or under another exchange ("local", what keel import stores: the market list's
 * "BTC/USDT · local"), else how to import some. The simulated market's own candles are not stored, so
 * "import some" alone sent a trader who had imported BTC/USDT to import it again.
 */
function nothingToReplay(series: SeriesKey, stored: readonly SeriesKey[]): string {
  const none = `no candles stored for ${seriesLabel(series)}`;
  const same = stored.filter((s) => s.symbol === series.symbol);
  if (same.length === 0) return `${none}; import some with keel import FILE --symbol ${series.symbol} --timeframe ${series.timeframe}`;
  const here = same.filter((s) => s.exchange === series.exchange).map((s) => s.timeframe);
  const elsewhere = [...new Set(same.filter((s) => s.exchange !== series.exchange).map((s) => `"${series.symbol} · ${s.exchange}"`))];
  const how = here.length > 0 ? `switch the chart to ${here.join(' or ')} to replay it` : `pick ${elsewhere.join(' or ')} in the market list to replay it`;
  return `${none}; ${series.symbol} is stored as ${same.map(seriesLabel).join(', ')}: ${how}`;
}
