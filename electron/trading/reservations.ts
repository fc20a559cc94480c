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
import type { Dec } from '../../shared/trading/decimal.ts';
import type { OrderRecord } from '../journal/trading-journal.ts';
import { isOpen } from './order-state.ts';
import { costWithFee } from './validate-order.ts';

interface Held {
  cash: Dec;
  base: Dec;
  /** Signed remaining qty of an order that adds exposure (the risk gate's "pending"). */
  pending: Dec;
  symbol: string;
  ledger: string;
  group: string | null;
}

/** Amounts per symbol, then per ledger: two lookups of strings the orders already hold, no key built per call. */
class PairTotals {
  readonly #bySymbol = new Map<string, Map<string, Dec>>();

  get(symbol: string, ledger: string): Dec {
    return this.#bySymbol.get(symbol)?.get(ledger) ?? 0n;
  }

  add(symbol: string, ledger: string, delta: Dec): void {
    let ledgers = this.#bySymbol.get(symbol);
    if (!ledgers) this.#bySymbol.set(symbol, (ledgers = new Map()));
    ledgers.set(ledger, (ledgers.get(ledger) ?? 0n) + delta);
  }
}

export class Reservations {
  readonly #mode: 'spot' | 'margin';
  readonly #takerRate: (symbol: string) => Dec;
  readonly #held = new Map<string, Held>();
  readonly #groups = new Map<string, Set<string>>();
  /** Totals: cash, base per (symbol, ledger), base per symbol, pending per (symbol, ledger). */
  #cash: Dec = 0n;
  readonly #base = new PairTotals();
  readonly #baseBySymbol = new Map<string, Dec>();
  readonly #pending = new PairTotals();

  constructor(mode: 'spot' | 'margin', takerRate: (symbol: string) => Dec) {
    this.#mode = mode;
    this.#takerRate = takerRate;
  }

  /** Cash held by open orders (optionally leaving one order out, to re-check it with new values). */
  cash(exclude: string | null = null): Dec {
    return exclude === null ? this.#cash : this.#cash - this.#contribution(exclude, 'cash');
  }

  /** Base held by a ledger's open sells in a symbol. */
  base(symbol: string, ledger: string, exclude: string | null = null): Dec {
    const total = this.#base.get(symbol, ledger);
    return exclude === null ? total : total - this.#contribution(exclude, 'base');
  }

  /** Base held by open sells per symbol, across ledgers. */
  baseBySymbol(): ReadonlyMap<string, Dec> {
    return this.#baseBySymbol;
  }

  /** Σ signed remaining qty of a ledger's open exposure-adding orders in a symbol (optionally without one). */
  pending(symbol: string, ledger: string, exclude: string | null = null): Dec {
    const total = this.#pending.get(symbol, ledger);
    const h = exclude === null ? undefined : this.#held.get(exclude);
    return h && h.symbol === symbol && h.ledger === ledger ? total - h.pending : total;
  }

  /** Brings one order's holding up to date (after any change to it); closed orders hold nothing. */
  update(o: OrderRecord): void {
    this.#drop(o.id);
    if (!isOpen(o.status)) return;
    const remaining = o.qty - o.filledQty;
    if (remaining <= 0n) return;
    const holdsCash = !o.reduceOnly && (this.#mode === 'margin' || o.side === 'buy');
    const h: Held = {
      cash: holdsCash ? costWithFee(remaining, o.refPrice, this.#takerRate(o.symbol)) : 0n,
      base: this.#mode === 'spot' && o.side === 'sell' && !o.reduceOnly ? remaining : 0n,
      pending: o.reduceOnly ? 0n : o.side === 'buy' ? remaining : -remaining,
      symbol: o.symbol,
      ledger: o.ledger,
      group: o.ocoGroup,
    };
    if (h.group === null) this.#add(h, 1n);
    else this.#addToGroup(o.id, h);
    this.#held.set(o.id, h);
    this.#pending.add(h.symbol, h.ledger, h.pending);
  }

  #drop(id: string): void {
    const h = this.#held.get(id);
    if (!h) return;
    this.#pending.add(h.symbol, h.ledger, -h.pending);
    if (h.group === null) {
      this.#held.delete(id);
      this.#add(h, -1n);
      return;
    }
    const members = this.#groups.get(h.group)!;
    const before = this.#groupMax(members);
    this.#held.delete(id);
    members.delete(id);
    if (members.size === 0) this.#groups.delete(h.group);
    this.#shift(h, this.#groupMax(members), before);
  }

  #addToGroup(id: string, h: Held): void {
    let members = this.#groups.get(h.group!);
    if (!members) this.#groups.set(h.group!, (members = new Set()));
    const before = this.#groupMax(members);
    this.#held.set(id, h);
    members.add(id);
    this.#shift(h, this.#groupMax(members), before);
  }

  #groupMax(members: Set<string>): { cash: Dec; base: Dec } {
    let cash = 0n;
    let base = 0n;
    for (const id of members) {
      const m = this.#held.get(id);
      if (!m) continue;
      if (m.cash > cash) cash = m.cash;
      if (m.base > base) base = m.base;
    }
    return { cash, base };
  }

  /** Moves the totals from a group's old max to its new one. */
  #shift(h: Held, after: { cash: Dec; base: Dec }, before: { cash: Dec; base: Dec }): void {
    this.#add({ ...h, cash: after.cash - before.cash, base: after.base - before.base }, 1n);
  }

  #add(h: Pick<Held, 'cash' | 'base' | 'symbol' | 'ledger'>, sign: 1n | -1n): void {
    this.#cash += sign * h.cash;
    if (h.base !== 0n) {
      this.#base.add(h.symbol, h.ledger, sign * h.base);
      this.#baseBySymbol.set(h.symbol, (this.#baseBySymbol.get(h.symbol) ?? 0n) + sign * h.base);
    }
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
    return this.#groupMax(members)[what] - without;
  }
}
