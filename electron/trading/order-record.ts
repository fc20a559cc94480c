// Conversions of the engine's order record: to the wire Order the UI sees, and to the snapshot a broker
// is given. Amounts become decimal strings only here, at the edge.
import { dec, div, format, type Dec } from '../../shared/trading/decimal.ts';
import type { Fill, Order, Origin } from '../../shared/trading/orders.ts';
import type { FillRecord, OrderRecord } from '../journal/trading-journal.ts';
import type { BrokerOrder } from './broker.ts';
import { becomesLimit, trailLevelDec } from './triggers.ts';

const fmt = (v: Dec | null): string | null => (v === null ? null : format(v));

/** The wire form; `tick` rounds a trailing stop's current level (omit it and the level is left out). */
export function toWireOrder(r: OrderRecord, tick: Dec | null = null): Order {
  let trailingStopPrice: string | null = null;
  if (r.type === 'trailing-stop' && r.trail && r.trailExtreme !== null && tick !== null && tick > 0n) {
    const amount = 'amount' in r.trail ? dec(r.trail.amount) : null;
    trailingStopPrice = format(trailLevelDec(r.side, r.trailExtreme, r.trail, amount, tick));
  }
  return {
    id: r.id,
    clientOrderId: r.clientOrderId,
    account: r.account,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    qty: format(r.qty),
    filledQty: format(r.filledQty),
    avgFillPrice: r.filledQty === 0n ? null : format(div(r.filledNotional, r.filledQty)),
    price: fmt(r.price),
    triggerPrice: fmt(r.triggerPrice),
    trail: r.trail,
    trailingStopPrice,
    timeInForce: r.timeInForce,
    reduceOnly: r.reduceOnly,
    postOnly: r.postOnly,
    status: r.status,
    triggered: r.triggered,
    parentId: r.parentId,
    ocoGroup: r.ocoGroup,
    origin: r.origin,
    ledger: r.ledger,
    reason: r.reason,
    ...(r.tag !== null ? { tag: r.tag } : {}),
    exchangeOrderId: r.exchangeOrderId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A fill as the wire has it, with the tag of the order it filled (null: none). */
export function toWireFill(f: FillRecord, tag: string | null): Fill {
  return {
    id: f.id,
    orderId: f.orderId,
    clientOrderId: f.clientOrderId,
    account: f.account,
    symbol: f.symbol,
    side: f.side,
    price: format(f.price),
    qty: format(f.qty),
    fee: format(f.fee),
    feeAsset: f.feeAsset,
    ...(f.interest !== 0n ? { interest: format(f.interest) } : {}),
    liquidity: f.liquidity,
    origin: f.origin,
    ledger: f.ledger,
    ...(tag !== null ? { tag } : {}),
    ts: f.ts,
  };
}

/**
 * What the broker is given. An emulated order that has triggered goes out as what it became: a market
 * order, or a limit at its price.
 */
export function toBrokerOrder(r: OrderRecord, submittedAt: number): BrokerOrder {
  return toSentOrder(r, submittedAt, null);
}

/**
 * The broker's order with what the risk gate reads beside it (the reference price, the ledger, who sent
 * it, its protective stop), built as one object: spreading toBrokerOrder into another would copy it on
 * every order.
 */
export function toSentOrder(r: OrderRecord, submittedAt: number, stopPrice: Dec | null): BrokerOrder & { readonly refPrice: Dec; readonly ledger: string; readonly origin: Origin; readonly stopPrice: Dec | null } {
  const sent = r.emulated && r.triggered;
  return {
    id: r.id,
    clientOrderId: r.clientOrderId,
    symbol: r.symbol,
    side: r.side,
    type: sent ? (becomesLimit(r.type) ? 'limit' : 'market') : r.type,
    qty: r.qty,
    filledQty: r.filledQty,
    price: r.price,
    triggerPrice: sent ? null : r.triggerPrice,
    trail: sent ? null : r.trail,
    timeInForce: r.timeInForce,
    postOnly: r.postOnly,
    reduceOnly: r.reduceOnly,
    triggered: r.triggered,
    trailExtreme: r.trailExtreme,
    submittedAt,
    refPrice: r.refPrice,
    ledger: r.ledger,
    origin: r.origin,
    stopPrice,
  };
}
