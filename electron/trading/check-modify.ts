// Checks a change to an open order (quantity, limit price, trigger) before the risk gate sees it: the
// market's step and tick, what has filled already, a trigger not already passed, and whether the account
// can still pay for the order as changed. Refusals throw OrderRefusedError, naming the field and what is valid.
import { dec, format, type Dec } from '../../shared/trading/decimal.ts';
import type { OrderRecord } from '../journal/trading-journal.ts';
import type { OrderChanges } from './broker.ts';
import type { ModifyRequest } from './execution-engine.ts';
import type { MarketRules } from './market-rules.ts';
import { OrderRefusedError } from './order-refused.ts';
import { isTakeProfitType, isTriggered } from './triggers.ts';
import { costWithFee, type Refusal } from './validate-order.ts';

/** What the check reads of the engine, the costly parts asked for only when needed. */
export interface ModifyContext {
  rules: MarketRules | null;
  /** The symbol's last price, exact; null before any. */
  lastPrice(): Dec | null;
  mode: 'spot' | 'margin';
  /** What the order's ledger holds of the coin and no other order has reserved (spot sells). */
  freeBase(): Dec;
  /** Cash no other order has reserved. */
  freeCash(): Dec;
  takerRate(): Dec;
  quoteAsset: string;
}

export function checkModify(rec: Readonly<OrderRecord>, request: ModifyRequest, at: ModifyContext): OrderChanges {
const rules = at.rules;
  const refuse = (field: string, message: string, code: Refusal['code'] = 'invalid_request'): never => {
    throw new OrderRefusedError({ field, message, code });
  };
  const parse = (field: string, text: string): Dec => {
    let v: Dec = 0n;
    try {
      v = dec(text);
    } catch {
      refuse(field, `${field} "${text}" is not a decimal number; write it like 0.015 or 42`);
    }
    if (v <= 0n) refuse(field, `${field} must be greater than 0, got ${text}`);
    return v;
  };
  if (!rules) return refuse('symbol', `no market rules for ${rec.symbol}`);
  const changes: OrderChanges = {};
  if (request.qty === undefined && request.price === undefined && request.triggerPrice === undefined) refuse('(request)', 'nothing to change: give qty, price or triggerPrice');
  if (request.qty !== undefined) {
    const q = parse('qty', request.qty);
    if (q % rules.stepSize !== 0n) refuse('qty', `qty ${format(q)} is not a multiple of the step size ${format(rules.stepSize)} for ${rec.symbol}`);
    if (q <= rec.filledQty) refuse('qty', `qty must stay above the ${format(rec.filledQty)} already filled; cancel the order to stop it`);
    if (q < rules.minQty) refuse('qty', `qty ${format(q)} is below the minimum quantity ${format(rules.minQty)} for ${rec.symbol}`);
    changes.qty = q;
  }
  if (request.price !== undefined) {
    if (rec.price === null) refuse('price', `a ${rec.type} order has no limit price to change`);
    const v = parse('price', request.price);
    if (v % rules.tickSize !== 0n) refuse('price', `price ${format(v)} is not a multiple of the tick size ${format(rules.tickSize)} for ${rec.symbol}`);
    changes.price = v;
  }
  if (request.triggerPrice !== undefined) {
    if (!isTriggered(rec.type) || rec.triggered) refuse('triggerPrice', rec.triggered ? `order ${rec.id} has already triggered` : `a ${rec.type} order has no trigger`);
    const v = parse('triggerPrice', request.triggerPrice);
    if (v % rules.tickSize !== 0n) refuse('triggerPrice', `triggerPrice ${format(v)} is not a multiple of the tick size ${format(rules.tickSize)} for ${rec.symbol}`);
    const last = at.lastPrice();
    if (last !== null && rec.type !== 'trailing-stop') {
      const up = isTakeProfitType(rec.type) ? rec.side === 'sell' : rec.side === 'buy';
      if (up ? v <= last : v >= last) refuse('triggerPrice', `triggerPrice ${format(v)} is already ${up ? 'at or below' : 'at or above'} the last price ${format(last)}; it would fire at once`);
    }
    changes.triggerPrice = v;
  }
  // The account must still be able to pay for the order as changed.
  const qty = changes.qty ?? rec.qty;
  const ref = changes.price ?? (rec.price === null && rec.type !== 'trailing-stop' ? (changes.triggerPrice ?? rec.refPrice) : rec.refPrice);
  const remaining = qty - rec.filledQty;
  if (at.mode === 'spot' && rec.side === 'sell') {
    const free = at.freeBase();
    if (remaining > free) refuse('qty', `selling ${format(remaining)} more needs it held: the ${rec.ledger} ledger has ${format(free)} free`, 'conflict');
  } else if (rec.side === 'buy' || (at.mode === 'margin' && !rec.reduceOnly)) {
    if (!(at.mode === 'margin' && rec.reduceOnly)) {
      const free = at.freeCash();
      const need = costWithFee(remaining, ref, at.takerRate());
      if (need > free) refuse('qty', `the order as changed needs ${format(need)} ${at.quoteAsset} (fee included); ${format(free)} is free`, 'conflict');
    }
  }
  return changes;
}
