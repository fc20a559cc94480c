// Every order the risk gate has handed to the broker and not yet seen end, kept by the gate itself from
// what it sends and what the broker reports back. Two uses:
// - exposure: a resting order that can add to a position is exposure already committed. Per (symbol,
//   ledger) the book keeps the open buy and sell quantity of orders that are not reduce-only, so a rule can
//   take the worst case: max(|position + buys|, |position − sells|). Fills move quantity from the book into
//   the position and never raise that worst case, so once an order is admitted no fill can break a limit
//   that prices standing still would keep.
// - attribution: a fill names only its order id; the book says which symbol, ledger and side it was.
//
// Orders the engine holds itself (emulated triggers) are not here until they fire and pass the gate.
import { toNumber, type Dec } from '../../shared/trading/decimal.ts';
import type { Side } from '../../shared/trading/orders.ts';
import type { BrokerOrder, OrderChanges } from '../trading/broker.ts';

/** Open buy and sell quantity of one ledger's exposure-adding orders in one symbol. */
export interface PendingSide {
  buy: Dec;
  sell: Dec;
  /** The same as floats, for the per-check sums. */
  buyF: number;
  sellF: number;
}

export interface PendingOrder {
  readonly id: string;
  readonly symbol: string;
  readonly ledger: string;
  readonly side: Side;
  readonly reduceOnly: boolean;
  /** A resting stop's trigger (stop-market, stop-limit), else null. */
  readonly stopTrigger: Dec | null;
  qty: Dec;
  filled: Dec;
  /** qty − filled. */
  remaining: Dec;
}

export class PendingBook {
  readonly #orders = new Map<string, PendingOrder>();
  /** symbol → ledger → open quantities: two lookups and no string building on the check path. */
  readonly #bySymbol = new Map<string, Map<string, PendingSide>>();
  /** symbol → ledger → its resting stop orders. */
  readonly #stops = new Map<string, Map<string, Set<PendingOrder>>>();
  /** Bumped on every change, so readers can tell a stale cache. */
  version = 0;

  get size(): number {
    return this.#orders.size;
  }

  order(id: string): PendingOrder | undefined {
    return this.#orders.get(id);
  }

  /** The open quantities of one ledger in one symbol, or undefined when it has none. */
  side(symbol: string, ledger: string): PendingSide | undefined {
    return this.#bySymbol.size === 0 ? undefined : this.#bySymbol.get(symbol)?.get(ledger);
  }

  /** Every (symbol, ledger) with open exposure-adding orders. */
  forEachKey(fn: (symbol: string, ledger: string, side: PendingSide) => void): void {
    for (const [symbol, ledgers] of this.#bySymbol) for (const [ledger, s] of ledgers) fn(symbol, ledger, s);
  }

  add(o: Pick<BrokerOrder, 'id' | 'symbol' | 'side' | 'reduceOnly' | 'qty' | 'filledQty'> & Partial<Pick<BrokerOrder, 'type' | 'triggerPrice'>> & { ledger: string }): void {
    this.remove(o.id);
    const isStop = (o.type === 'stop-market' || o.type === 'stop-limit') && o.triggerPrice != null;
    const entry: PendingOrder = { id: o.id, symbol: o.symbol, ledger: o.ledger, side: o.side, reduceOnly: o.reduceOnly, stopTrigger: isStop ? o.triggerPrice! : null, qty: o.qty, filled: o.filledQty, remaining: o.qty - o.filledQty };
    if (entry.remaining <= 0n) return;
    this.#orders.set(o.id, entry);
    this.#shift(entry, entry.remaining);
    if (entry.stopTrigger !== null) {
      let ledgers = this.#stops.get(o.symbol);
      if (!ledgers) this.#stops.set(o.symbol, (ledgers = new Map()));
      let set = ledgers.get(o.ledger);
      if (!set) ledgers.set(o.ledger, (set = new Set()));
      set.add(entry);
    }
  }

  /**
   * The trigger of the ledger's resting stop that would close a position opened by an order on `side`
   * (a sell stop protects a long): the nearest one, since it ends the trade first. Null when there is none.
   */
  protectiveStop(symbol: string, ledger: string, side: Side): Dec | null {
    const set = this.#stops.size === 0 ? undefined : this.#stops.get(symbol)?.get(ledger);
    if (!set) return null;
    let best: Dec | null = null;
    for (const o of set) {
      if (o.side === side) continue;
      if (best === null || (side === 'buy' ? o.stopTrigger! > best : o.stopTrigger! < best)) best = o.stopTrigger;
    }
    return best;
  }

  /** A fill: the order's remaining shrinks (and it leaves the book when done). Returns it, or undefined if unknown. */
  fill(id: string, qty: Dec): PendingOrder | undefined {
    const o = this.#orders.get(id);
    if (!o) return undefined;
    const take = qty < o.remaining ? qty : o.remaining;
    this.#shift(o, -take);
    o.filled += qty;
    o.remaining -= take;
    if (o.remaining <= 0n) this.#forget(o);
    return o;
  }

  /** The venue changed the order's quantity (the engine's resize, or a user's modify). */
  modify(id: string, changes: OrderChanges): void {
    const o = this.#orders.get(id);
    if (!o || changes.qty === undefined) return;
    const remaining = changes.qty > o.filled ? changes.qty - o.filled : 0n;
    this.#shift(o, remaining - o.remaining);
    o.qty = changes.qty;
    o.remaining = remaining;
    if (o.remaining <= 0n) this.#forget(o);
  }

  remove(id: string): PendingOrder | undefined {
    const o = this.#orders.get(id);
    if (!o) return undefined;
    this.#shift(o, -o.remaining);
    this.#forget(o);
    return o;
  }

  #forget(o: PendingOrder): void {
    this.#orders.delete(o.id);
    if (o.stopTrigger === null) return;
    const ledgers = this.#stops.get(o.symbol);
    const set = ledgers?.get(o.ledger);
    if (!ledgers || !set) return;
    set.delete(o);
    if (set.size === 0) ledgers.delete(o.ledger);
    if (ledgers.size === 0) this.#stops.delete(o.symbol);
  }

  #shift(o: PendingOrder, delta: Dec): void {
    this.version++;
    if (o.reduceOnly || delta === 0n) return;
    let ledgers = this.#bySymbol.get(o.symbol);
    if (!ledgers) this.#bySymbol.set(o.symbol, (ledgers = new Map()));
    let s = ledgers.get(o.ledger);
    if (!s) ledgers.set(o.ledger, (s = { buy: 0n, sell: 0n, buyF: 0, sellF: 0 }));
    if (o.side === 'buy') {
      s.buy += delta;
      s.buyF = toNumber(s.buy);
    } else {
      s.sell += delta;
      s.sellF = toNumber(s.sell);
    }
    if (s.buy === 0n && s.sell === 0n) {
      ledgers.delete(o.ledger);
      if (ledgers.size === 0) this.#bySymbol.delete(o.symbol);
    }
  }
}
