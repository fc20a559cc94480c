// The risk gate: the only door between the trading engine and a broker. It owns the broker (built from a
// factory inside the constructor and kept in a #private field, so no other object ever holds a reference),
// and every order that could add exposure passes its rules on the way in. Cancels pass unconditionally:
// a cancel can only take risk away, and a kill switch must never be blocked by a rule. So do orders that
// only reduce a position (reduce-only, or a sell against a long): the way out is never closed.
//
// The engine is given a RiskGate, never a Broker. A test walks the source tree to check that only this
// room and the composition root import broker implementations (tests/unit/trading/gate-bypass.test.ts).
//
// Rules are small objects (electron/risk/rules/): `check(order, ctx)` returns null to let the order
// through, or a refusal that names the rule and the numbers. The refused order becomes `rejected` with that
// reason, journaled. The gate also keeps the book of orders it sent (pending-book.ts) from what it sends and
// what the broker reports, and tells an observer (the risk service) of refusals, admissions, fills and the
// venue's health, so the risk room follows the account without the engine calling it.
import type { Dec } from '../../shared/trading/decimal.ts';
import type { Origin, OrderType, Side } from '../../shared/trading/orders.ts';
import type { Broker, BrokerFill, BrokerInfo, BrokerListener, BrokerOrder, OrderChanges, VenueHealth } from '../trading/broker.ts';
import { PendingBook, type PendingOrder } from './pending-book.ts';

/** What a rule sees of an order. */
export interface RiskOrder {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** The quantity this request would add: the order's remaining qty (or the increase, for a modify). */
  readonly qty: Dec;
  /** The price the order is sized at (limit, trigger, or last price). */
  readonly refPrice: Dec;
  readonly reduceOnly: boolean;
  readonly ledger: string;
  readonly origin: Origin;
  /** The protective stop the order comes with (its bracket's stop-loss trigger), if any. */
  readonly stopPrice?: Dec | null;
}

/** One position as the account keeps it (the portfolio's PositionState satisfies this). */
export interface RiskPosition {
  readonly symbol: string;
  /** The symbol's id in the shared SymbolTable. */
  readonly symbolId: number;
  readonly ledger: string;
  /** A stable slot number per position, for caches. */
  readonly index: number;
  readonly qty: Dec;
  /** Σ signed qty × entry price of the open part. */
  readonly costBasis: Dec;
  readonly realizedPnl: Dec;
  readonly feesPaid: Dec;
}

/** A read-only view of the account: what rules that look past the one order need. */
export interface RiskAccount {
  /** Every position ever opened (flat ones included; rules skip qty 0). */
  positions(): readonly RiskPosition[];
  position(symbol: string, ledger: string): RiskPosition | undefined;
  /** The last price of a symbol id (NaN before any). */
  markOf(symbolId: number): number;
  /** Cash plus positions at their marks, as a float (cheap: one pass over typed arrays). */
  equityFloat(): number;
  /** The trigger of the ledger's resting stop that would close a position opened by an order on `side`, or null. */
  protectiveStop?(symbol: string, ledger: string, side: Side): Dec | null;
}

/** What a rule sees of the account and the market. */
export interface RiskContext {
  readonly quoteAsset: string;
  /** The ordering ledger's position in the symbol (signed). */
  readonly positionQty: Dec;
  /** Σ remaining qty of the ledger's other open buys in the symbol that add exposure (never negative). */
  readonly pendingBuyQty: Dec;
  /** Σ remaining qty of the ledger's other open sells in the symbol that add exposure (never negative). */
  readonly pendingSellQty: Dec;
  readonly lastPrice: Dec | null;
  readonly cash: Dec;
  /** Exact equity (may be computed when read: it walks every position). */
  readonly equity: Dec;
  /** The engine's time of the check (market time in replay and backtests). */
  readonly now: number;
  readonly account: RiskAccount;
}

export interface RiskRefusal {
  rule: string;
  message: string;
}

export interface RiskRule {
  readonly name: string;
  check(order: RiskOrder, ctx: RiskContext): RiskRefusal | null;
}

/** Told what passes through the gate. Every method is optional; a throwing observer never stops an order. */
export interface GateObserver {
  /** A real check (not a preview) refused an order. */
  refused?(order: RiskOrder, refusal: RiskRefusal, ctx: RiskContext): void;
  /** A real check let an exposure-adding order through. */
  admitted?(order: RiskOrder, ctx: RiskContext): void;
  /** After the engine has taken a fill of an order the gate sent. */
  filled?(order: PendingOrder, fill: BrokerFill): void;
  /** The broker's report on the venue's health (live brokers only). */
  venueHealth?(health: VenueHealth): void;
}

export interface RiskGateOptions {
  /** The book of sent orders; the gate writes it, rules read it. Default: a book of the gate's own. */
  book?: PendingBook;
  observer?: GateObserver;
}

/** Orders the gate forwards carry what the rules need beside what the broker needs. */
export type GateOrder = BrokerOrder & { readonly refPrice: Dec; readonly ledger: string; readonly origin: Origin; readonly stopPrice?: Dec | null };

/**
 * The position a ledger could reach on one side: its position with every open exposure-adding order on
 * that side filled and none on the other (which may yet be cancelled). The worst case an order on `side`
 * adds to: a resting buy does not make a sell safer, since the buy may never fill.
 */
export function committedOnSide(ctx: Pick<RiskContext, 'positionQty' | 'pendingBuyQty' | 'pendingSellQty'>, side: Side): Dec {
  if (side === 'buy') return ctx.pendingBuyQty === 0n ? ctx.positionQty : ctx.positionQty + ctx.pendingBuyQty;
  return ctx.pendingSellQty === 0n ? ctx.positionQty : ctx.positionQty - ctx.pendingSellQty;
}

/**
 * Whether an order of `qty` on `side` adds exposure: it moves the position away from flat, or through flat
 * into the other direction (a reverse opens a new position). Reduce-only orders never do.
 */
export function increasesExposure(side: Side, qty: Dec, reduceOnly: boolean, positionQty: Dec): boolean {
  if (reduceOnly) return false;
  // From flat any quantity adds (the general test below says the same, with three bigint operations).
  if (positionQty === 0n) return qty !== 0n;
  const after = side === 'buy' ? positionQty + qty : positionQty - qty;
  const absAfter = after < 0n ? -after : after;
  const absBefore = positionQty < 0n ? -positionQty : positionQty;
  if (absAfter > absBefore) return true;
  return after !== 0n && positionQty !== 0n && after < 0n !== positionQty < 0n;
}

export class RiskGate {
  readonly #broker: Broker;
  readonly #rules: RiskRule[];
  readonly #book: PendingBook;
  readonly #observer: GateObserver | null;
  #connected = false;

  /** Pass a factory (preferred: then nothing but the gate ever holds the broker). */
  constructor(broker: (() => Broker) | Broker, rules: readonly RiskRule[] = [], options: RiskGateOptions = {}) {
    this.#broker = typeof broker === 'function' ? broker() : broker;
    this.#rules = [...rules];
    this.#book = options.book ?? new PendingBook();
    this.#observer = options.observer ?? null;
    const observer = this.#observer;
    if (observer?.venueHealth && this.#broker.onVenueHealth) this.#broker.onVenueHealth((h) => this.#tell(() => observer.venueHealth!(h)));
  }

  /** The venue's description (kind, account, fees, native order types): data, not a way in. */
  get info(): BrokerInfo {
    return this.#broker.info;
  }

  get ruleNames(): readonly string[] {
    return this.#rules.map((r) => r.name);
  }

  /** The engine's listener for everything the broker reports; once. The gate keeps its book from the reports. */
  connect(listener: BrokerListener): void {
    if (this.#connected) throw new Error('the risk gate already has an engine connected');
    this.#connected = true;
    const book = this.#book;
    const observer = this.#observer;
    this.#broker.connect({
      accepted: (id, ts, exchangeOrderId) => listener.accepted(id, ts, exchangeOrderId),
      rejected: (id, ts, reason) => {
        book.remove(id);
        listener.rejected(id, ts, reason);
      },
      filled: (fill) => {
        // The book first: the engine may place orders (bracket children) while it takes the fill.
        const order = book.fill(fill.orderId, fill.qty);
        listener.filled(fill);
        if (order && observer?.filled) {
          // Called, not wrapped in a closure: this runs for every fill (#tell says why a throw is swallowed).
          try {
            observer.filled(order, fill);
          } catch {
            // As #tell.
          }
        }
      },
      cancelled: (id, ts, reason) => {
        book.remove(id);
        listener.cancelled(id, ts, reason);
      },
      expired: (id, ts, reason, by) => {
        book.remove(id);
        listener.expired(id, ts, reason, by);
      },
      triggered: (id, ts) => listener.triggered(id, ts),
      modified: (id, ts, changes) => {
        book.modify(id, changes);
        listener.modified(id, ts, changes);
      },
      trailMoved: (id, ts, extreme) => listener.trailMoved(id, ts, extreme),
      noted: (id, ts, note) => listener.noted?.(id, ts, note),
      // A question, not a report: the gate's book changes with the fill or expiry that follows.
      cashFor: (id) => listener.cashFor?.(id) ?? null,
      together: (fn) => (listener.together ? listener.together(fn) : fn()),
    });
  }

  /**
   * Runs every rule on an order that adds exposure; the first refusal wins. Sends nothing. A preview
   * (the ticket asking "would this pass?") is neither logged nor counted as an order.
   */
  check(order: RiskOrder, ctx: RiskContext, kind: 'order' | 'preview' = 'order'): RiskRefusal | null {
    if (!increasesExposure(order.side, order.qty, order.reduceOnly, committedOnSide(ctx, order.side))) return null;
    const rules = this.#rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      let refusal: RiskRefusal | null;
      try {
        refusal = rule.check(order, ctx);
      } catch (err) {
        // A rule that breaks refuses: the gate fails closed.
        refusal = { rule: rule.name, message: `${rule.name}: the rule failed (${err instanceof Error ? err.message : String(err)}), so the order was refused` };
      }
      if (refusal) {
        const observer = this.#observer;
        if (kind === 'order' && observer?.refused) this.#tell(() => observer.refused!(order, refusal, ctx));
        return refusal;
      }
    }
    const observer = this.#observer;
    if (kind === 'order' && observer?.admitted) {
      // Called, not wrapped in a closure: this runs for every order admitted.
      try {
        observer.admitted(order, ctx);
      } catch {
        // As #tell.
      }
    }
    return null;
  }

  /** Checks, then sends. Returns the refusal (nothing was sent) or null (the broker has it). */
  submit(order: GateOrder, ctx: RiskContext): RiskRefusal | null {
    const refusal = this.check(riskOrderOf(order), ctx);
    if (refusal) return refusal;
    // In the book before the broker hears of it: a paper broker fills inside submit().
    this.#book.add(order);
    try {
      this.#broker.submit(order);
    } catch (err) {
      this.#book.remove(order.id);
      throw err;
    }
    return null;
  }

  /**
   * Checks a change that may add exposure (`added` > 0: a larger quantity), then sends it. Price and
   * trigger changes alone add none.
   */
  modify(order: GateOrder, changes: OrderChanges, added: Dec, ctx: RiskContext): RiskRefusal | null {
    if (added > 0n) {
      const refusal = this.check(riskOrderFor(order, added), ctx);
      if (refusal) return refusal;
    }
    this.#broker.modify(order.id, changes);
    return null;
  }

  /** Always forwarded: cancels only take risk away. */
  cancel(orderId: string, reason: string): void {
    this.#broker.cancel(orderId, reason);
  }

  /**
   * After a restart: orders that were already accepted go back to the broker without a new check.
   * `again`: the engine reloaded itself after a failed journal write; the book becomes these orders.
   */
  restore(orders: readonly (BrokerOrder & { ledger?: string })[], again = false): void {
    if (again) this.#book.clear();
    for (const o of orders) this.#book.add({ ...o, ledger: o.ledger ?? 'user' });
    this.#broker.restore(orders, again);
  }

  close(): void {
    this.#broker.close();
  }

  /** Observers are told, never obeyed: one that throws must not stop an order or a report. */
  #tell(fn: () => void): void {
    try {
      fn();
    } catch {
      // The risk service logs its own faults; the gate's job is the order.
    }
  }
}

/**
 * What the rules see of an order sent whole: the order itself when it already reads as the RiskOrder
 * would (nothing filled, so its qty is what it adds; its stop given), else a RiskOrder made for it. Most
 * orders are the first kind, and then no object is made per order.
 */
function riskOrderOf(o: GateOrder): RiskOrder {
  if (o.filledQty === 0n && o.stopPrice !== undefined) return o as RiskOrder;
  return riskOrderFor(o, o.qty - o.filledQty);
}

function riskOrderFor(o: GateOrder, qty: Dec): RiskOrder {
  return { id: o.id, symbol: o.symbol, side: o.side, type: o.type, qty, refPrice: o.refPrice, reduceOnly: o.reduceOnly, ledger: o.ledger, origin: o.origin, stopPrice: o.stopPrice ?? null };
}
