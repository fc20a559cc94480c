// The test exchange's matching of the account's own orders against its market clock. There is no other
// trader: the "book" the orders meet is the public tape (trades.ts), so
// - a MARKET order (and a marketable LIMIT) fills at once at the last trade price, as taker;
// - a resting LIMIT fills at its limit price, as maker, when a later tape trade prints at or through it,
//   for at most that trade's quantity (so big orders fill in parts);
// - STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT wait for a tape trade at their stopPrice, then work as LIMIT;
// - IOC keeps what filled at once and expires the rest, FOK fills whole or expires, LIMIT_MAKER is
//   refused when it would take.
// Every check Binance makes before the matching engine is made here with Binance's error: the filters of
// exchangeInfo (LOT_SIZE, PRICE_FILTER, NOTIONAL / MIN_NOTIONAL), the balance, duplicate client order ids
// (unique among OPEN orders only, as on Binance: a closed order's id may be used again).
// Commission is charged in the quote asset on both sides at the account's maker/taker rate, rounded up to
// 1e-8 (real Binance takes it from the asset received, or BNB; quote-only keeps the test's arithmetic to
// one currency and is what the engine models). With `commissionIn` (Binance's "pay fees with BNB") it is
// charged in that asset instead: the quote commission ÷ the asset's given price, rounded up to 1e-8, taken
// from its free balance; when that balance is short the trade pays in the quote asset, as on Binance. (The
// real BNB discount of 25 % is left out: it would only scale the numbers.)
import { ceilTo, dec, decFromNumber, div, format, mul, type Dec } from '../../../shared/trading/decimal.ts';
import { BinanceApiError, filterFailure, illegal, invalidSymbol, mandatory, newOrderRejected, orderDoesNotExist, unknownOrder } from './api-error.ts';
import { fmt8, SpotAccount } from './account.ts';
import type { ServerClock } from './clock.ts';
import type { SymbolSpec } from './symbols.ts';
import { lastPrice, tradesBetween } from './trades.ts';

export type OrderSide = 'BUY' | 'SELL';
export type OrderKind = 'MARKET' | 'LIMIT' | 'LIMIT_MAKER' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT_LIMIT';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';
export type Tif = 'GTC' | 'IOC' | 'FOK';

export interface SpotOrder {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: OrderSide;
  type: OrderKind;
  timeInForce: Tif;
  price: Dec;
  stopPrice: Dec;
  origQty: Dec;
  executedQty: Dec;
  cumQuote: Dec;
  status: OrderStatus;
  /** Market-clock times. */
  time: number;
  updateTime: number;
  /** Stop orders: false until the stop price traded. */
  isWorking: boolean;
  /** What the order still holds: quote (buys, commission included) or base (sells). */
  held: Dec;
}

export interface SpotTrade {
  symbol: string;
  id: number;
  orderId: number;
  price: Dec;
  qty: Dec;
  quoteQty: Dec;
  commission: Dec;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

export interface MatcherOptions {
  symbols: ReadonlyMap<string, SymbolSpec>;
  clock: ServerClock;
  account: SpotAccount;
  makerRate?: Dec;
  takerRate?: Dec;
  /** Pay commission in this asset (BNB), converted from the quote commission at `price` quote per unit. */
  commissionIn?: CommissionIn;
  /** Called after every change of orders, trades or balances (the server persists its state there). */
  onChange?: () => void;
}

export interface CommissionIn {
  asset: string;
  /** Quote per unit of `asset` (USDT per BNB); above 0. */
  price: Dec;
}

const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const KINDS: readonly OrderKind[] = ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'];
const MAX_OPEN_PER_SYMBOL = 200;
const FEE_STEP = dec('0.00000001');
const OPEN: ReadonlySet<OrderStatus> = new Set(['NEW', 'PARTIALLY_FILLED']);

export function isOpenStatus(status: OrderStatus): boolean {
  return OPEN.has(status);
}

export class OrderMatcher {
  readonly orders: SpotOrder[] = [];
  readonly trades: SpotTrade[] = [];
  readonly account: SpotAccount;
  makerRate: Dec;
  takerRate: Dec;
  nextOrderId = 1;
  nextTradeId = 1;
  readonly commissionIn: CommissionIn | null;
  readonly #symbols: ReadonlyMap<string, SymbolSpec>;
  readonly #clock: ServerClock;
  readonly #onChange: () => void;

  constructor(options: MatcherOptions) {
    this.#symbols = options.symbols;
    this.#clock = options.clock;
    this.account = options.account;
    this.makerRate = options.makerRate ?? dec('0.001');
    this.takerRate = options.takerRate ?? dec('0.001');
    if (options.commissionIn && options.commissionIn.price <= 0n) throw new RangeError(`commission in ${options.commissionIn.asset} needs its price above 0, got ${format(options.commissionIn.price)}`);
    this.commissionIn = options.commissionIn ?? null;
    this.#onChange = options.onChange ?? (() => {});
    this.#clock.onMove((from, to) => this.#onClockMove(from, to));
  }

  /** The last tape price of a symbol now. */
  price(symbol: string): Dec {
    return decFromNumber(lastPrice(this.#spec(symbol), this.#clock.now()));
  }

  // ------------------------------------------------------------------ placing

  /** POST /api/v3/order: checks like Binance, then matches. Returns the order (its fills are the trades made now). */
  place(q: URLSearchParams): { order: SpotOrder; fills: SpotTrade[] } {
    const spec = this.#spec(q.get('symbol'));
    const side = q.get('side');
    if (side === null || side === '') throw mandatory('side');
    if (side !== 'BUY' && side !== 'SELL') throw new BinanceApiError(400, -1117, 'Invalid side.');
    const typeText = q.get('type');
    if (typeText === null || typeText === '') throw mandatory('type');
    if (!KINDS.includes(typeText as OrderKind)) throw new BinanceApiError(400, -1116, 'Invalid orderType.');
    const type = typeText as OrderKind;
    if (q.has('quoteOrderQty')) throw new BinanceApiError(400, -1106, "Parameter 'quoteOrderQty' sent when not required.");
    const clientOrderId = q.get('newClientOrderId') ?? `srv-${this.nextOrderId}`;
    if (!CLIENT_ID.test(clientOrderId)) throw illegal('newClientOrderId');
    const qty = amount(q, 'quantity', true)!;
    const limitLike = type !== 'MARKET';
    const price = limitLike ? amount(q, 'price', true)! : (amount(q, 'price', false) ?? null);
    if (type === 'MARKET' && price !== null) throw new BinanceApiError(400, -1106, "Parameter 'price' sent when not required.");
    const stopLike = type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT';
    const stopPrice = stopLike ? amount(q, 'stopPrice', true)! : 0n;
    let tif: Tif = 'GTC';
    const tifText = q.get('timeInForce');
    if (type === 'LIMIT' || stopLike) {
      if (tifText === null || tifText === '') throw mandatory('timeInForce');
      if (tifText !== 'GTC' && tifText !== 'IOC' && tifText !== 'FOK') throw new BinanceApiError(400, -1115, 'Invalid timeInForce.');
      tif = tifText;
    } else if (tifText !== null) {
      throw new BinanceApiError(400, -1106, "Parameter 'timeInForce' sent when not required.");
    }

    // exchangeInfo's filters, in the order Binance applies them.
    const tick = dec(spec.tickText);
    const step = dec(spec.stepText);
    const minQty = dec(spec.minQty);
    if (qty <= 0n) throw new BinanceApiError(400, -1013, 'Invalid quantity.');
    if (qty < minQty || qty > dec(spec.maxQty) || (qty - minQty) % step !== 0n) throw filterFailure('LOT_SIZE');
    for (const p of [price, stopLike ? stopPrice : null]) {
      if (p === null) continue;
      if (p <= 0n) throw new BinanceApiError(400, -1013, 'Invalid price.');
      if (p < tick || p > dec('1000000') || p % tick !== 0n) throw filterFailure('PRICE_FILTER');
    }
    const last = this.price(spec.id);
    const notionalPrice = price ?? last;
    if (mul(qty, notionalPrice) < dec(spec.minNotional)) throw filterFailure(this.#legacyNotional(spec) ? 'MIN_NOTIONAL' : 'NOTIONAL');

    // The matching engine's own refusals.
    const open = this.orders.filter((o) => isOpenStatus(o.status));
    if (open.some((o) => o.clientOrderId === clientOrderId)) throw newOrderRejected('Duplicate order sent.');
    if (open.filter((o) => o.symbol === spec.id).length >= MAX_OPEN_PER_SYMBOL) throw newOrderRejected('Account has too many open orders.');
    if (stopLike) {
      const fires = this.#stopReached(type, side, stopPrice, last);
      if (fires) throw newOrderRejected('Stop price would trigger immediately.');
    }
    const marketable = type === 'MARKET' || ((type === 'LIMIT' || type === 'LIMIT_MAKER') && (side === 'BUY' ? price! >= last : price! <= last));
    if (type === 'LIMIT_MAKER' && marketable) throw newOrderRejected('Order would immediately match and take.');

    const now = this.#clock.now();
    const order: SpotOrder = {
      symbol: spec.id,
      orderId: this.nextOrderId,
      clientOrderId,
      side,
      type,
      timeInForce: tif,
      price: price ?? 0n,
      stopPrice,
      origQty: qty,
      executedQty: 0n,
      cumQuote: 0n,
      status: 'NEW',
      time: now,
      updateTime: now,
      isWorking: !stopLike,
      held: 0n,
    };
    // A buy holds its cost at its own price (the last price for a market order) plus the taker fee.
    order.held = side === 'BUY' ? ceilTo(mul(mul(qty, notionalPrice), dec('1') + this.takerRate), FEE_STEP) : qty;
    this.account.lock(side === 'BUY' ? spec.quote : spec.base, order.held);
    this.nextOrderId++;
    this.orders.push(order);
    const fills: SpotTrade[] = [];
    // Marketable orders take at the last price at once (the tape is the only liquidity, and it is deep).
    if (marketable) fills.push(this.#fill(order, last, qty, false, now));
    if (isOpenStatus(order.status) && (tif === 'IOC' || tif === 'FOK') && order.isWorking) this.#close(order, 'EXPIRED', now);
    this.#onChange();
    return { order, fills };
  }

  // ------------------------------------------------------------------ cancelling and reading

  /** DELETE /api/v3/order; -2011 when the order is unknown or no longer open. */
  cancel(q: URLSearchParams): SpotOrder {
    const spec = this.#spec(q.get('symbol'));
    const order = this.#lookup(spec.id, q, unknownOrder);
    if (!isOpenStatus(order.status)) throw unknownOrder();
    this.#close(order, 'CANCELED', this.#clock.now());
    this.#onChange();
    return order;
  }

  /** DELETE /api/v3/openOrders for one symbol; -2011 when there is none. */
  cancelAll(q: URLSearchParams): SpotOrder[] {
    const spec = this.#spec(q.get('symbol'));
    const open = this.orders.filter((o) => o.symbol === spec.id && isOpenStatus(o.status));
    if (open.length === 0) throw unknownOrder();
    const now = this.#clock.now();
    for (const o of open) this.#close(o, 'CANCELED', now);
    this.#onChange();
    return open;
  }

  /** GET /api/v3/order by orderId or origClientOrderId (the newest with that client id); -2013 if none. */
  find(q: URLSearchParams): SpotOrder {
    const spec = this.#spec(q.get('symbol'));
    return this.#lookup(spec.id, q, orderDoesNotExist);
  }

  openOrders(symbol: string | null): SpotOrder[] {
    const id = symbol === null ? null : this.#spec(symbol).id;
    return this.orders.filter((o) => isOpenStatus(o.status) && (id === null || o.symbol === id));
  }

  /** GET /api/v3/myTrades: by symbol, optionally one order's, from an id or a time, oldest first. */
  myTrades(q: URLSearchParams): SpotTrade[] {
    const spec = this.#spec(q.get('symbol'));
    const orderId = intParam(q, 'orderId');
    const fromId = intParam(q, 'fromId');
    const startTime = intParam(q, 'startTime');
    const endTime = intParam(q, 'endTime');
    const limit = intParam(q, 'limit') ?? 500;
    if (limit < 1 || limit > 1000) throw new BinanceApiError(400, -1130, "Data sent for parameter 'limit' is not valid.");
    let rows = this.trades.filter((t) => t.symbol === spec.id && (orderId === undefined || t.orderId === orderId));
    if (fromId !== undefined) rows = rows.filter((t) => t.id >= fromId);
    if (startTime !== undefined) rows = rows.filter((t) => t.time >= startTime);
    if (endTime !== undefined) rows = rows.filter((t) => t.time <= endTime);
    // Without fromId or a time range Binance answers the most recent trades.
    return fromId === undefined && startTime === undefined ? rows.slice(-limit) : rows.slice(0, limit);
  }

  // ------------------------------------------------------------------ matching

  #onClockMove(from: number, to: number): void {
    let changed = false;
    const bySymbol = new Map<string, SpotOrder[]>();
    for (const o of this.orders) if (isOpenStatus(o.status)) (bySymbol.get(o.symbol) ?? bySymbol.set(o.symbol, []).get(o.symbol)!).push(o);
    for (const [symbol, orders] of bySymbol) {
      for (const tr of tradesBetween(this.#spec(symbol), from, to)) {
        const px = decFromNumber(tr.price);
        let left = decFromNumber(tr.qty);
        for (const o of orders) {
          if (!isOpenStatus(o.status) || left <= 0n) continue;
          if (!o.isWorking) {
            if (!this.#stopReached(o.type, o.side, o.stopPrice, px)) continue;
            o.isWorking = true;
            o.updateTime = tr.time;
            changed = true;
          }
          const crosses = o.side === 'BUY' ? px <= o.price : px >= o.price;
          if (!crosses) continue;
          const remaining = o.origQty - o.executedQty;
          const qty = remaining < left ? remaining : left;
          left -= qty;
          this.#fill(o, o.price, qty, true, tr.time);
          changed = true;
        }
      }
    }
    if (changed) this.#onChange();
  }

  #stopReached(type: OrderKind, side: OrderSide, stop: Dec, px: Dec): boolean {
    // A stop-loss sells when the price falls to it (buys when it rises); a take-profit the other way.
    const down = (type === 'STOP_LOSS_LIMIT') === (side === 'SELL');
    return down ? px <= stop : px >= stop;
  }

  #fill(o: SpotOrder, price: Dec, qty: Dec, maker: boolean, ts: number): SpotTrade {
    const spec = this.#spec(o.symbol);
    const quoteQty = mul(qty, price);
    const { asset: commissionAsset, amount: commission } = this.#commission(spec, ceilTo(mul(quoteQty, maker ? this.makerRate : this.takerRate), FEE_STEP));
    // What the quote side pays on top of (or keeps back from) the trade itself.
    const quoteCommission = commissionAsset === spec.quote ? commission : 0n;
    const remainingBefore = o.origQty - o.executedQty;
    const acct = this.account;
    if (o.side === 'BUY') {
      // Release this fill's share of what the order holds; pay the cost and fee out of it.
      const release = qty === remainingBefore ? o.held : (o.held * qty) / remainingBefore;
      o.held -= release;
      acct.spendLocked(spec.quote, release);
      acct.credit(spec.quote, release - quoteQty - quoteCommission);
      acct.credit(spec.base, qty);
    } else {
      o.held -= qty;
      acct.spendLocked(spec.base, qty);
      acct.credit(spec.quote, quoteQty - quoteCommission);
    }
    if (commissionAsset !== spec.quote) acct.debit(commissionAsset, commission);
    o.executedQty += qty;
    o.cumQuote += quoteQty;
    o.updateTime = ts;
    o.status = o.executedQty === o.origQty ? 'FILLED' : 'PARTIALLY_FILLED';
    if (o.status === 'FILLED' && o.held !== 0n) {
      acct.unlock(o.side === 'BUY' ? spec.quote : spec.base, o.held);
      o.held = 0n;
    }
    const trade: SpotTrade = {
      symbol: o.symbol,
      id: this.nextTradeId++,
      orderId: o.orderId,
      price,
      qty,
      quoteQty,
      commission,
      commissionAsset,
      time: ts,
      isBuyer: o.side === 'BUY',
      isMaker: maker,
    };
    this.trades.push(trade);
    return trade;
  }

  /** Who pays a trade's commission: `commissionIn`'s asset while the account holds enough of it, else the quote. */
  #commission(spec: SymbolSpec, inQuote: Dec): { asset: string; amount: Dec } {
    const other = this.commissionIn;
    if (other === null || inQuote === 0n || other.asset === spec.quote) return { asset: spec.quote, amount: inQuote };
    const amount = ceilTo(div(inQuote, other.price), FEE_STEP);
    if (this.account.get(other.asset).free < amount) return { asset: spec.quote, amount: inQuote };
    return { asset: other.asset, amount };
  }

  #close(o: SpotOrder, status: 'CANCELED' | 'EXPIRED', ts: number): void {
    const spec = this.#spec(o.symbol);
    if (o.held !== 0n) this.account.unlock(o.side === 'BUY' ? spec.quote : spec.base, o.held);
    o.held = 0n;
    o.status = status;
    o.updateTime = ts;
  }

  #lookup(symbol: string, q: URLSearchParams, missing: () => BinanceApiError): SpotOrder {
    const orderId = intParam(q, 'orderId');
    const clientId = q.get('origClientOrderId');
    if (orderId === undefined && (clientId === null || clientId === '')) throw new BinanceApiError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    for (let i = this.orders.length - 1; i >= 0; i--) {
      const o = this.orders[i]!;
      if (o.symbol !== symbol) continue;
      if (orderId !== undefined ? o.orderId === orderId : o.clientOrderId === clientId) return o;
    }
    throw missing();
  }

  #spec(symbol: string | null): SymbolSpec {
    if (symbol === null || symbol === '') throw mandatory('symbol');
    const spec = this.#symbols.get(symbol);
    if (!spec) throw invalidSymbol();
    return spec;
  }

  #legacyNotional(spec: SymbolSpec): boolean {
    // exchange-info.ts gives every second symbol the older MIN_NOTIONAL filter.
    return [...this.#symbols.keys()].indexOf(spec.id) % 2 === 1;
  }

  // ------------------------------------------------------------------ persistence

  toJSON(): unknown {
    return {
      nextOrderId: this.nextOrderId,
      nextTradeId: this.nextTradeId,
      makerRate: format(this.makerRate),
      takerRate: format(this.takerRate),
      balances: this.account.toJSON(),
      orders: this.orders.map((o) => ({ ...o, price: format(o.price), stopPrice: format(o.stopPrice), origQty: format(o.origQty), executedQty: format(o.executedQty), cumQuote: format(o.cumQuote), held: format(o.held) })),
      trades: this.trades.map((t) => ({ ...t, price: format(t.price), qty: format(t.qty), quoteQty: format(t.quoteQty), commission: format(t.commission) })),
    };
  }

  /** Replaces the state with a saved one (the same server, restarted on its state file). */
  load(saved: SavedState): void {
    this.nextOrderId = saved.nextOrderId;
    this.nextTradeId = saved.nextTradeId;
    this.makerRate = dec(saved.makerRate);
    this.takerRate = dec(saved.takerRate);
    this.account.balances.clear();
    for (const [asset, b] of Object.entries(saved.balances)) this.account.balances.set(asset, { free: dec(b.free), locked: dec(b.locked) });
    this.orders.length = 0;
    for (const o of saved.orders) {
      this.orders.push({ ...o, price: dec(o.price), stopPrice: dec(o.stopPrice), origQty: dec(o.origQty), executedQty: dec(o.executedQty), cumQuote: dec(o.cumQuote), held: dec(o.held) });
    }
    this.trades.length = 0;
    for (const t of saved.trades) this.trades.push({ ...t, price: dec(t.price), qty: dec(t.qty), quoteQty: dec(t.quoteQty), commission: dec(t.commission) });
  }
}

type Text<T> = { [K in keyof T]: T[K] extends Dec ? string : T[K] };
export interface SavedState {
  nextOrderId: number;
  nextTradeId: number;
  makerRate: string;
  takerRate: string;
  balances: Record<string, { free: string; locked: string }>;
  orders: Text<SpotOrder>[];
  trades: Text<SpotTrade>[];
}

function amount(q: URLSearchParams, name: string, required: boolean): Dec | null {
  const raw = q.get(name);
  if (raw === null || raw === '') {
    if (required) throw mandatory(name);
    return null;
  }
  if (!DECIMAL.test(raw)) throw illegal(name);
  const frac = raw.split('.')[1] ?? '';
  if (frac.replace(/0+$/, '').length > 8) throw new BinanceApiError(400, -1111, `Parameter '${name}' has too much precision.`);
  return dec(raw);
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^[0-9]{1,20}$/.test(raw)) throw illegal(name);
  return Number(raw);
}

/** The order as GET /api/v3/order answers it. */
export function orderRow(o: SpotOrder): Record<string, unknown> {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: fmt8(o.price),
    origQty: fmt8(o.origQty),
    executedQty: fmt8(o.executedQty),
    cummulativeQuoteQty: fmt8(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: fmt8(o.stopPrice),
    icebergQty: '0.00000000',
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.isWorking,
    workingTime: o.isWorking ? o.updateTime : -1,
    origQuoteOrderQty: '0.00000000',
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** POST /api/v3/order's FULL answer: the order as placed, with the fills it made at once. */
export function placedRow(o: SpotOrder, fills: readonly SpotTrade[]): Record<string, unknown> {
  const { time: _time, updateTime: _u, isWorking: _w, icebergQty: _i, stopPrice, ...rest } = orderRow(o);
  return {
    ...rest,
    ...(o.type === 'STOP_LOSS_LIMIT' || o.type === 'TAKE_PROFIT_LIMIT' ? { stopPrice } : {}),
    transactTime: o.time,
    workingTime: o.isWorking ? o.time : -1,
    fills: fills.map((f) => ({ price: fmt8(f.price), qty: fmt8(f.qty), commission: fmt8(f.commission), commissionAsset: f.commissionAsset, tradeId: f.id })),
  };
}

/** DELETE /api/v3/order's answer. */
export function cancelledRow(o: SpotOrder, origClientOrderId: string): Record<string, unknown> {
  const { time: _time, updateTime, isWorking: _w, icebergQty: _i, workingTime: _wt, ...rest } = orderRow(o);
  return { ...rest, origClientOrderId, transactTime: updateTime };
}

export function tradeRow(t: SpotTrade): Record<string, unknown> {
  return {
    symbol: t.symbol,
    id: t.id,
    orderId: t.orderId,
    orderListId: -1,
    price: fmt8(t.price),
    qty: fmt8(t.qty),
    quoteQty: fmt8(t.quoteQty),
    commission: fmt8(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.isBuyer,
    isMaker: t.isMaker,
    isBestMatch: true,
  };
}
