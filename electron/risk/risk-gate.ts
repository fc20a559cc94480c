// The risk gate: the only door between the trading engine and a broker. It owns the broker (built from a
// factory inside the constructor and kept in a #private field, so no other object ever holds a reference),
// and every order that could add exposure passes its rules on the way in. Cancels pass unconditionally:
// a cancel can only take risk away, and a kill switch must never be blocked by a rule.
//
// The engine is given a RiskGate, never a Broker. A test walks the source tree to check that only this
// room and the composition root import broker implementations (tests/unit/trading/gate-bypass.test.ts).
//
// Rules are small objects: `check(order, ctx)` returns null to let the order through, or a refusal that
// names the rule and the numbers. The refused order becomes `rejected` with that reason, journaled.
// The risk issue adds the real rule set; max-position-notional.ts is the first.
import type { Dec } from '../../shared/trading/decimal.ts';
import type { Origin, OrderType, Side } from '../../shared/trading/orders.ts';
import type { Broker, BrokerInfo, BrokerListener, BrokerOrder, OrderChanges } from '../trading/broker.ts';

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
}

/** What a rule sees of the account and the market. */
export interface RiskContext {
  readonly quoteAsset: string;
  /** The ordering ledger's position in the symbol (signed). */
  readonly positionQty: Dec;
  /** Σ signed remaining qty of the ledger's other open orders in the symbol that add exposure. */
  readonly pendingQty: Dec;
  readonly lastPrice: Dec | null;
  readonly cash: Dec;
  readonly equity: Dec;
}

export interface RiskRefusal {
  rule: string;
  message: string;
}

export interface RiskRule {
  readonly name: string;
  check(order: RiskOrder, ctx: RiskContext): RiskRefusal | null;
}

/** Orders the gate forwards carry what the rules need beside what the broker needs. */
export type GateOrder = BrokerOrder & { readonly refPrice: Dec; readonly ledger: string; readonly origin: Origin };

/** Whether an order of `qty` on `side` moves the position away from flat (reduce-only orders never do). */
export function increasesExposure(side: Side, qty: Dec, reduceOnly: boolean, positionQty: Dec): boolean {
  if (reduceOnly) return false;
  const after = side === 'buy' ? positionQty + qty : positionQty - qty;
  const absAfter = after < 0n ? -after : after;
  const absBefore = positionQty < 0n ? -positionQty : positionQty;
  return absAfter > absBefore;
}

export class RiskGate {
  readonly #broker: Broker;
  readonly #rules: RiskRule[];
  #connected = false;

  /** Pass a factory (preferred: then nothing but the gate ever holds the broker). */
  constructor(broker: (() => Broker) | Broker, rules: readonly RiskRule[] = []) {
    this.#broker = typeof broker === 'function' ? broker() : broker;
    this.#rules = [...rules];
  }

  /** The venue's description (kind, account, fees, native order types): data, not a way in. */
  get info(): BrokerInfo {
    return this.#broker.info;
  }

  get ruleNames(): readonly string[] {
    return this.#rules.map((r) => r.name);
  }

  /** The engine's listener for everything the broker reports; once. */
  connect(listener: BrokerListener): void {
    if (this.#connected) throw new Error('the risk gate already has an engine connected');
    this.#connected = true;
    this.#broker.connect(listener);
  }

  /** Runs every rule on an order that adds exposure; the first refusal wins. Does not send anything. */
  check(order: RiskOrder, ctx: RiskContext): RiskRefusal | null {
    if (!increasesExposure(order.side, order.qty, order.reduceOnly, ctx.positionQty + ctx.pendingQty)) return null;
    for (const rule of this.#rules) {
      let refusal: RiskRefusal | null;
      try {
        refusal = rule.check(order, ctx);
      } catch (err) {
        // A rule that breaks refuses: the gate fails closed.
        refusal = { rule: rule.name, message: `${rule.name}: the rule failed (${err instanceof Error ? err.message : String(err)}), so the order was refused` };
      }
      if (refusal) return refusal;
    }
    return null;
  }

  /** Checks, then sends. Returns the refusal (nothing was sent) or null (the broker has it). */
  submit(order: GateOrder, ctx: RiskContext): RiskRefusal | null {
    const refusal = this.check(riskOrderOf(order, order.qty - order.filledQty), ctx);
    if (refusal) return refusal;
    this.#broker.submit(order);
    return null;
  }

  /**
   * Checks a change that may add exposure (`added` > 0: a larger quantity), then sends it. Price and
   * trigger changes alone add none.
   */
  modify(order: GateOrder, changes: OrderChanges, added: Dec, ctx: RiskContext): RiskRefusal | null {
    if (added > 0n) {
      const refusal = this.check(riskOrderOf(order, added), ctx);
      if (refusal) return refusal;
    }
    this.#broker.modify(order.id, changes);
    return null;
  }

  /** Always forwarded: cancels only take risk away. */
  cancel(orderId: string, reason: string): void {
    this.#broker.cancel(orderId, reason);
  }

  /** After a restart: orders that were already accepted go back to the broker without a new check. */
  restore(orders: readonly BrokerOrder[]): void {
    this.#broker.restore(orders);
  }

  close(): void {
    this.#broker.close();
  }
}

function riskOrderOf(o: GateOrder, qty: Dec): RiskOrder {
  return { id: o.id, symbol: o.symbol, side: o.side, type: o.type, qty, refPrice: o.refPrice, reduceOnly: o.reduceOnly, ledger: o.ledger, origin: o.origin };
}
