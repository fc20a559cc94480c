// The venue side of trading: where orders rest and fill. The paper broker (paper/paper-broker.ts) and the
// live broker (ccxt, later) both implement this, and the execution engine cannot tell them apart.
//
// Nothing reaches a broker directly: the risk gate (electron/risk/risk-gate.ts) owns it and is the only
// door. The engine hands orders to the gate; the broker reports back through the one listener the engine
// connects (via the gate). Calls in are fire-and-forget, results come back as listener calls, because a
// live exchange answers asynchronously and may answer twice (a retry after a timeout): the paper broker
// answers synchronously, inside the call, which is a special case of the same contract.
//
// What a live broker adds behind the same interface:
// - idempotency: the exchange gets `clientOrderId` as its client order id, so a retried submit after a
//   timeout can only ever create one order; a duplicate "already exists" answer becomes `accepted`.
// - reconciliation: `restore` is given the journal's open orders after a restart and reports whatever the
//   exchange did meanwhile (fills, cancels) through the listener, as if it had just happened.
// - emulation: `info.nativeTypes` lists the order types the venue holds itself; the engine holds the
//   others (stop, take-profit, trailing triggers) and sends a market or limit order when they trigger.
import type { Dec } from '../../shared/trading/decimal.ts';
import type { OrderType, Side, TimeInForce, Trail } from '../../shared/trading/orders.ts';

export interface FeeRates {
  /** Fractions: 0.001 is 0.1 %. */
  maker: Dec;
  taker: Dec;
}

export interface BrokerInfo {
  readonly kind: 'paper' | 'live';
  /** "paper", or the exchange account ("binance:main"). */
  readonly account: string;
  /** The order types the venue holds natively; the engine emulates the rest. */
  readonly nativeTypes: ReadonlySet<OrderType>;
  /**
   * The venue lives in this process and answers inside each call (paper). Then an order's "new" and its
   * acknowledgement may be journaled in one commit: nothing leaves the process before that commit.
   * A live exchange is never in-process: "new" is committed before the request goes out.
   */
  readonly inProcess: boolean;
  /** false: the venue cannot change an order resting on it (Binance spot): the engine refuses a modify of one. Absent: it can. */
  readonly amendsOrders?: boolean;
  feeRates(symbol: string): FeeRates;
}

/** What a broker is told about an order: a snapshot, never the engine's own record. */
export interface BrokerOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** The whole order's quantity; `filledQty` of it is already done (non-zero on restore). */
  readonly qty: Dec;
  readonly filledQty: Dec;
  readonly price: Dec | null;
  readonly triggerPrice: Dec | null;
  readonly trail: Trail | null;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  /** Restore: whether the trigger was already touched, and the trail's best price so far. */
  readonly triggered: boolean;
  readonly trailExtreme: number | null;
  /** Market time the order was handed over; with the fill model's latency, when it can go live. */
  readonly submittedAt: number;
}

export interface OrderChanges {
  qty?: Dec | undefined;
  price?: Dec | undefined;
  triggerPrice?: Dec | undefined;
}

export interface BrokerFill {
  orderId: string;
  ts: number;
  price: Dec;
  qty: Dec;
  fee: Dec;
  feeAsset: string;
  liquidity: 'maker' | 'taker';
}

/**
 * Why a simulated venue expired an order, as data beside the reason's words: the free cash paid for only part
 * of a buy at its fill price ('cash-cut': the rest expired) or for none of it ('cash-unpaid'). A backtest's
 * notes count them by it (cash-cut-notes.ts). Absent on every other expiry, and from a live venue.
 */
export type ExpiredBy = 'cash-cut' | 'cash-unpaid';

/** What the broker reports. Each call is about one order; `ts` is market time. */
export interface BrokerListener {
  accepted(orderId: string, ts: number, exchangeOrderId: string | null): void;
  rejected(orderId: string, ts: number, reason: string): void;
  filled(fill: BrokerFill): void;
  cancelled(orderId: string, ts: number, reason: string): void;
  /** `by`: a simulated venue's cash cut, as data (ExpiredBy); absent for any other expiry. */
  expired(orderId: string, ts: number, reason: string, by?: ExpiredBy): void;
  /** A stop or take-profit trigger was touched: the order now works as a market or limit order. */
  triggered(orderId: string, ts: number): void;
  modified(orderId: string, ts: number, changes: OrderChanges): void;
  /** A trailing stop's best price moved (so a restart resumes the trail where it was). */
  trailMoved(orderId: string, ts: number, extreme: number): void;
  /**
   * Something the trader must know of an order whose status does not change: a cancel the exchange refused,
   * a change it cannot make. It becomes the order's reason and a line of its history.
   */
  noted?(orderId: string, ts: number, note: string): void;
  /**
   * A simulated venue's balance check: the quote cash a buy may spend now, the account's free cash with
   * the order's own hold counted back in; null when the account may borrow (margin). The paper broker
   * asks at each buy fill and cuts the fill to what this pays for (a spot venue never lets a balance go
   * below zero). A live venue keeps the balances itself and never asks.
   */
  cashFor?(orderId: string): Dec | null;
  /**
   * The reports `fn` makes reach the engine as one change: the screen hears of them once, after the
   * last. A fill cut for cash and the expiry of its rest are one: heard apart, the account between them
   * holds cash for a rest the cash no longer covers, and reads a negative free balance.
   */
  together?(fn: () => void): void;
}

/**
 * What a live broker says about the venue's health, for the risk room's circuit breaker
 * (electron/risk/circuit-breaker.ts): repeated errors or a lost connection halt new orders, and only an
 * answer from the exchange followed by a passing reconciliation lets them through again.
 * - ok: a request was answered (the exchange is there);
 * - error: a request failed (timeout, dropped connection, 5xx, unreadable answer; not a refusal of one order);
 * - disconnected: the connection is known to be gone;
 * - reconciled: a reconciliation with the exchange finished; `ok` false when it found what it could not settle.
 */
export type VenueHealth =
  | { readonly kind: 'ok'; readonly ts: number }
  | { readonly kind: 'error'; readonly ts: number; readonly message: string }
  | { readonly kind: 'disconnected'; readonly ts: number; readonly message: string }
  | { readonly kind: 'reconciled'; readonly ts: number; readonly ok: boolean; readonly message: string };

export interface Broker {
  readonly info: BrokerInfo;
  /** The engine's listener (through the gate); exactly one. */
  connect(listener: BrokerListener): void;
  submit(order: BrokerOrder): void;
  cancel(orderId: string, reason: string): void;
  modify(orderId: string, changes: OrderChanges): void;
  /**
   * After a restart: the journal's open orders (paper reinstalls them; live reconciles with the exchange).
   * `again`: the engine reloaded itself after a journal write failed, and memory went back to what is on
   * disk; the venue's book is to match: paper drops the orders it holds and takes these, live reconciles
   * these with the exchange, ones it had seen finish included (the journal missed how they ended).
   */
  restore(orders: readonly BrokerOrder[], again?: boolean): void;
  /** Stops feeds and timers. */
  close(): void;
  /** Live brokers: reports of the venue's health (the paper broker, in this process, has none). Once, by the risk gate. */
  onVenueHealth?(listener: (health: VenueHealth) => void): void;
}
