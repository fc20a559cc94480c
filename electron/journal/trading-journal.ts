// What the trading engine writes down, and the interface it writes through. Every order state change
// is committed here before anyone is told about it; a new engine on the same journal picks up open
// orders, positions and cash where the last one stopped. Two implementations: SQLite for the app
// (trading-store.ts) and memory for backtests (memory-trading-journal.ts), where a million fills must
// not touch a disk. Amounts are exact decimals (bigint atoms of 1e-18).
import type { Dec } from '../../shared/trading/decimal.ts';
import type { Bracket, OrderStatus, OrderType, Origin, Side, TimeInForce, Trail } from '../../shared/trading/orders.ts';
import type { ExpiredBy } from '../trading/broker.ts';

/** One order as the engine keeps it: the wire Order plus what the engine needs to resume it. */
export interface OrderRecord {
  /** Per-journal sequence number: creation order, and where a restarted engine continues its ids. */
  seq: number;
  id: string;
  clientOrderId: string;
  /** "paper", or the live exchange account ("binance:main"). */
  account: string;
  symbol: string;
  side: Side;
  type: OrderType;
  qty: Dec;
  filledQty: Dec;
  /** Σ fill qty × price: the average fill price is filledNotional / filledQty. */
  filledNotional: Dec;
  feesPaid: Dec;
  price: Dec | null;
  triggerPrice: Dec | null;
  trail: Trail | null;
  /** Trailing stops: the best price since the trail went live (float, from the feed), or null. */
  trailExtreme: number | null;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  postOnly: boolean;
  status: OrderStatus;
  triggered: boolean;
  parentId: string | null;
  ocoGroup: string | null;
  /** On a bracket entry: the children to place as it fills (kept so a restart can keep growing them). */
  bracket: Bracket | null;
  origin: Origin;
  ledger: string;
  reason: string | null;
  /**
   * The risk rule that refused it (RiskRefusal.rule), when the gate did: what refused it as data, beside the
   * words in `reason`. Kept in memory only (not journaled); absent on every other order.
   */
  refusedBy?: string;
  /**
   * Why the simulated venue expired it, when the cash cut it (ExpiredBy): as data, beside the words in
   * `reason`. Kept in memory only (not journaled); absent on every other order.
   */
  expiredBy?: ExpiredBy;
  /** Why it was placed, as its placer tagged it (OrderTagSchema), or null. */
  tag: string | null;
  exchangeOrderId: string | null;
  /** The engine holds the trigger itself because the broker cannot (see execution-engine.ts). */
  emulated: boolean;
  /** The price the order was sized and reserved at: limit price, trigger, or the last price for market orders. */
  refPrice: Dec;
  createdAt: number;
  updatedAt: number;
}

/** `noted`: the venue's word on an order whose status stays (a refused cancel, a change it cannot make). */
export type OrderEventKind = 'new' | 'accepted' | 'rejected' | 'partially_filled' | 'filled' | 'cancelled' | 'expired' | 'triggered' | 'modified' | 'noted';

/** One line of an order's history; the order_events table only ever grows. */
export interface OrderEventRecord {
  orderId: string;
  ts: number;
  kind: OrderEventKind;
  /** The order's status after the event. */
  status: OrderStatus;
  /** Why (rejections, cancels, expiries), or what (the fill id, the modified fields). */
  detail: string | null;
}

export interface FillRecord {
  seq: number;
  id: string;
  orderId: string;
  clientOrderId: string;
  account: string;
  symbol: string;
  side: Side;
  price: Dec;
  qty: Dec;
  fee: Dec;
  feeAsset: string;
  /**
   * Borrow interest this fill paid, in the quote asset, on top of the fee: a buy that takes back a margin
   * short repays the loan with the interest it ran up (0 on every other fill).
   */
  interest: Dec;
  liquidity: 'maker' | 'taker';
  origin: Origin;
  ledger: string;
  ts: number;
}

export interface PositionRecord {
  account: string;
  symbol: string;
  ledger: string;
  /** Signed: positive long, negative short. */
  qty: Dec;
  /** Σ signed qty × entry price of the open part: average entry = costBasis / qty. */
  costBasis: Dec;
  /** Closed P&L before fees. */
  realizedPnl: Dec;
  feesPaid: Dec;
  /** Borrow interest paid on the position's shorts. */
  interestPaid: Dec;
  /** While short: when its open part was borrowed (epoch ms, quantity-weighted); null otherwise. */
  borrowedSince: number | null;
  /**
   * While short: what its loan ran up at the account's earlier borrow rates before borrowedSince, as
   * Σ yearly rate (1e-18 units) × ms (borrow-interest.ts rateTimesMs). Absent: none (no rate change under it).
   */
  borrowRateMs?: bigint;
  updatedAt: number;
}

/** The account's cash after a change (every fill); the latest is the balance a restart resumes with. */
export interface BalanceRecord {
  account: string;
  ts: number;
  cash: Dec;
  realizedPnl: Dec;
  feesPaid: Dec;
  interestPaid: Dec;
  /** What changed it: a fill id, or "open". */
  cause: string;
}

export interface AccountRecord {
  account: string;
  quoteAsset: string;
  startBalance: Dec;
  mode: 'spot' | 'margin';
  /** What borrowing a coin to short it costs on this account, percent a year (margin only; 0: nothing). */
  borrowRatePct: Dec;
  createdAt: number;
}

export interface SignalRecord {
  ts: number;
  origin: Origin;
  symbol: string;
  /** A strategy's or the AI's label: "enter-long", "exit", ... */
  kind: string;
  /** JSON text: whatever the signal carries. */
  payload: string;
}

export interface OrderQuery {
  status: 'open' | 'all';
  limit: number;
}

export interface FillQuery {
  symbol?: string | undefined;
  limit: number;
}

/** A fill's place in the fills tab's order: newest first by time, then by id (ties in one millisecond). */
export interface FillCursor {
  ts: number;
  id: string;
}

/** One page of the fills tab: the `limit` fills that come after `before` (absent: the newest). */
export interface FillPageQuery extends FillQuery {
  before?: FillCursor | undefined;
}

export interface TradingJournal {
  readonly kind: 'sqlite' | 'memory';

  /** The account's settings: stored on first open with `init` (and its opening balance), read back after. */
  openAccount(init: AccountRecord): AccountRecord;

  /**
   * Changes an opened account's kind (spot or margin) in its row; it joins a caller's `atomically`. Optional:
   * a journal a backtest runs on never changes it (the engine then refuses the change).
   */
  setAccountMode?(account: string, mode: AccountRecord['mode']): void;
  /**
   * Changes an account's borrow rate (percent a year) with its open shorts as the change left them (what
   * each ran up at the old rate, borrowRateMs, and its clock restarted); joins a caller's `atomically`.
   * Absent where the rate cannot be changed.
   */
  setBorrowRate?(account: string, ratePct: Dec, shorts: readonly PositionRecord[]): void;

  /** One commit: the order's current state and one event of its history. */
  writeOrder(order: OrderRecord, event: OrderEventRecord): void;

  /**
   * One commit, as writeOrder, for an order that has just ended without a fill (cancelled, expired,
   * rejected): only its status, reason and time changed since its row was last written, so only they are
   * written. A kill switch ends a thousand orders in one go, and the whole row's write was most of its time.
   * Optional: writeOrder does the same where it is absent.
   */
  writeEnd?(order: OrderRecord, event: OrderEventRecord): void;

  /** One commit: a fill, its order's new state and event, the position after it and the cash after it. */
  writeFill(fill: FillRecord, order: OrderRecord, event: OrderEventRecord, position: PositionRecord, balance: BalanceRecord): void;

  /**
   * Runs `fn` as one commit (the writes inside join it). Only for venues inside this process (paper):
   * an order's "new" and "accepted" then land together, as nothing leaves the process in between.
   */
  atomically<T>(fn: () => T): T;

  /**
   * Runs `fn` once the outermost `atomically` around the caller has ended, `committed` false when any part
   * of it was rolled back; now (committed) when there is none. The engine reloads itself from the journal
   * this way after a failed write, or a rollback of what it wrote: read inside the transaction, it would
   * see writes the rollback is about to undo. Absent in journals whose writes cannot fail (memory, backtests).
   */
  afterTransaction?(fn: (committed: boolean) => void): void;

  /** One commit: a change that is not a state change (a trailing stop's best price): the row only, no event. */
  updateOrder(order: OrderRecord): void;

  writeSignal(signal: SignalRecord): void;

  /** Restore: the orders not yet filled, cancelled, rejected or expired, oldest first. */
  openOrders(account: string): OrderRecord[];
  positions(account: string): PositionRecord[];
  latestBalance(account: string): BalanceRecord | null;
  /** The highest order and fill sequence numbers so far (0 when none). */
  lastSeq(account: string): { order: number; fill: number };
  findByClientOrderId(account: string, clientOrderId: string): OrderRecord | null;
  findOrder(account: string, id: string): OrderRecord | null;
  /** A bracket entry's children, open or not, oldest first. */
  childOrders(account: string, parentId: string): OrderRecord[];

  /** Newest first. */
  orders(account: string, query: OrderQuery): OrderRecord[];
  /** Newest first. */
  fills(account: string, query: FillQuery): FillRecord[];
  /**
   * Newest first by (ts, id), strictly after `before` in that order: paging on from the last of one page
   * lists every fill once, including ones written late with an earlier time, which a seq order would skip.
   */
  fillPage(account: string, query: FillPageQuery): FillRecord[];
  /** Oldest first. */
  orderEvents(orderId: string): OrderEventRecord[];
}
