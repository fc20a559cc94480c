// What open orders hold back, so two orders cannot spend the same cash or sell the same coins:
//
// - spot: a buy holds its remaining qty × reference price plus the taker fee in cash; a sell holds its
//   remaining qty of the base asset in its ledger.
// - margin: any order that is not reduce-only holds cash as 1× collateral.
// - reduce-only orders (bracket stops and targets among them) hold nothing: the engine shrinks them with
//   the position they reduce, so they can never sell what is not there.
// - one-cancels-other siblings (a bracket's stop and targets) can only ever fill up to one position's
//   worth, so a group holds its largest member's amount, not the sum.
//
// Kept per order and updated whenever an order changes (placed, filled, resized, closed), so checking an
// order costs the same with 5 or 50,000 orders open.
//
// Every order passes through here three times (placed, filled, closed), so the per-update path avoids
// work that does not change a total: no map lookups for the totals (an order keeps its (symbol, ledger)
// totals object), no bigint arithmetic on amounts that are zero, no signed copies of amounts (totals are
// added to and taken from), and no object per group change.
import type { Dec } from '../../shared/trading/decimal.ts';
import type { OrderRecord } from '../journal/trading-journal.ts';
import { isOpen } from './order-state.ts';
import { costWithFee } from './validate-order.ts';
import { SmallIdMap } from './small-id-map.ts';

/** Base held by open sells in one symbol, across ledgers. */
class SymbolBase {
  readonly symbol: string;
  base: Dec = 0n;
  /** In baseBySymbol() from the first sell that held some, as before: symbols only bought never show. */
  listed = false;

  constructor(symbol: string) {
    this.symbol = symbol;
  }
}

/**
 * The totals of one (symbol, ledger): base held by its open sells, and the remaining quantity of its open
 * exposure-adding buys and sells, each side on its own (a resting buy does not make a sell any safer: it
 * may be cancelled, and the sell then adds to a short).
 */
class Pair {
  readonly symbol: string;
  readonly ledger: string;
  readonly bySymbol: SymbolBase;
  base: Dec = 0n;
  pendingBuys: Dec = 0n;
  pendingSells: Dec = 0n;

  constructor(symbol: string, ledger: string, bySymbol: SymbolBase) {
    this.symbol = symbol;
    this.ledger = ledger;
    this.bySymbol = bySymbol;
  }
}

/** One open order's holding. */
class Held {
  readonly base: Dec;
  /** Remaining qty of an order that adds exposure (0 for reduce-only): the risk gate's "pending" on the order's side. */
  readonly exposure: Dec;
  readonly buy: boolean;
  readonly pair: Pair;
  readonly group: string | null;
  /** Cash held: costWithFee(qty, price, rate) for an order that holds cash, else 0. */
  cash: Dec = 0n;
  /** An ungrouped order's cash waits (uncosted, in no total) until the cash total is read: see #uncounted. */
  waiting = false;
  /** What the cash is costed from, as the order stood when it changed. */
  qty: Dec = 0n;
  price: Dec = 0n;
  rate: Dec = 0n;

  constructor(base: Dec, exposure: Dec, buy: boolean, pair: Pair, group: string | null) {
    this.base = base;
    this.exposure = exposure;
    this.buy = buy;
    this.pair = pair;
    this.group = group;
  }
}

/** At most this many holdings wait in #uncounted. */
const MAX_UNCOUNTED = 64;

/**
 * Holdings by order id. A backtest has an order or two open at a time, each placed and closed within a
 * bar or so: a SmallIdMap (a short list, a map only for many). It also remembers the last id asked
 * about: an order's updates come one after the other (placed and checked, filled, closed).
 */
class HeldById {
  readonly #byId = new SmallIdMap<Held>();
  #lastId: string | null = null;
  #last: Held | undefined = undefined;

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): Held | undefined {
    if (id === this.#lastId) return this.#last;
    const h = this.#byId.get(id);
    this.#lastId = id;
    this.#last = h;
    return h;
  }

  set(id: string, h: Held): void {
    this.#lastId = id;
    this.#last = h;
    this.#byId.set(id, h);
  }

  delete(id: string): void {
    if (id === this.#lastId) this.#last = undefined;
    this.#byId.delete(id);
  }
}

export class Reservations {
  #mode: 'spot' | 'margin';
  readonly #takerRate: (symbol: string) => Dec;
  readonly #held = new HeldById();
  readonly #groups = new Map<string, Set<string>>();
  /** Cash held in total, but for the holdings in #uncounted; base and pending live in the Pair of each (symbol, ledger). */
  #cash: Dec = 0n;
  /**
   * Ungrouped holdings whose cash is not costed nor in #cash yet: that is done when the cash total is
   * read. A backtest's market order is placed after the cash check and filled at the next bar before
   * anything reads the total again, so its cost is never worked out, added, and taken away.
   */
  readonly #uncounted: Held[] = [];
  readonly #pairs = new Map<string, Map<string, Pair>>();
  readonly #symbols = new Map<string, SymbolBase>();
  /** The pair used last: orders of one symbol and ledger come in runs, so this is nearly always the one asked for. */
  #lastPair: Pair | null = null;
  /** baseBySymbol()'s map, brought up to date when asked for; symbols in the order they first held base. */
  readonly #baseBySymbol = new Map<string, Dec>();
  readonly #listed: SymbolBase[] = [];

  constructor(mode: 'spot' | 'margin', takerRate: (symbol: string) => Dec) {
    this.#mode = mode;
    this.#takerRate = takerRate;
  }

  /**
   * The account became spot or margin (the paper account's kind, changed by the trader). Only while no
   * order holds anything: what each holds depends on the kind, and is not worked out again.
   */
  setMode(mode: 'spot' | 'margin'): void {
    if (this.#held.size > 0) throw new Error(`reservations: ${this.#held.size} open order(s) hold cash or coins; the account's kind changes only with none open`);
    this.#mode = mode;
  }

  /** Cash held by open orders (optionally leaving one order out, to re-check it with new values). */
  cash(exclude: string | null = null): Dec {
    if (this.#uncounted.length > 0) this.#count();
    return exclude === null ? this.#cash : this.#cash - this.#contribution(exclude, 'cash');
  }

  /**
   * Cash held by every open order but `id`: cash(id), without costing `id` itself when its cost still
   * waits (a backtest's market order filling at the next bar, asked at each buy fill, is never costed).
   */
  cashBesides(id: string): Dec {
    const h = this.#held.get(id);
    if (h === undefined || !h.waiting) return this.cash(id);
    // Waiting, it is in #uncounted and not in #cash: the others are counted, then it waits again.
    if (this.#uncounted.length > 1) {
      h.waiting = false;
      this.#count();
      h.waiting = true;
      this.#uncounted.push(h);
    }
    return this.#cash;
  }

  /** Base held by a ledger's open sells in a symbol. */
  base(symbol: string, ledger: string, exclude: string | null = null): Dec {
    const total = this.#find(symbol, ledger)?.base ?? 0n;
    return exclude === null ? total : total - this.#contribution(exclude, 'base');
  }

  /** Base held by open sells per symbol, across ledgers. */
  baseBySymbol(): ReadonlyMap<string, Dec> {
    const map = this.#baseBySymbol;
    for (const s of this.#listed) map.set(s.symbol, s.base);
    return map;
  }

  /**
   * Σ remaining qty of a ledger's open exposure-adding orders in a symbol on one side (buys when `buy`,
   * else sells; never negative), optionally without one order.
   */
  pending(symbol: string, ledger: string, buy: boolean, exclude: string | null = null): Dec {
    const pair = this.#find(symbol, ledger);
    if (pair === undefined) return 0n;
    const total = buy ? pair.pendingBuys : pair.pendingSells;
    const h = exclude === null ? undefined : this.#held.get(exclude);
    if (!h || h.pair !== pair || h.buy !== buy || h.exposure === 0n) return total;
    return total - h.exposure;
  }

  /** Brings one order's holding up to date (after any change to it); closed orders hold nothing. */
  update(o: OrderRecord): void {
    const old = this.#held.get(o.id);
    if (old) this.#drop(o.id, old);
    if (!isOpen(o.status)) return;
    const remaining = o.qty - o.filledQty;
    if (remaining <= 0n) return;
    const buy = o.side === 'buy';
    const holdsCash = !o.reduceOnly && (this.#mode === 'margin' || buy);
    const rate = holdsCash ? this.#takerRate(o.symbol) : 0n;
    const h = new Held(this.#mode === 'spot' && !buy && !o.reduceOnly ? remaining : 0n, o.reduceOnly ? 0n : remaining, buy, this.#pair(o.symbol, o.ledger), o.ocoGroup);
    if (h.group === null) {
      this.#held.set(o.id, h);
      if (holdsCash) this.#wait(h, remaining, o.refPrice, rate);
      this.#hold(h.pair, 0n, h.base);
    } else {
      // A group's total is its largest member's: costed now.
      if (holdsCash) h.cash = costWithFee(remaining, o.refPrice, rate);
      this.#addToGroup(o.id, h);
    }
    const pair = h.pair;
    if (h.exposure !== 0n) {
      if (buy) pair.pendingBuys += h.exposure;
      else pair.pendingSells += h.exposure;
    }
  }

  #drop(id: string, h: Held): void {
    const pair = h.pair;
    if (h.exposure !== 0n) {
      if (h.buy) pair.pendingBuys -= h.exposure;
      else pair.pendingSells -= h.exposure;
    }
    if (h.group === null) {
      this.#held.delete(id);
      this.#release(pair, h.waiting ? 0n : h.cash, h.base);
      h.waiting = false;
      return;
    }
    const members = this.#groups.get(h.group)!;
    const cashBefore = this.#groupMax(members, 'cash');
    const baseBefore = this.#groupMax(members, 'base');
    this.#held.delete(id);
    members.delete(id);
    if (members.size === 0) this.#groups.delete(h.group);
    this.#hold(pair, this.#groupMax(members, 'cash') - cashBefore, this.#groupMax(members, 'base') - baseBefore);
  }

  /** A group's totals move from its old max to its new one. */
  #addToGroup(id: string, h: Held): void {
    let members = this.#groups.get(h.group!);
    if (!members) this.#groups.set(h.group!, (members = new Set()));
    const cashBefore = this.#groupMax(members, 'cash');
    const baseBefore = this.#groupMax(members, 'base');
    this.#held.set(id, h);
    members.add(id);
    this.#hold(h.pair, this.#groupMax(members, 'cash') - cashBefore, this.#groupMax(members, 'base') - baseBefore);
  }

  #groupMax(members: Set<string>, what: 'cash' | 'base'): Dec {
    let max = 0n;
    for (const id of members) {
      const m = this.#held.get(id);
      if (m && m[what] > max) max = m[what];
    }
    return max;
  }

  /** Puts a holding's cash in #uncounted, with what to cost it from. */
  #wait(h: Held, qty: Dec, price: Dec, rate: Dec): void {
    h.qty = qty;
    h.price = price;
    h.rate = rate;
    h.waiting = true;
    const list = this.#uncounted;
    list.push(h);
    // Not read for a while (no engine asking): counted now, so the list stays short.
    if (list.length >= MAX_UNCOUNTED) this.#count();
  }

  /** Costs the waiting holdings still open and adds them to #cash. */
  #count(): void {
    const list = this.#uncounted;
    while (list.length > 0) {
      const h = list.pop()!;
      if (!h.waiting) continue;
      h.waiting = false;
      h.cash = costWithFee(h.qty, h.price, h.rate);
      this.#cash += h.cash;
    }
  }

  /** Adds to the totals (amounts may be negative: a group's max going down). */
  #hold(pair: Pair, cash: Dec, base: Dec): void {
    if (cash !== 0n) this.#cash += cash;
    if (base !== 0n) {
      pair.base += base;
      const s = pair.bySymbol;
      s.base += base;
      if (!s.listed) {
        s.listed = true;
        this.#listed.push(s);
      }
    }
  }

  /** Takes from the totals what #hold added. */
  #release(pair: Pair, cash: Dec, base: Dec): void {
    if (cash !== 0n) this.#cash -= cash;
    if (base !== 0n) {
      pair.base -= base;
      pair.bySymbol.base -= base;
    }
  }

  /** The totals of (symbol, ledger), made on first use. */
  #pair(symbol: string, ledger: string): Pair {
    const last = this.#lastPair;
    if (last !== null && last.symbol === symbol && last.ledger === ledger) return last;
    let ledgers = this.#pairs.get(symbol);
    if (!ledgers) this.#pairs.set(symbol, (ledgers = new Map()));
    let pair = ledgers.get(ledger);
    if (!pair) {
      let s = this.#symbols.get(symbol);
      if (!s) this.#symbols.set(symbol, (s = new SymbolBase(symbol)));
      ledgers.set(ledger, (pair = new Pair(symbol, ledger, s)));
    }
    this.#lastPair = pair;
    return pair;
  }

  /** The totals of (symbol, ledger) if any order ever held there; reading makes none. */
  #find(symbol: string, ledger: string): Pair | undefined {
    const last = this.#lastPair;
    if (last !== null && last.symbol === symbol && last.ledger === ledger) return last;
    return this.#pairs.get(symbol)?.get(ledger);
  }

  /** What one order adds to a total: its own amount, or what its group's max would lose without it. */
  #contribution(id: string, what: 'cash' | 'base'): Dec {
    const h = this.#held.get(id);
    if (!h) return 0n;
    if (h.group === null) return h[what];
    const members = this.#groups.get(h.group)!;
    let without = 0n;
    for (const m of members) {
      if (m === id) continue;
      const v = this.#held.get(m)![what];
      if (v > without) without = v;
    }
    return this.#groupMax(members, what) - without;
  }
}
