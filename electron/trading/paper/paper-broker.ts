// The paper broker: an exchange simulated on the market data Keel sees. It is fed by the market feed
// (ticks, bars, order books) and fills the orders the engine sends it by the fill model's rules:
//
// - Nothing fills at a price already seen: an order placed after a price point (a bar's close, say) is
//   first matched at the NEXT point (the next bar's open). With latency, an order goes live at the first
//   point at or after submit time + latency. This is the reference semantics backtests rely on. When the
//   move to that point is continuous (a replayed candle's ticks after its open), an order already waiting
//   meets it where it starts, as the first prices traded after the order are there (see #point).
// - Bars are walked along the intrabar path (open, nearer extreme, farther extreme, close), a quarter of
//   the bar's volume at each point. Open is reached by a jump from the last close (discrete); the other
//   three points by segments along which every price traded (continuous). Ticks are discrete jumps,
//   except a replayed candle's ticks after its open: they are that same path (market-candle-feed.ts).
// - Market executions (market orders, triggered stops, marketable limits) are taker fills: they walk the
//   order book when one was given, else fill at the point price moved by the slippage model.
// - Resting limits are maker fills at their limit price when the price trades at or through it, for at
//   most the volume traded there × participation; with no volume data only a strict trade-through fills.
// - Stops and take-profits fire inside a segment at their trigger price; jumped over (a gap, a tick),
//   they fire at the point price, never the better trigger.
// - A buy never spends more quote than the account's free cash (the engine says how much: cashFor): a
//   fill that costs more with its fee is cut to what the cash pays for and the rest expires, as a spot
//   venue does (cash-cut.ts). On a margin account (1× collateral) a long spends the free cash the same way;
//   a buy covering a short is not asked (the engine answers null).
//
// The per-point path with no working orders on the symbol is a few loads and a store: no allocation.
import { decFromNumber, min, mul, toNumber, type Dec, format } from '../../../shared/trading/decimal.ts';
import type { OrderType, Side, TimeInForce, Trail } from '../../../shared/trading/orders.ts';
import type { BookLevel } from '../../market/market-source.ts';
import type { Broker, BrokerInfo, BrokerListener, BrokerOrder, ExpiredBy, FeeRates, OrderChanges } from '../broker.ts';
import type { Clock } from '../clock.ts';
import type { MarketFeed, MarketSink } from '../market-feed.ts';
import type { MarketRulesProvider } from '../market-rules.ts';
import { splitSymbol } from '../../../shared/domain/symbol.ts';
import { becomesLimit, isTriggered, reaches, trailLevel, trailLevelDec, triggerDirection } from '../triggers.ts';
import { BookSnapshot, type BookSide } from './book-snapshot.ts';
import { FillModel } from './fill-model.ts';
import { affordableQty, cutReason, unpaidReason } from './cash-cut.ts';
import { visitsHighFirst } from '../../../shared/domain/intrabar-path.ts';

/**
 * From this many working orders on, cancel and modify find them through a map by id; with fewer,
 * through the markets' lists (no map entry made and deleted for every order).
 */
const INDEX_FROM = 16;

const E10 = 10n ** 10n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Number(format(a)) without printing, for order prices: with at most 8 decimals, a is q × 10^10 atoms
 * with q a safe integer, and q / 1e8 is one correctly rounded division of two exact floats, the float
 * nearest the decimal, which is what parsing its text gives. Longer amounts are printed and parsed.
 */
function priceNumber(a: Dec): number {
  const q = a / E10;
  if (q * E10 === a && q <= MAX_SAFE && q >= -MAX_SAFE) return Number(q) / 1e8;
  return Number(format(a));
}

const ALL_TYPES: ReadonlySet<OrderType> = new Set(['market', 'limit', 'stop-market', 'stop-limit', 'take-profit', 'take-profit-limit', 'trailing-stop']);

/** One order as the simulated venue holds it. */
class Working {
  readonly id: string;
  readonly market: Market;
  readonly side: Side;
  readonly buy: boolean;
  readonly type: OrderType;
  qty: Dec;
  filled: Dec;
  price: Dec | null;
  priceN: number;
  trigger: Dec | null;
  triggerN: number;
  readonly direction: 1 | -1;
  readonly trail: Trail | null;
  readonly trailAmount: Dec | null;
  /** Trailing: best price since the trail went live, NaN before. */
  extreme: number;
  readonly tif: TimeInForce;
  readonly postOnly: boolean;
  /** Stop/take-profit/trailing: touched, now working as a market or limit order. */
  triggered: boolean;
  /** Acknowledged by the venue (false while latency delays it). */
  accepted: boolean;
  /** Not yet matched against any point: its first point is evaluated as an arrival, not a resting order. */
  fresh: boolean;
  done: boolean;
  readonly submittedAt: number;
  readonly liveAt: number;
  /** The market's point counter when it arrived: it takes part only from the next point on. */
  readonly bornAt: number;

  constructor(o: BrokerOrder, market: Market, liveAt: number) {
    this.id = o.id;
    this.market = market;
    this.side = o.side;
    this.buy = o.side === 'buy';
    this.type = o.type;
    this.qty = o.qty;
    this.filled = o.filledQty;
    this.price = o.price;
    this.priceN = o.price === null ? Number.NaN : priceNumber(o.price);
    this.trigger = o.triggerPrice;
    this.triggerN = o.triggerPrice === null ? Number.NaN : priceNumber(o.triggerPrice);
    this.direction = triggerDirection(o.type, o.side);
    this.trail = o.trail;
    this.trailAmount = o.trail && 'amount' in o.trail ? decFromNumber(Number(o.trail.amount)) : null;
    this.extreme = o.trailExtreme ?? Number.NaN;
    this.tif = o.timeInForce;
    this.postOnly = o.postOnly;
    this.triggered = o.triggered || !isTriggered(o.type);
    this.accepted = false;
    this.fresh = true;
    this.done = false;
    this.submittedAt = o.submittedAt;
    this.liveAt = liveAt;
    // Sent while the venue is matching a point (a bracket child created by a fill): it starts at the next one.
    this.bornAt = market.iterating ? market.points + 1 : market.points;
  }

  get remaining(): Dec {
    return this.qty - this.filled;
  }
}

/** Per symbol: the last price, the working orders in time priority, the latest book. */
class Market {
  readonly id: number;
  readonly symbol: string;
  quote = '';
  tick: Dec = 0n;
  step: Dec = 0n;
  minQty: Dec = 0n;
  minNotional: Dec = 0n;
  base = '';
  last = Number.NaN;
  /** Price points seen; orders remember it to skip the point they arrived at. */
  points = 0;
  readonly orders: Working[] = [];
  iterating = false;
  /** While iterating: the price the point moves to, the market's price now (`last` is the point before). */
  current = Number.NaN;
  readonly book = new BookSnapshot();

  constructor(id: number, symbol: string) {
    this.id = id;
    this.symbol = symbol;
  }
}

export interface PaperBrokerOptions {
  feed: MarketFeed;
  rules: MarketRulesProvider;
  clock: Clock;
  model?: FillModel;
  account?: string;
  /** Order types to hold natively (default all); fewer makes the engine emulate the rest, as with a live exchange. */
  nativeTypes?: readonly OrderType[];
}

export class PaperBroker implements Broker {
  readonly info: BrokerInfo;
  readonly model: FillModel;
  readonly #feed: MarketFeed;
  readonly #rules: MarketRulesProvider;
  readonly #clock: Clock;
  readonly #markets: (Market | undefined)[] = [];
  /** Working orders (not done) over all markets: with none, the broker sleeps. */
  #working = 0;
  /**
   * Working orders by id, only while there are many (INDEX_FROM): a backtest's market orders work for
   * one bar and are never looked up, so they need no map entry; with a few, #find walks the lists.
   */
  #byId: Map<string, Working> | null = null;
  /** The market of the last order sent: orders come in runs on one symbol. */
  #lastMarket: Market | null = null;
  #listener: BrokerListener | null = null;
  /** The listener's balance check, when it has one (the engine's, through the gate): what a buy may spend. */
  #cashFor: ((orderId: string) => Dec | null) | null = null;
  readonly #unsubscribe: () => void;
  /** What the feed calls (an adapter: holding the feed gives no way to reach submit()). */
  readonly #feedSink: MarketSink;
  /**
   * No working order: the feed does not call the broker on prices and bars (in a backtest most bars pass
   * with nothing working), and the last prices are read from the feed on waking.
   */
  #asleep = false;

  constructor(options: PaperBrokerOptions) {
    this.#feed = options.feed;
    this.#rules = options.rules;
    this.#clock = options.clock;
    const model = (this.model = options.model ?? new FillModel());
    const rates: FeeRates = model.rates;
    this.info = {
      kind: 'paper',
      account: options.account ?? 'paper',
      nativeTypes: options.nativeTypes ? new Set(options.nativeTypes) : ALL_TYPES,
      inProcess: true,
      feeRates: () => rates,
    };
    // The feed gets an adapter, not the broker: holding the feed gives no way to reach submit().
    this.#feedSink = {
      price: (id, ts, price, volume, continuous) => this.#onPrice(id, ts, price, volume, continuous === true),
      bar: (id, ts, o, h, l, c, v, d) => this.#onBar(id, ts, o, h, l, c, v, d),
      barAt: (id, b) => this.#onBar(id, b.ts, b.o, b.h, b.l, b.c, b.v, b.durationMs),
      book: (id, bids, asks) => this.#onBook(id, bids, asks),
    };
    this.#unsubscribe = this.#feed.subscribe(this.#feedSink);
    this.#sleepIfIdle();
  }

  connect(listener: BrokerListener): void {
    if (this.#listener) throw new Error('the paper broker already has a listener; one engine drives one broker');
    this.#listener = listener;
    if (listener.cashFor) this.#cashFor = (id) => listener.cashFor!(id);
  }

  // ---- market data (also callable directly, as tests do) ----

  onPrice(symbol: string, ts: number, price: number, volume = Number.NaN, continuous = false): void {
    this.#wake();
    this.#onPrice(this.#feed.symbols.id(symbol), ts, price, volume, continuous);
  }

  onBar(symbol: string, ts: number, o: number, h: number, l: number, c: number, v = Number.NaN, durationMs = 0): void {
    this.#wake();
    this.#onBar(this.#feed.symbols.id(symbol), ts, o, h, l, c, v, durationMs);
  }

  onBook(symbol: string, bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    this.#onBook(this.#feed.symbols.id(symbol), bids, asks);
  }

  /** The last price the broker saw for a symbol (NaN before any). */
  lastPrice(symbol: string): number {
    const id = this.#feed.symbols.find(symbol);
    if (id === -1) return Number.NaN;
    return this.#asleep ? this.#feed.lastPrice(id) : (this.#markets[id]?.last ?? Number.NaN);
  }

  #onPrice(id: number, ts: number, price: number, volume: number, continuous: boolean): void {
    const m = this.#markets[id] ?? this.#market(id);
    if (m.orders.length === 0) return this.#passIdle(m, price, 1);
    this.#point(m, ts, m.last, price, volume, continuous);
  }

  #onBar(id: number, ts: number, o: number, h: number, l: number, c: number, v: number, durationMs: number): void {
    const m = this.#markets[id] ?? this.#market(id);
    if (m.orders.length === 0) return this.#passIdle(m, c, 4);
    const highFirst = visitsHighFirst(o, h, l);
    const near = highFirst ? h : l;
    const far = highFirst ? l : h;
    const vq = v / 4;
    // Once the bar's first points leave no working order (a market order filled at the open, the common
    // case), the rest of the path only moves the last price: as #point does with no orders, without the calls.
    this.#point(m, ts, m.last, o, vq, false);
    if (m.orders.length === 0) return this.#passIdle(m, c, 3);
    this.#point(m, ts + durationMs / 3, o, near, vq, true);
    if (m.orders.length === 0) return this.#passIdle(m, c, 2);
    this.#point(m, ts + (2 * durationMs) / 3, near, far, vq, true);
    if (m.orders.length === 0) return this.#passIdle(m, c, 1);
    this.#point(m, ts + durationMs, far, c, vq, true);
  }

  /** `points` price points, the last at `last`, pass a market with no working order: what #point does then. */
  #passIdle(m: Market, last: number, points: number): void {
    m.last = last;
    m.points += points;
  }

  #onBook(id: number, bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    const m = this.#markets[id] ?? this.#market(id);
    m.book.bids.set(bids);
    m.book.asks.set(asks);
    m.book.present = true;
  }

  // ---- orders in ----

  submit(order: BrokerOrder): void {
    this.#wake();
    const m = this.#marketFor(order.symbol);
    const w = new Working(order, m, order.submittedAt + this.model.latencyMs);
    this.#add(w);
    if (this.model.latencyMs !== 0) return;
    // Placed while a price point is handed out (a bracket's stop and target, placed as its entry fills):
    // it arrives at that point's price, not at the point before it, and rests from there, so the next
    // move reaches a stop's trigger as the price passes it (filling at the trigger, not where the move
    // ended). A stop already through its trigger there still fires on its first point.
    const at = m.iterating ? m.current : m.last;
    this.#arrive(w, this.#clock.now(), at);
    if (m.iterating && w.fresh && !w.triggered && w.type !== 'trailing-stop' && !reaches(w.direction, w.triggerN, at, at, false)) w.fresh = false;
  }

  cancel(orderId: string, reason: string): void {
    const w = this.#find(orderId);
    if (!w || w.done) return;
    const ts = this.#clock.now();
    // Still in flight (latency): like a real venue, it is acknowledged first, then cancelled.
    if (!w.accepted) {
      w.accepted = true;
      this.#listen().accepted(orderId, ts, null);
      if (w.done) return;
    }
    this.#finish(w);
    this.#listen().cancelled(orderId, ts, reason);
  }

  modify(orderId: string, changes: OrderChanges): void {
    const w = this.#find(orderId);
    if (!w || w.done) return;
    if (changes.qty !== undefined) w.qty = changes.qty;
    if (changes.price !== undefined) {
      w.price = changes.price;
      w.priceN = priceNumber(changes.price);
    }
    if (changes.triggerPrice !== undefined) {
      w.trigger = changes.triggerPrice;
      w.triggerN = priceNumber(changes.triggerPrice);
    }
    this.#listen().modified(orderId, this.#clock.now(), changes);
  }

  restore(orders: readonly BrokerOrder[], again = false): void {
    if (again) this.#dropAll();
    if (orders.length > 0) this.#wake();
    for (const o of orders) {
      const m = this.#marketFor(o.symbol);
      const w = new Working(o, m, o.submittedAt);
      w.accepted = true;
      // Resting orders resume resting; a market order (or a triggered stop-market) that had not filled yet arrives at the next point.
      w.fresh = w.type === 'market' || (w.triggered && !becomesLimit(w.type) && w.type !== 'limit');
      this.#add(w);
    }
  }

  close(): void {
    this.#unsubscribe();
  }

  // ---- matching ----

  #sleepIfIdle(): void {
    if (this.#asleep || this.#working > 0) return;
    this.#asleep = true;
    this.#feed.sleep(this.#feedSink);
  }

  /** Hears prices and bars again, starting from the last prices the feed handed out while it slept. */
  #wake(): void {
    if (!this.#asleep) return;
    this.#asleep = false;
    const markets = this.#markets;
    for (let id = 0; id < markets.length; id++) {
      const m = markets[id];
      const last = this.#feed.lastPrice(id);
      // A market whose point is being handed out is where its path is: the feed's last price is already the
      // bar's close, which the path has not reached (the broker slept and woke inside the bar: an entry
      // filled, then its bracket came).
      if (m && !m.iterating && last === last) m.last = last;
    }
    this.#feed.wake(this.#feedSink);
  }

  #market(id: number): Market {
    const m = new Market(id, this.#feed.symbols.name(id));
    // A market first seen when an order comes (the broker slept through its prices) starts where the feed is.
    m.last = this.#feed.lastPrice(id);
    this.#markets[id] = m;
    return m;
  }

  #marketFor(symbol: string): Market {
    const last = this.#lastMarket;
    if (last !== null && last.symbol === symbol) return last;
    const id = this.#feed.symbols.id(symbol);
    const m = this.#markets[id] ?? this.#market(id);
    if (m.tick === 0n) {
      const rules = this.#rules.rules(symbol);
      if (!rules) throw new Error(`the paper broker has no market rules for ${symbol}`);
      m.tick = rules.tickSize;
      m.step = rules.stepSize;
      m.minQty = rules.minQty;
      m.minNotional = rules.minNotional;
      m.quote = rules.quote || splitSymbol(symbol).quote;
      m.base = rules.base || splitSymbol(symbol).base;
    }
    if (m.tick !== 0n) this.#lastMarket = m;
    return m;
  }

  /**
   * Forgets every working order without a report: the engine is handing over the journal's open orders
   * instead. A write that failed inside a fill left its market mid-point; the point is over.
   */
  #dropAll(): void {
    for (const m of this.#markets) {
      if (!m) continue;
      for (const w of m.orders) w.done = true;
      m.orders.length = 0;
      m.iterating = false;
    }
    this.#working = 0;
    this.#byId = null;
    this.#sleepIfIdle();
  }

  /** A new working order, last in its market's time priority. */
  #add(w: Working): void {
    w.market.orders.push(w);
    this.#working++;
    this.#byId?.set(w.id, w);
  }

  /** A working order by id. */
  #find(orderId: string): Working | undefined {
    if (this.#byId === null && this.#working >= INDEX_FROM) {
      const index = new Map<string, Working>();
      for (const m of this.#markets) if (m) for (const w of m.orders) if (!w.done) index.set(w.id, w);
      this.#byId = index;
    }
    if (this.#byId !== null) return this.#byId.get(orderId);
    for (const m of this.#markets) {
      if (m) for (const w of m.orders) if (!w.done && w.id === orderId) return w;
    }
    return undefined;
  }

  #listen(): BrokerListener {
    const l = this.#listener;
    if (!l) throw new Error('the paper broker has no listener; connect the engine first');
    return l;
  }

  /** The venue acknowledges the order (or refuses a post-only one that would take at `price`). */
  #arrive(w: Working, ts: number, price: number): boolean {
    if (w.postOnly && w.type === 'limit' && price === price && this.#wouldTake(w, price)) {
      this.#finish(w);
      this.#listen().rejected(w.id, ts, `post-only ${w.side} limit at ${format(w.price!)} would take liquidity (market at ${price}); it was not placed`);
      return false;
    }
    w.accepted = true;
    this.#listen().accepted(w.id, ts, null);
    if (w.done || price !== price) return !w.done;
    // What the order meets on arrival decides how its first point treats it: a limit that is marketable
    // now takes at the next point; one that is not rests from now on (and fills as a maker when the price
    // comes to it). A trailing stop starts trailing from the price it arrived at.
    if (w.type === 'limit') {
      w.fresh = !w.postOnly && this.#wouldTake(w, price);
      if (!w.fresh && w.tif !== 'GTC') {
        this.#expire(w, ts, `${w.tif === 'IOC' ? 'immediate-or-cancel' : 'fill-or-kill'} ${w.side} limit at ${format(w.price!)} could not fill on arrival (market at ${price})`);
        return false;
      }
    } else if (w.type === 'trailing-stop' && (w.triggerN !== w.triggerN || reaches(w.buy ? -1 : 1, w.triggerN, price, price, false))) {
      w.fresh = false;
      // From the price it arrives at, or the extreme it comes with when that is better (a bracket's trail
      // starts at the entry's fill; one restored after a restart keeps the best price it had seen).
      const from = w.extreme !== w.extreme ? price : w.buy ? Math.min(w.extreme, price) : Math.max(w.extreme, price);
      w.extreme = from;
      this.#listen().trailMoved(w.id, ts, from);
    }
    return !w.done;
  }

  #wouldTake(w: Working, price: number): boolean {
    const p = this.#bestOpposite(w, price);
    return w.buy ? w.priceN >= p : w.priceN <= p;
  }

  /** One price point: the move from → to at ts, with `vol` traded at it (NaN: unknown). */
  #point(m: Market, ts: number, from: number, to: number, vol: number, continuous: boolean): void {
    const now = m.points;
    m.iterating = true;
    m.current = to;
    let volLeft = vol;
    const orders = m.orders;
    for (let i = 0; i < orders.length; i++) {
      const w = orders[i]!;
      if (w.done || w.bornAt > now) continue;
      // Already at the venue when this move started (not one going live at this point after its latency).
      const waiting = w.accepted;
      if (!w.accepted) {
        if (!(ts >= w.liveAt || ts < w.submittedAt)) continue;
        // Arrived at this point: a resting order starts with the next one.
        if (!this.#arrive(w, ts, to) || !w.fresh) continue;
      }
      if (w.fresh && waiting && continuous && from === from) {
        // Waiting when a continuous move starts (a replayed candle's ticks after its open): the first prices
        // traded after it are the move's start, not its far end (a market buy sent at a bar's low is not
        // filled at its high). It arrives there, then rides the rest of the move as a resting order.
        w.fresh = false;
        this.#arrival(w, ts, from);
        if (!w.done) volLeft = this.#resting(w, ts, from, to, volLeft, continuous);
      } else if (w.fresh) {
        w.fresh = false;
        this.#arrival(w, ts, to);
      } else {
        volLeft = this.#resting(w, ts, from, to, volLeft, continuous);
      }
    }
    m.iterating = false;
    m.last = to;
    m.points++;
    let j = 0;
    for (let i = 0; i < orders.length; i++) if (!orders[i]!.done) orders[j++] = orders[i]!;
    // Popped, not cut with `length = j`: at 0 that drops the list's storage, and the next order's push
    // (in a backtest, the next bar's) allocates it again.
    while (orders.length > j) orders.pop();
  }

  /** An order's first point: market orders fill, marketable limits take, stops check a trigger already passed. */
  #arrival(w: Working, ts: number, price: number): void {
    if (w.type === 'trailing-stop') {
      this.#trail(w, ts, price, price, false);
      return;
    }
    if (!w.triggered) {
      if (reaches(w.direction, w.triggerN, price, price, false)) this.#fire(w, ts, price);
      return;
    }
    this.#takeOrRest(w, ts, price);
  }

  /** A market order, or a limit arriving (or just triggered) at `price`: take what it can, then rest or expire. */
  #takeOrRest(w: Working, ts: number, price: number): void {
    const limit = w.type === 'market' || !becomesLimitOrLimit(w.type) ? null : w.price;
    if (limit === null) {
      this.#take(w, ts, price, null);
      return;
    }
    const marketable = w.buy ? w.priceN >= this.#bestOpposite(w, price) : w.priceN <= this.#bestOpposite(w, price);
    if (marketable && !w.postOnly) {
      if (w.tif === 'FOK' && !this.#canFillAll(w)) {
        this.#expire(w, ts, `fill-or-kill ${w.side} of ${format(w.remaining)} could not fill completely at ${format(limit)} or better`);
        return;
      }
      this.#take(w, ts, price, limit);
    }
    if (!w.done && w.tif !== 'GTC') {
      this.#expire(w, ts, `${w.tif === 'IOC' ? 'immediate-or-cancel' : 'fill-or-kill'} remainder ${format(w.remaining)} not fillable at ${format(limit)} on arrival`);
    }
  }

  /** The best price the order could take: the book's best level with something left, else the last price. */
  #bestOpposite(w: Working, price: number): number {
    const book = w.market.book;
    if (!book.present) return price;
    const side = w.buy ? book.asks : book.bids;
    for (let i = 0; i < side.length; i++) if (side.amount[i]! > 0) return side.price[i]!;
    return price;
  }

  /** Fill-or-kill: whether the book (if any) holds the whole remainder at the limit or better. */
  #canFillAll(w: Working): boolean {
    const book = w.market.book;
    if (!book.present) return true;
    const side = w.buy ? book.asks : book.bids;
    return side.length === 0 || side.available(w.priceN, w.buy) >= toNumber(w.remaining);
  }

  /** A resting order at a point; returns the volume left at the point for the orders behind it. */
  #resting(w: Working, ts: number, from: number, to: number, volLeft: number, continuous: boolean): number {
    if (w.type === 'trailing-stop' && !w.triggered) {
      this.#trail(w, ts, from, to, continuous && from === from);
      return volLeft;
    }
    if (!w.triggered) {
      if (reaches(w.direction, w.triggerN, from === from ? from : to, to, continuous && from === from)) {
        const at = continuous && from === from ? w.triggerN : to;
        this.#fire(w, ts, at);
      }
      return volLeft;
    }
    if (w.type === 'market' || !becomesLimitOrLimit(w.type)) {
      // A triggered market-type order restored from the journal, or one that found no price yet.
      this.#take(w, ts, to, null);
      return volLeft;
    }
    // A resting limit: touched when the move reaches its price, filled by volume (or only through, without volume).
    const reach = continuous && from === from ? (w.buy ? Math.min(from, to) : Math.max(from, to)) : to;
    const touched = w.buy ? reach <= w.priceN : reach >= w.priceN;
    if (!touched) return volLeft;
    const through = w.buy ? reach < w.priceN : reach > w.priceN;
    let qty: Dec;
    if (volLeft === volLeft) {
      qty = min(w.remaining, this.model.fillable(volLeft, w.market.step));
      if (qty <= 0n) return volLeft;
      volLeft -= toNumber(qty) / this.model.participation;
    } else {
      if (!through) return volLeft;
      qty = w.remaining;
    }
    this.#fill(w, ts, w.price!, qty, 'maker');
    return volLeft;
  }

  /** A trigger fired at `price` (the trigger inside a segment, or the point price after a jump). */
  #fire(w: Working, ts: number, price: number): void {
    w.triggered = true;
    this.#listen().triggered(w.id, ts);
    if (w.done) return;
    this.#takeOrRest(w, ts, price);
  }

  #trail(w: Working, ts: number, from: number, to: number, continuous: boolean): void {
    const trail = w.trail!;
    if (w.extreme !== w.extreme) {
      // Not live yet: waits for its activation price, if it has one.
      if (w.triggerN === w.triggerN && !reaches(w.buy ? -1 : 1, w.triggerN, from, to, continuous)) return;
      w.extreme = w.triggerN === w.triggerN && continuous ? w.triggerN : to;
      if (continuous) w.extreme = w.buy ? Math.min(w.extreme, to) : Math.max(w.extreme, to);
      this.#listen().trailMoved(w.id, ts, w.extreme);
      return;
    }
    const better = w.buy ? to < w.extreme : to > w.extreme;
    if (better) {
      w.extreme = to;
      this.#listen().trailMoved(w.id, ts, to);
      return;
    }
    const level = trailLevel(w.side, w.extreme, trail);
    const hit = w.buy ? to >= level : to <= level;
    if (!hit) return;
    w.triggered = true;
    this.#listen().triggered(w.id, ts);
    if (w.done) return;
    if (continuous) {
      const exact = trailLevelDec(w.side, w.extreme, trail, w.trailAmount, w.market.tick);
      this.#take(w, ts, Number.NaN, null, exact);
    } else {
      this.#take(w, ts, to, null);
    }
  }

  /**
   * A taker execution of the remainder at `price` (or at `exact`, when the price is an exact trigger):
   * through the book when there is one, else at the price moved by slippage. `limit` caps the price.
   */
  #take(w: Working, ts: number, price: number, limit: Dec | null, exact: Dec | null = null): void {
    const m = w.market;
    const book = m.book;
    const side: BookSide | null = book.present ? (w.buy ? book.asks : book.bids) : null;
    if (side && side.length > 0) {
      this.#walk(w, ts, side, limit);
      if (w.done || limit !== null) return;
      // A market order larger than the book: the rest at the book's worst level, moved by slippage.
      const worst = decFromNumber(side.price[side.length - 1]!);
      this.#fill(w, ts, this.model.slipped(worst, w.side, m.tick), w.remaining, 'taker');
      return;
    }
    const base = exact ?? decFromNumber(price);
    let p = this.model.slipped(base, w.side, m.tick);
    if (limit !== null) p = w.buy ? (p > limit ? limit : p) : p < limit ? limit : p;
    this.#fill(w, ts, p, w.remaining, 'taker');
  }

  #walk(w: Working, ts: number, side: BookSide, limit: Dec | null): void {
    const limitN = limit === null ? Number.NaN : w.priceN;
    for (let i = 0; i < side.length && !w.done; i++) {
      const p = side.price[i]!;
      if (limitN === limitN && (w.buy ? p > limitN : p < limitN)) break;
      const a = side.amount[i]!;
      if (!(a > 0)) continue;
      const avail = decFromNumber(a);
      const remaining = w.remaining;
      const qty = avail < remaining ? avail - (avail % w.market.step) : remaining;
      if (qty <= 0n) continue;
      side.amount[i] = a - toNumber(qty);
      const got = this.#fill(w, ts, decFromNumber(p), qty, 'taker');
      // Cut by the cash: what it did not take stays in the book.
      if (got !== qty) side.amount[i] = side.amount[i]! + toNumber(qty - got);
    }
  }

  /** Fills `qty` of the order at `price`, or less when the cash does not pay for it (then the rest expires); returns what filled. */
  #fill(w: Working, ts: number, price: Dec, qty: Dec, liquidity: 'maker' | 'taker'): Dec {
    const fee = this.model.feeOn(qty, price, liquidity);
    if (w.buy && this.#cashFor !== null) {
      // The one check on the hot path: a buy's cost and fee against the cash it may spend (null: margin).
      const cash = this.#cashFor(w.id);
      if (cash !== null && mul(qty, price) + fee > cash) return this.#cut(w, ts, price, qty, liquidity, cash);
    }
    w.filled += qty;
    if (w.filled >= w.qty) this.#finish(w);
    this.#listen().filled({ orderId: w.id, ts, price, qty, fee, feeAsset: w.market.quote, liquidity });
    return qty;
  }

  /**
   * A buy whose fill of `qty` at `price` costs more than `cash`: filled to the most on the step the cash
   * pays for, fee included, and the rest expired; nothing filled (expired) when that is not one step, or
   * not the market's smallest order for an order that has filled nothing yet.
   */
  #cut(w: Working, ts: number, price: Dec, qty: Dec, liquidity: 'maker' | 'taker', cash: Dec): Dec {
    const m = w.market;
    const model = this.model;
    const rate = liquidity === 'maker' ? model.rates.maker : model.rates.taker;
    const q = affordableQty(qty, price, rate, m.step, cash, (x) => model.feeOn(x, price, liquidity));
    const words = { base: m.base, quote: m.quote, price, cash };
    if (q <= 0n || (w.filled === 0n && (q < m.minQty || mul(q, price) < m.minNotional))) {
      this.#expire(w, ts, unpaidReason(words, m.step, m.minQty, m.minNotional, q), 'cash-unpaid');
      return 0n;
    }
    w.filled += q;
    const listener = this.#listen();
    const report = () => {
      listener.filled({ orderId: w.id, ts, price, qty: q, fee: model.feeOn(q, price, liquidity), feeAsset: m.quote, liquidity });
      if (!w.done) this.#expire(w, ts, cutReason(words, w.filled, w.qty), 'cash-cut');
    };
    if (listener.together) listener.together(report);
    else report();
    return q;
  }

  /** `by`: a cash cut's kind, as data for whoever counts them (ExpiredBy); absent for any other expiry. */
  #expire(w: Working, ts: number, reason: string, by?: ExpiredBy): void {
    this.#finish(w);
    this.#listen().expired(w.id, ts, reason, by);
  }

  #finish(w: Working): void {
    if (w.done) return;
    w.done = true;
    if (--this.#working === 0) this.#byId = null;
    else this.#byId?.delete(w.id);
    this.#sleepIfIdle();
    const m = w.market;
    if (!m.iterating) {
      const i = m.orders.indexOf(w);
      if (i !== -1) m.orders.splice(i, 1);
    }
  }
}

function becomesLimitOrLimit(type: OrderType): boolean {
  return type === 'limit' || becomesLimit(type);
}
