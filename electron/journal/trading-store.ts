// The trading journal in SQLite (tables from migrations/003-trading.ts). Each write is one small
// transaction of prepared statements, committed before the engine tells anyone about the change; in
// WAL mode with synchronous=NORMAL a commit is an append to the WAL, so an order acknowledgement costs
// tens of microseconds and the renderer (another process) never waits on it.
import type Database from 'better-sqlite3';
import { dec, format, type Dec } from '../../shared/trading/decimal.ts';
import { ledgerOf, type Bracket, type OrderStatus, type OrderType, type Origin, type Side, type TimeInForce, type Trail } from '../../shared/trading/orders.ts';
import type {
  AccountRecord,
  BalanceRecord,
  FillPageQuery,
  FillQuery,
  FillRecord,
  OrderEventRecord,
  OrderQuery,
  OrderRecord,
  PositionRecord,
  SignalRecord,
  TradingJournal,
} from './trading-journal.ts';

const ORDER_COLUMNS =
  'id, seq, account, client_order_id, symbol, side, type, qty, filled_qty, filled_notional, fees_paid, price, trigger_price, trail, trail_extreme, time_in_force, reduce_only, post_only, status, triggered, parent_id, oco_group, bracket, origin, ledger, reason, tag, exchange_order_id, emulated, ref_price, created_at, updated_at';
const ORDER_UPDATES = ORDER_COLUMNS.split(', ')
  .filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
const FILL_COLUMNS = 'id, seq, account, order_id, client_order_id, symbol, side, price, qty, fee, fee_asset, interest, liquidity, origin, ledger, ts';
const OPEN = `status IN ('new', 'accepted', 'partially_filled')`;

interface OrderRow {
  id: string;
  seq: number;
  account: string;
  client_order_id: string;
  symbol: string;
  side: Side;
  type: OrderType;
  qty: string;
  filled_qty: string;
  filled_notional: string;
  fees_paid: string;
  price: string | null;
  trigger_price: string | null;
  trail: string | null;
  trail_extreme: number | null;
  time_in_force: TimeInForce;
  reduce_only: number;
  post_only: number;
  status: OrderStatus;
  triggered: number;
  parent_id: string | null;
  oco_group: string | null;
  bracket: string | null;
  origin: string;
  ledger: string;
  reason: string | null;
  tag: string | null;
  exchange_order_id: string | null;
  emulated: number;
  ref_price: string;
  created_at: number;
  updated_at: number;
}

interface FillRow {
  id: string;
  seq: number;
  account: string;
  order_id: string;
  client_order_id: string;
  symbol: string;
  side: Side;
  price: string;
  qty: string;
  fee: string;
  fee_asset: string;
  interest: string;
  liquidity: 'maker' | 'taker';
  origin: string;
  ledger: string;
  ts: number;
}

const opt = (v: Dec | null): string | null => (v === null ? null : format(v));
const optDec = (v: string | null): Dec | null => (v === null ? null : dec(v));

function orderArgs(o: OrderRecord): unknown[] {
  return [
    o.id,
    o.seq,
    o.account,
    o.clientOrderId,
    o.symbol,
    o.side,
    o.type,
    format(o.qty),
    format(o.filledQty),
    format(o.filledNotional),
    format(o.feesPaid),
    opt(o.price),
    opt(o.triggerPrice),
    o.trail === null ? null : JSON.stringify(o.trail),
    o.trailExtreme,
    o.timeInForce,
    o.reduceOnly ? 1 : 0,
    o.postOnly ? 1 : 0,
    o.status,
    o.triggered ? 1 : 0,
    o.parentId,
    o.ocoGroup,
    o.bracket === null ? null : JSON.stringify(o.bracket),
    JSON.stringify(o.origin),
    o.ledger,
    o.reason,
    o.tag,
    o.exchangeOrderId,
    o.emulated ? 1 : 0,
    format(o.refPrice),
    o.createdAt,
    o.updatedAt,
  ];
}

function toOrder(r: OrderRow): OrderRecord {
  return {
    seq: r.seq,
    id: r.id,
    clientOrderId: r.client_order_id,
    account: r.account,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    qty: dec(r.qty),
    filledQty: dec(r.filled_qty),
    filledNotional: dec(r.filled_notional),
    feesPaid: dec(r.fees_paid),
    price: optDec(r.price),
    triggerPrice: optDec(r.trigger_price),
    trail: r.trail === null ? null : (JSON.parse(r.trail) as Trail),
    trailExtreme: r.trail_extreme,
    timeInForce: r.time_in_force,
    reduceOnly: r.reduce_only === 1,
    postOnly: r.post_only === 1,
    status: r.status,
    triggered: r.triggered === 1,
    parentId: r.parent_id,
    ocoGroup: r.oco_group,
    bracket: r.bracket === null ? null : (JSON.parse(r.bracket) as Bracket),
    origin: JSON.parse(r.origin) as Origin,
    ledger: r.ledger,
    reason: r.reason,
    tag: r.tag,
    exchangeOrderId: r.exchange_order_id,
    emulated: r.emulated === 1,
    refPrice: dec(r.ref_price),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toFill(r: FillRow): FillRecord {
  return {
    seq: r.seq,
    id: r.id,
    orderId: r.order_id,
    clientOrderId: r.client_order_id,
    account: r.account,
    symbol: r.symbol,
    side: r.side,
    price: dec(r.price),
    qty: dec(r.qty),
    fee: dec(r.fee),
    feeAsset: r.fee_asset,
    interest: dec(r.interest),
    liquidity: r.liquidity,
    origin: JSON.parse(r.origin) as Origin,
    ledger: r.ledger,
    ts: r.ts,
  };
}

/** The `atomically` calls open on one database (any journal object over it) and what waits for their end. */
class Transactions {
  depth = 0;
  rolledBack = false;
  after: ((committed: boolean) => void)[] = [];

  ended(): void {
    const committed = !this.rolledBack;
    this.rolledBack = false;
    while (this.after.length > 0) {
      const queued = this.after;
      this.after = [];
      for (const fn of queued) fn(committed);
    }
  }
}

const transactionsByDb = new WeakMap<Database.Database, Transactions>();

function transactionsOf(db: Database.Database): Transactions {
  let tx = transactionsByDb.get(db);
  if (!tx) transactionsByDb.set(db, (tx = new Transactions()));
  return tx;
}

export class SqliteTradingJournal implements TradingJournal {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  readonly #stmt;
  readonly #writeOrder: (order: OrderRecord, event: OrderEventRecord) => void;
  readonly #writeEnd: (order: OrderRecord, event: OrderEventRecord) => void;
  readonly #writeFill: (fill: FillRecord, order: OrderRecord, event: OrderEventRecord, position: PositionRecord, balance: BalanceRecord) => void;
  readonly #putPosition: (position: PositionRecord) => void;

  constructor(db: Database.Database) {
    this.db = db;
    const s = (this.#stmt = {
      account: db.prepare<[string], { account: string; quote_asset: string; start_balance: string; mode: 'spot' | 'margin'; borrow_rate_pct: string; created_at: number }>(
        'SELECT account, quote_asset, start_balance, mode, borrow_rate_pct, created_at FROM trading_accounts WHERE account = ?',
      ),
      insertAccount: db.prepare<[string, string, string, string, string, number]>(
        'INSERT INTO trading_accounts (account, quote_asset, start_balance, mode, borrow_rate_pct, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      setAccountMode: db.prepare<[string, string]>('UPDATE trading_accounts SET mode = ? WHERE account = ?'),
      setBorrowRate: db.prepare<[string, string]>('UPDATE trading_accounts SET borrow_rate_pct = ? WHERE account = ?'),
      upsertOrder: db.prepare<unknown[]>(`INSERT INTO orders (${ORDER_COLUMNS}) VALUES (${ORDER_COLUMNS.split(', ').map(() => '?').join(', ')}) ON CONFLICT (id) DO UPDATE SET ${ORDER_UPDATES}`),
      endOrder: db.prepare<[string, string | null, number, string]>('UPDATE orders SET status = ?, reason = ?, updated_at = ? WHERE id = ?'),
      insertEvent: db.prepare<[string, number, string, string, string | null]>('INSERT INTO order_events (order_id, ts, kind, status, detail) VALUES (?, ?, ?, ?, ?)'),
      insertFill: db.prepare<unknown[]>(`INSERT INTO fills (${FILL_COLUMNS}) VALUES (${FILL_COLUMNS.split(', ').map(() => '?').join(', ')})`),
      upsertPosition: db.prepare<[string, string, string, string, string, string, string, string, number | null, string, number]>(
        `INSERT INTO positions (account, symbol, ledger, qty, cost_basis, realized_pnl, fees_paid, interest_paid, borrowed_since, borrow_rate_ms, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account, symbol, ledger) DO UPDATE SET qty = excluded.qty, cost_basis = excluded.cost_basis, realized_pnl = excluded.realized_pnl, fees_paid = excluded.fees_paid,
           interest_paid = excluded.interest_paid, borrowed_since = excluded.borrowed_since, borrow_rate_ms = excluded.borrow_rate_ms, updated_at = excluded.updated_at`,
      ),
      insertBalance: db.prepare<[string, number, string, string, string, string, string]>(
        'INSERT INTO balance_snapshots (account, ts, cash, realized_pnl, fees_paid, interest_paid, cause) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertSignal: db.prepare<[number, string, string, string, string, string]>('INSERT INTO signals (ts, origin, ledger, symbol, kind, payload) VALUES (?, ?, ?, ?, ?, ?)'),
      openOrders: db.prepare<[string], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE account = ? AND ${OPEN} ORDER BY seq`),
      positions: db.prepare<
        [string],
        { symbol: string; ledger: string; qty: string; cost_basis: string; realized_pnl: string; fees_paid: string; interest_paid: string; borrowed_since: number | null; borrow_rate_ms: string; updated_at: number }
      >(
        'SELECT symbol, ledger, qty, cost_basis, realized_pnl, fees_paid, interest_paid, borrowed_since, borrow_rate_ms, updated_at FROM positions WHERE account = ? ORDER BY symbol, ledger',
      ),
      latestBalance: db.prepare<[string], { ts: number; cash: string; realized_pnl: string; fees_paid: string; interest_paid: string; cause: string }>(
        'SELECT ts, cash, realized_pnl, fees_paid, interest_paid, cause FROM balance_snapshots WHERE account = ? ORDER BY id DESC LIMIT 1',
      ),
      lastOrderSeq: db.prepare<[string], number | null>('SELECT MAX(seq) FROM orders WHERE account = ?').pluck(),
      lastFillSeq: db.prepare<[string], number | null>('SELECT MAX(seq) FROM fills WHERE account = ?').pluck(),
      byClientId: db.prepare<[string, string], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE account = ? AND client_order_id = ?`),
      byId: db.prepare<[string, string], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE account = ? AND id = ?`),
      children: db.prepare<[string, string], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE parent_id = ? AND account = ? ORDER BY seq`),
      ordersAll: db.prepare<[string, number], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE account = ? ORDER BY seq DESC LIMIT ?`),
      ordersOpen: db.prepare<[string, number], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE account = ? AND ${OPEN} ORDER BY seq DESC LIMIT ?`),
      fillsAll: db.prepare<[string, number], FillRow>(`SELECT ${FILL_COLUMNS} FROM fills WHERE account = ? ORDER BY seq DESC LIMIT ?`),
      fillsSymbol: db.prepare<[string, string, number], FillRow>(`SELECT ${FILL_COLUMNS} FROM fills WHERE account = ? AND symbol = ? ORDER BY seq DESC LIMIT ?`),
      // (ts, id) as a row value: SQLite seeks fills_time to the cursor and walks it backwards.
      fillPage: db.prepare<[string, number, string, number], FillRow>(`SELECT ${FILL_COLUMNS} FROM fills WHERE account = ? AND (ts, id) < (?, ?) ORDER BY ts DESC, id DESC LIMIT ?`),
      fillPageSymbol: db.prepare<[string, string, number, string, number], FillRow>(
        `SELECT ${FILL_COLUMNS} FROM fills WHERE account = ? AND symbol = ? AND (ts, id) < (?, ?) ORDER BY ts DESC, id DESC LIMIT ?`,
      ),
      events: db.prepare<[string], { order_id: string; ts: number; kind: OrderEventRecord['kind']; status: OrderStatus; detail: string | null }>(
        'SELECT order_id, ts, kind, status, detail FROM order_events WHERE order_id = ? ORDER BY id',
      ),
    });
    const putOrder = (o: OrderRecord, e: OrderEventRecord) => {
      s.upsertOrder.run(...orderArgs(o));
      s.insertEvent.run(e.orderId, e.ts, e.kind, e.status, e.detail);
    };
    this.#writeOrder = db.transaction(putOrder);
    this.#writeEnd = db.transaction((o: OrderRecord, e: OrderEventRecord) => {
      // A row that is not there (it cannot be: an order is written when placed) is written whole.
      if (s.endOrder.run(o.status, o.reason, o.updatedAt, o.id).changes === 0) s.upsertOrder.run(...orderArgs(o));
      s.insertEvent.run(e.orderId, e.ts, e.kind, e.status, e.detail);
    });
    const putPosition = (this.#putPosition = (p: PositionRecord) =>
      s.upsertPosition.run(p.account, p.symbol, p.ledger, format(p.qty), format(p.costBasis), format(p.realizedPnl), format(p.feesPaid), format(p.interestPaid), p.borrowedSince, (p.borrowRateMs ?? 0n).toString(), p.updatedAt));
    this.#writeFill = db.transaction((f: FillRecord, o: OrderRecord, e: OrderEventRecord, p: PositionRecord, b: BalanceRecord) => {
      putOrder(o, e);
      s.insertFill.run(f.id, f.seq, f.account, f.orderId, f.clientOrderId, f.symbol, f.side, format(f.price), format(f.qty), format(f.fee), f.feeAsset, format(f.interest), f.liquidity, JSON.stringify(f.origin), f.ledger, f.ts);
      putPosition(p);
      s.insertBalance.run(b.account, b.ts, format(b.cash), format(b.realizedPnl), format(b.feesPaid), format(b.interestPaid), b.cause);
    });
  }

  openAccount(init: AccountRecord): AccountRecord {
    return this.db.transaction(() => {
      const row = this.#stmt.account.get(init.account);
      if (row) return { account: row.account, quoteAsset: row.quote_asset, startBalance: dec(row.start_balance), mode: row.mode, borrowRatePct: dec(row.borrow_rate_pct), createdAt: row.created_at };
      this.#stmt.insertAccount.run(init.account, init.quoteAsset, format(init.startBalance), init.mode, format(init.borrowRatePct), init.createdAt);
      this.#stmt.insertBalance.run(init.account, init.createdAt, format(init.startBalance), '0', '0', '0', 'open');
      return { ...init };
    }).immediate();
  }

  setAccountMode(account: string, mode: AccountRecord['mode']): void {
    if (this.#stmt.setAccountMode.run(mode, account).changes !== 1) throw new Error(`no trading account ${account} in the journal to change to ${mode}`);
  }

  setBorrowRate(account: string, ratePct: Dec, shorts: readonly PositionRecord[]): void {
    this.db.transaction(() => {
      if (this.#stmt.setBorrowRate.run(format(ratePct), account).changes !== 1) throw new Error(`no trading account ${account} in the journal to set a borrow rate on`);
      for (const p of shorts) this.#putPosition(p);
    }).immediate();
  }

  writeOrder(order: OrderRecord, event: OrderEventRecord): void {
    this.#writeOrder(order, event);
  }

  writeEnd(order: OrderRecord, event: OrderEventRecord): void {
    this.#writeEnd(order, event);
  }

  writeFill(fill: FillRecord, order: OrderRecord, event: OrderEventRecord, position: PositionRecord, balance: BalanceRecord): void {
    this.#writeFill(fill, order, event, position, balance);
  }

  /**
   * BEGIN IMMEDIATE: the write lock from the start. A transaction that reads first and writes after fails
   * at once (not after the busy timeout) when another process (`keel import`, a second Keel) committed
   * in between; taking the lock first makes it wait its turn instead.
   */
  atomically<T>(fn: () => T): T {
    const tx = transactionsOf(this.db);
    tx.depth++;
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      // This level rolled back (a nested one to its savepoint), whether or not a caller above catches it.
      tx.rolledBack = true;
      throw e;
    } finally {
      if (--tx.depth === 0) tx.ended();
    }
  }

  afterTransaction(fn: (committed: boolean) => void): void {
    const tx = transactionsOf(this.db);
    // Only an `atomically` runs the queue at its end; a transaction someone else opened gets `fn` at once.
    if (tx.depth > 0 && this.db.inTransaction) tx.after.push(fn);
    else fn(true);
  }

  updateOrder(order: OrderRecord): void {
    this.#stmt.upsertOrder.run(...orderArgs(order));
  }

  writeSignal(signal: SignalRecord): void {
    this.#stmt.insertSignal.run(signal.ts, JSON.stringify(signal.origin), ledgerOf(signal.origin), signal.symbol, signal.kind, signal.payload);
  }

  openOrders(account: string): OrderRecord[] {
    return this.#stmt.openOrders.all(account).map(toOrder);
  }

  positions(account: string): PositionRecord[] {
    return this.#stmt.positions.all(account).map((r) => ({
      account,
      symbol: r.symbol,
      ledger: r.ledger,
      qty: dec(r.qty),
      costBasis: dec(r.cost_basis),
      realizedPnl: dec(r.realized_pnl),
      feesPaid: dec(r.fees_paid),
      interestPaid: dec(r.interest_paid),
      borrowedSince: r.borrowed_since,
      ...(r.borrow_rate_ms === '0' ? {} : { borrowRateMs: BigInt(r.borrow_rate_ms) }),
      updatedAt: r.updated_at,
    }));
  }

  latestBalance(account: string): BalanceRecord | null {
    const r = this.#stmt.latestBalance.get(account);
    return r ? { account, ts: r.ts, cash: dec(r.cash), realizedPnl: dec(r.realized_pnl), feesPaid: dec(r.fees_paid), interestPaid: dec(r.interest_paid), cause: r.cause } : null;
  }

  lastSeq(account: string): { order: number; fill: number } {
    return { order: this.#stmt.lastOrderSeq.get(account) ?? 0, fill: this.#stmt.lastFillSeq.get(account) ?? 0 };
  }

  findByClientOrderId(account: string, clientOrderId: string): OrderRecord | null {
    const r = this.#stmt.byClientId.get(account, clientOrderId);
    return r ? toOrder(r) : null;
  }

  findOrder(account: string, id: string): OrderRecord | null {
    const r = this.#stmt.byId.get(account, id);
    return r ? toOrder(r) : null;
  }

  childOrders(account: string, parentId: string): OrderRecord[] {
    return this.#stmt.children.all(parentId, account).map(toOrder);
  }

  orders(account: string, query: OrderQuery): OrderRecord[] {
    return (query.status === 'open' ? this.#stmt.ordersOpen : this.#stmt.ordersAll).all(account, query.limit).map(toOrder);
  }

  fills(account: string, query: FillQuery): FillRecord[] {
    const rows = query.symbol === undefined ? this.#stmt.fillsAll.all(account, query.limit) : this.#stmt.fillsSymbol.all(account, query.symbol, query.limit);
    return rows.map(toFill);
  }

  fillPage(account: string, query: FillPageQuery): FillRecord[] {
    // No cursor: before everything (every fill's time is below the largest safe integer).
    const { ts, id } = query.before ?? { ts: Number.MAX_SAFE_INTEGER, id: '' };
    const rows = query.symbol === undefined ? this.#stmt.fillPage.all(account, ts, id, query.limit) : this.#stmt.fillPageSymbol.all(account, query.symbol, ts, id, query.limit);
    return rows.map(toFill);
  }

  orderEvents(orderId: string): OrderEventRecord[] {
    return this.#stmt.events.all(orderId).map((r) => ({ orderId: r.order_id, ts: r.ts, kind: r.kind, status: r.status, detail: r.detail }));
  }
}
