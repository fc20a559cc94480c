// The trading journal in memory: what backtests run on (no disk between a fill and the next bar) and
// what unit tests use. Same contract as the SQLite store. Writes keep the objects they are given (the
// engine writes an order again after every change, so the latest state is what is kept, as in SQLite);
// reads hand out copies, so nothing outside can change what is stored.
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

const OPEN = new Set(['new', 'accepted', 'partially_filled']);

export interface MemoryTradingJournalOptions {
  /** Keep every order event (default true). A long backtest that never reads histories can turn it off. */
  keepEvents?: boolean;
}

export class MemoryTradingJournal implements TradingJournal {
  readonly kind = 'memory';
  readonly #accounts = new Map<string, AccountRecord>();
  readonly #orders = new Map<string, OrderRecord>();
  readonly #byClientId = new Map<string, OrderRecord>();
  readonly #fills: FillRecord[] = [];
  readonly #events: OrderEventRecord[] = [];
  readonly #positions = new Map<string, PositionRecord>();
  readonly #balances = new Map<string, BalanceRecord>();
  readonly #signals: SignalRecord[] = [];
  readonly #keepEvents: boolean;

  constructor(options: MemoryTradingJournalOptions = {}) {
    this.#keepEvents = options.keepEvents ?? true;
  }

  openAccount(init: AccountRecord): AccountRecord {
    const found = this.#accounts.get(init.account);
    if (found) return { ...found };
    this.#accounts.set(init.account, { ...init });
    this.#balances.set(init.account, { account: init.account, ts: init.createdAt, cash: init.startBalance, realizedPnl: 0n, feesPaid: 0n, interestPaid: 0n, cause: 'open' });
    return { ...init };
  }

  setAccountMode(account: string, mode: AccountRecord['mode']): void {
    const found = this.#accounts.get(account);
    if (!found) throw new Error(`no trading account ${account} in the journal to change to ${mode}`);
    found.mode = mode;
  }

  setBorrowRate(account: string, ratePct: AccountRecord['borrowRatePct'], shorts: readonly PositionRecord[]): void {
    const found = this.#accounts.get(account);
    if (!found) throw new Error(`no trading account ${account} in the journal to set a borrow rate on`);
    found.borrowRatePct = ratePct;
    for (const p of shorts) this.#positions.set(`${p.account}\u0000${p.symbol}\u0000${p.ledger}`, p);
  }

  writeOrder(order: OrderRecord, event: OrderEventRecord): void {
    if (this.#orders.get(order.id) !== order) {
      this.#orders.set(order.id, order);
      this.#byClientId.set(`${order.account}\u0000${order.clientOrderId}`, order);
    }
    if (this.#keepEvents) this.#events.push(event);
  }

  writeFill(fill: FillRecord, order: OrderRecord, event: OrderEventRecord, position: PositionRecord, balance: BalanceRecord): void {
    this.#fills.push(fill);
    this.writeOrder(order, event);
    this.#positions.set(`${position.account}\u0000${position.symbol}\u0000${position.ledger}`, position);
    this.#balances.set(balance.account, balance);
  }

  atomically<T>(fn: () => T): T {
    return fn();
  }

  updateOrder(order: OrderRecord): void {
    this.#orders.set(order.id, order);
    this.#byClientId.set(`${order.account}\u0000${order.clientOrderId}`, order);
  }

  writeSignal(signal: SignalRecord): void {
    this.#signals.push({ ...signal });
  }

  openOrders(account: string): OrderRecord[] {
    return [...this.#orders.values()].filter((o) => o.account === account && OPEN.has(o.status)).sort((a, b) => a.seq - b.seq).map((o) => ({ ...o }));
  }

  positions(account: string): PositionRecord[] {
    return [...this.#positions.values()].filter((p) => p.account === account).map((p) => ({ ...p }));
  }

  latestBalance(account: string): BalanceRecord | null {
    const b = this.#balances.get(account);
    return b ? { ...b } : null;
  }

  lastSeq(account: string): { order: number; fill: number } {
    let order = 0;
    for (const o of this.#orders.values()) if (o.account === account && o.seq > order) order = o.seq;
    let fill = 0;
    for (const f of this.#fills) if (f.account === account && f.seq > fill) fill = f.seq;
    return { order, fill };
  }

  findByClientOrderId(account: string, clientOrderId: string): OrderRecord | null {
    const o = this.#byClientId.get(`${account}\u0000${clientOrderId}`);
    return o ? { ...o } : null;
  }

  findOrder(account: string, id: string): OrderRecord | null {
    const o = this.#orders.get(id);
    return o && o.account === account ? { ...o } : null;
  }

  childOrders(account: string, parentId: string): OrderRecord[] {
    return [...this.#orders.values()].filter((o) => o.account === account && o.parentId === parentId).sort((a, b) => a.seq - b.seq).map((o) => ({ ...o }));
  }

  orders(account: string, query: OrderQuery): OrderRecord[] {
    const out: OrderRecord[] = [];
    const all = [...this.#orders.values()].sort((a, b) => b.seq - a.seq);
    for (const o of all) {
      if (out.length >= query.limit) break;
      if (o.account === account && (query.status === 'all' || OPEN.has(o.status))) out.push({ ...o });
    }
    return out;
  }

  fills(account: string, query: FillQuery): FillRecord[] {
    const out: FillRecord[] = [];
    for (let i = this.#fills.length - 1; i >= 0 && out.length < query.limit; i--) {
      const f = this.#fills[i]!;
      if (f.account === account && (query.symbol === undefined || f.symbol === query.symbol)) out.push({ ...f });
    }
    return out;
  }

  /** A sort of the account's fills per page: only the app's fills tab asks, never a backtest's hot path. */
  fillPage(account: string, query: FillPageQuery): FillRecord[] {
    const before = query.before;
    return this.#fills
      .filter((f) => f.account === account && (query.symbol === undefined || f.symbol === query.symbol) && (before === undefined || f.ts < before.ts || (f.ts === before.ts && f.id < before.id)))
      .sort((a, b) => b.ts - a.ts || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, query.limit)
      .map((f) => ({ ...f }));
  }

  orderEvents(orderId: string): OrderEventRecord[] {
    return this.#events.filter((e) => e.orderId === orderId).map((e) => ({ ...e }));
  }

  /** Every signal written, oldest first (tests and backtest reports). */
  signals(): SignalRecord[] {
    return this.#signals.map((s) => ({ ...s }));
  }
}
