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
import { toNumberAsChecked } from './order-figures.ts';
import type { Side } from '../../shared/trading/orders.ts';
import type { BrokerOrder, OrderChanges } from '../trading/broker.ts';
import { SmallIdMap } from '../trading/small-id-map.ts';

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

/**
 * One (symbol, ledger)'s open quantities. Made the first time the pair has an order and kept for good
 * (a book holds few pairs): dropping it when its orders end and making it again with the next order was a
 * map delete and a map insert per order, most of the book's cost in a backtest. Whether it is `live`
 * (holds anything) is what the readers see.
 */
class Tally implements PendingSide {
  buy = 0n;
  sell = 0n;
  buyF = 0;
  sellF = 0;
  live = false;
  readonly ledger: string;
  readonly group: SymbolGroup;

  constructor(ledger: string, group: SymbolGroup) {
    this.ledger = ledger;
    this.group = group;
  }
}

/** A symbol's tallies by ledger, and those of them live, in the order they became live. */
class SymbolGroup {
  readonly symbol: string;
  readonly byLedger = new Map<string, Tally>();
  readonly live: Tally[] = [];

  constructor(symbol: string) {
    this.symbol = symbol;
  }
}

/** A book entry: the order, and its pair's tally looked up once (null for reduce-only: it adds none). */
class Entry implements PendingOrder {
  readonly id: string;
  readonly symbol: string;
  readonly ledger: string;
  readonly side: Side;
  readonly reduceOnly: boolean;
  readonly stopTrigger: Dec | null;
  qty: Dec;
  filled: Dec;
  remaining: Dec;
  readonly tally: Tally | null;

  constructor(id: string, symbol: string, ledger: string, side: Side, reduceOnly: boolean, stopTrigger: Dec | null, qty: Dec, filled: Dec, remaining: Dec, tally: Tally | null) {
    this.id = id;
    this.symbol = symbol;
    this.ledger = ledger;
    this.side = side;
    this.reduceOnly = reduceOnly;
    this.stopTrigger = stopTrigger;
    this.qty = qty;
    this.filled = filled;
    this.remaining = remaining;
    this.tally = tally;
  }
}

export class PendingBook {
  /** The open orders by id: one or two in a backtest, added and dropped per order (SmallIdMap says why not a Map). */
  readonly #orders = new SmallIdMap<Entry>();
  /** symbol → its tallies; kept for good, so adds and fills only look up. */
  readonly #groups = new Map<string, SymbolGroup>();
  /** Symbols with a live tally, in the order they became live: the order forEachKey walks them in. */
  readonly #liveGroups: SymbolGroup[] = [];
  /** symbol → ledger → its resting stop orders. */
  readonly #stops = new Map<string, Map<string, Set<PendingOrder>>>();
  #lastTally: Tally | null = null;
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
    if (this.#liveGroups.length === 0) return undefined;
    const t = this.#groups.get(symbol)?.byLedger.get(ledger);
    return t !== undefined && t.live ? t : undefined;
  }

  /** Every (symbol, ledger) with open exposure-adding orders. */
  forEachKey(fn: (symbol: string, ledger: string, side: PendingSide) => void): void {
    const groups = this.#liveGroups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      for (let i = 0; i < group.live.length; i++) fn(group.symbol, group.live[i]!.ledger, group.live[i]!);
    }
  }

  add(o: Pick<BrokerOrder, 'id' | 'symbol' | 'side' | 'reduceOnly' | 'qty' | 'filledQty'> & Partial<Pick<BrokerOrder, 'type' | 'triggerPrice'>> & { ledger: string }): void {
    this.remove(o.id);
    const remaining = o.filledQty === 0n ? o.qty : o.qty - o.filledQty;
    if (remaining <= 0n) return;
    const isStop = (o.type === 'stop-market' || o.type === 'stop-limit') && o.triggerPrice != null;
    const entry = new Entry(o.id, o.symbol, o.ledger, o.side, o.reduceOnly, isStop ? o.triggerPrice! : null, o.qty, o.filledQty, remaining, o.reduceOnly ? null : this.#tally(o.symbol, o.ledger));
    this.#orders.set(entry.id, entry);
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
    o.filled += qty;
    if (qty < o.remaining) {
      this.#shift(o, -qty);
      o.remaining -= qty;
      return o;
    }
    // The whole rest: the same as above with take = remaining, without computing 0 and −remaining as new bigints.
    this.#drop(o);
    o.remaining = 0n;
    this.#forget(o);
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

  /** Holds no order (the engine is giving it the journal's open orders again). */
  clear(): void {
    for (const o of this.#orders.values()) this.remove(o.id);
  }

  remove(id: string): PendingOrder | undefined {
    const o = this.#orders.get(id);
    if (!o) return undefined;
    this.#drop(o);
    this.#forget(o);
    return o;
  }

  #forget(o: Entry): void {
    this.#orders.delete(o.id);
    if (o.stopTrigger === null) return;
    const ledgers = this.#stops.get(o.symbol);
    const set = ledgers?.get(o.ledger);
    if (!ledgers || !set) return;
    set.delete(o);
    if (set.size === 0) ledgers.delete(o.ledger);
    if (ledgers.size === 0) this.#stops.delete(o.symbol);
  }

  /** The (symbol, ledger) tally, made on first use. The last one is at hand: orders come in runs on one pair. */
  #tally(symbol: string, ledger: string): Tally {
    const last = this.#lastTally;
    if (last !== null && last.group.symbol === symbol && last.ledger === ledger) return last;
    let group = this.#groups.get(symbol);
    if (!group) this.#groups.set(symbol, (group = new SymbolGroup(symbol)));
    let t = group.byLedger.get(ledger);
    if (!t) group.byLedger.set(ledger, (t = new Tally(ledger, group)));
    this.#lastTally = t;
    return t;
  }

  /** #shift(o, −o.remaining), without the negation. */
  #drop(o: Entry): void {
    this.version++;
    const s = o.tally;
    if (s === null || o.remaining === 0n) return;
    if (o.side === 'buy') {
      s.buy -= o.remaining;
      s.buyF = s.buy === 0n ? 0 : toNumber(s.buy);
    } else {
      s.sell -= o.remaining;
      s.sellF = s.sell === 0n ? 0 : toNumber(s.sell);
    }
    const live = s.buy !== 0n || s.sell !== 0n;
    if (live !== s.live) this.#setLive(s, live);
  }

  #shift(o: Entry, delta: Dec): void {
    this.version++;
    const s = o.tally;
    if (s === null || delta === 0n) return;
    // An order's end brings the tally back to 0, and a new order's start (on a pair with nothing open)
    // to the quantity just checked: most shifts, in a backtest, and neither needs a conversion of its own.
    if (o.side === 'buy') {
      s.buy += delta;
      s.buyF = s.buy === 0n ? 0 : toNumberAsChecked(s.buy);
    } else {
      s.sell += delta;
      s.sellF = s.sell === 0n ? 0 : toNumberAsChecked(s.sell);
    }
    const live = s.buy !== 0n || s.sell !== 0n;
    if (live !== s.live) this.#setLive(s, live);
  }

  /**
   * A tally starts or stops holding anything: it joins the end of its symbol's live list (and the symbol
   * the end of the book's, when it is the symbol's first), or leaves them. The order is the one a map
   * per symbol and per ledger, entries deleted when empty, would walk in: the exposure snapshot sums in it.
   */
  #setLive(s: Tally, live: boolean): void {
    s.live = live;
    const group = s.group;
    if (live) {
      if (group.live.length === 0) this.#liveGroups.push(group);
      group.live.push(s);
      return;
    }
    removeInOrder(group.live, s);
    if (group.live.length === 0) removeInOrder(this.#liveGroups, group);
  }
}

/** Removes `item` from `list`, keeping the others' order (no splice: it would allocate the removed part). */
function removeInOrder<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i === -1) return;
  for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!;
  list.pop();
}
