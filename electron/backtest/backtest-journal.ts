// The trading journal a backtest runs on: it keeps only what the engine reads back during a run (open
// orders, positions, the latest balance, signals) and hands every fill to the runner as it is written.
// A memory journal that kept every order of a million-bar run would spend the run growing maps and
// collecting garbage; the runner keeps its own fill list, so closed orders can go.
import type {
  AccountRecord,
  BalanceRecord,
  FillRecord,
  OrderEventRecord,
  OrderRecord,
  PositionRecord,
  SignalRecord,
  TradingJournal,
} from '../journal/trading-journal.ts';
import { isOpen } from '../trading/order-state.ts';
import { SmallIdMap } from '../trading/small-id-map.ts';


export class BacktestJournal implements TradingJournal {
  readonly kind = 'memory';
  readonly #tap: (fill: FillRecord, order: Readonly<OrderRecord>) => void;
  readonly #expired: ((order: Readonly<OrderRecord>) => void) | null;
  #account: AccountRecord | null = null;
  readonly #open = new SmallIdMap<OrderRecord>();
  readonly #positions = new Map<string, PositionRecord>();
  /** The #positions key of each (symbol, ledger), built once: a fill looks it up instead of concatenating. */
  readonly #keys = new Map<string, Map<string, string>>();
  #lastSymbol: string | null = null;
  #lastLedger: string | null = null;
  #lastKey = '';
  #balance: BalanceRecord | null = null;
  readonly #signals: SignalRecord[] = [];
  #lastOrderSeq = 0;
  #lastFillSeq = 0;

  /** `expired`: each order that ends expired (a backtest notes those the cash cut), told as it is written. */
  constructor(tap: (fill: FillRecord, order: Readonly<OrderRecord>) => void, expired: ((order: Readonly<OrderRecord>) => void) | null = null) {
    this.#tap = tap;
    this.#expired = expired;
  }

  openAccount(init: AccountRecord): AccountRecord {
    if (!this.#account) {
      this.#account = { ...init };
      this.#balance = { account: init.account, ts: init.createdAt, cash: init.startBalance, realizedPnl: 0n, feesPaid: 0n, interestPaid: 0n, cause: 'open' };
    }
    return { ...this.#account };
  }

  writeOrder(order: OrderRecord, _event: OrderEventRecord): void {
    if (order.seq > this.#lastOrderSeq) this.#lastOrderSeq = order.seq;
    if (isOpen(order.status)) this.#open.set(order.id, order);
    else {
      this.#open.delete(order.id);
      if (order.status === 'expired' && this.#expired !== null) this.#expired(order);
    }
  }

  writeFill(fill: FillRecord, order: OrderRecord, event: OrderEventRecord, position: PositionRecord, balance: BalanceRecord): void {
    this.#lastFillSeq = fill.seq;
    this.writeOrder(order, event);
    this.#positions.set(this.#key(position.symbol, position.ledger), position);
    this.#balance = balance;
    this.#tap(fill, order);
  }

  #key(symbol: string, ledger: string): string {
    // A run trades one symbol in one ledger: the last key is nearly always the one asked for.
    if (symbol === this.#lastSymbol && ledger === this.#lastLedger) return this.#lastKey;
    const key = this.#keyOf(symbol, ledger);
    this.#lastSymbol = symbol;
    this.#lastLedger = ledger;
    this.#lastKey = key;
    return key;
  }

  #keyOf(symbol: string, ledger: string): string {
    let ledgers = this.#keys.get(symbol);
    if (!ledgers) this.#keys.set(symbol, (ledgers = new Map()));
    let key = ledgers.get(ledger);
    if (key === undefined) ledgers.set(ledger, (key = `${symbol}\u0000${ledger}`));
    return key;
  }

  atomically<T>(fn: () => T): T {
    return fn();
  }

  updateOrder(order: OrderRecord): void {
    if (isOpen(order.status)) this.#open.set(order.id, order);
  }

  writeSignal(signal: SignalRecord): void {
    this.#signals.push({ ...signal });
  }

  openOrders(): OrderRecord[] {
    return this.#open.values().sort((a, b) => a.seq - b.seq).map((o) => ({ ...o }));
  }

  positions(): PositionRecord[] {
    return [...this.#positions.values()].map((p) => ({ ...p }));
  }

  latestBalance(): BalanceRecord | null {
    return this.#balance ? { ...this.#balance } : null;
  }

  lastSeq(): { order: number; fill: number } {
    return { order: this.#lastOrderSeq, fill: this.#lastFillSeq };
  }

  findByClientOrderId(_account: string, clientOrderId: string): OrderRecord | null {
    for (const o of this.#open.view()) if (o.clientOrderId === clientOrderId) return { ...o };
    return null;
  }

  findOrder(_account: string, id: string): OrderRecord | null {
    const o = this.#open.get(id);
    return o ? { ...o } : null;
  }

  childOrders(_account: string, parentId: string): OrderRecord[] {
    return this.#open.values().filter((o) => o.parentId === parentId).sort((a, b) => a.seq - b.seq).map((o) => ({ ...o }));
  }

  orders(_account: string, query: { status: 'open' | 'all'; limit: number }): OrderRecord[] {
    return this.openOrders().reverse().slice(0, query.limit);
  }

  /** Fills go to the runner; the journal keeps none. */
  fills(): FillRecord[] {
    return [];
  }

  fillPage(): FillRecord[] {
    return [];
  }

  orderEvents(): OrderEventRecord[] {
    return [];
  }

  /** Signals the strategy journaled during the run, oldest first. */
  signals(): SignalRecord[] {
    return this.#signals.map((s) => ({ ...s }));
  }
}
