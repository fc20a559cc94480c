// The ticket's form and the OrderRequest it stands for. Pure, so the mapping for every order type is
// unit-tested: which fields each type shows, which it sends, and what a wrong entry is told (each message
// says what would be valid). The engine checks everything again; this catches typing slips early.
import { isOrderTag, ORDER_TAG_VALID, type OrderRequest, type OrderType, type Side, type TimeInForce } from '../../../../shared/trading/orders.ts';
import { readBracketLevel, readOptionalPositive, readPositive } from './decimal-input.ts';

export type Sizing = 'qty' | 'risk';
export type TrailBy = 'amount' | 'percent';

export interface TicketForm {
  side: Side;
  type: OrderType;
  /** Type a quantity, or size from "risk X% of equity down to the stop-loss". */
  sizing: Sizing;
  qty: string;
  riskPct: string;
  price: string;
  triggerPrice: string;
  trailBy: TrailBy;
  trail: string;
  stopLoss: string;
  takeProfit: string;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  postOnly: boolean;
  /** Why the trader places it ("breakout", "news"): the blotter and the journal keep it with the order; empty for none. */
  tag: string;
}

export const EMPTY_FORM: TicketForm = {
  side: 'buy',
  type: 'market',
  sizing: 'qty',
  qty: '',
  riskPct: '1',
  price: '',
  triggerPrice: '',
  trailBy: 'percent',
  trail: '1',
  stopLoss: '',
  takeProfit: '',
  timeInForce: 'GTC',
  reduceOnly: false,
  postOnly: false,
  tag: '',
};

export interface TypeFields {
  /** A limit price. */
  price: boolean;
  /** A trigger: required, optional (a trailing stop's activation price) or none. */
  trigger: 'required' | 'optional' | false;
  trail: boolean;
  /** Time in force matters only for an order that can rest with a limit price. */
  timeInForce: boolean;
  postOnly: boolean;
}

export const TYPE_FIELDS: Record<OrderType, TypeFields> = {
  market: { price: false, trigger: false, trail: false, timeInForce: false, postOnly: false },
  limit: { price: true, trigger: false, trail: false, timeInForce: true, postOnly: true },
  'stop-market': { price: false, trigger: 'required', trail: false, timeInForce: false, postOnly: false },
  'stop-limit': { price: true, trigger: 'required', trail: false, timeInForce: true, postOnly: false },
  'take-profit': { price: false, trigger: 'required', trail: false, timeInForce: false, postOnly: false },
  'take-profit-limit': { price: true, trigger: 'required', trail: false, timeInForce: true, postOnly: false },
  'trailing-stop': { price: false, trigger: 'optional', trail: true, timeInForce: false, postOnly: false },
};

export const TYPE_NAMES: Record<OrderType, string> = {
  market: 'Market',
  limit: 'Limit',
  'stop-market': 'Stop market',
  'stop-limit': 'Stop limit',
  'take-profit': 'Take profit',
  'take-profit-limit': 'Take profit limit',
  'trailing-stop': 'Trailing stop',
};

export type FormField = keyof TicketForm;

export type FormResult = { ok: true; request: OrderRequest } | { ok: false; field: FormField; message: string };

const bad = (field: FormField, message: string): FormResult => ({ ok: false, field, message });

/**
 * The request the form describes. `qty` is the quantity to send: the typed one, or in risk sizing the
 * one computed from the risk (risk-sizing.ts). A field the type does not use is never sent.
 */
export function formToRequest(form: TicketForm, symbol: string, qty: string): FormResult {
  const fields = TYPE_FIELDS[form.type];
  const amount = readPositive(qty);
  if (amount === null) {
    return form.sizing === 'risk'
      ? bad('riskPct', 'The risk sizing gives no quantity yet; enter a risk % and a stop-loss')
      : bad('qty', 'Quantity must be a number greater than 0, like 0.015');
  }
  const request: OrderRequest = { symbol, side: form.side, type: form.type, qty: amount };

  if (fields.price) {
    const price = readPositive(form.price);
    if (price === null) return bad('price', 'Limit price must be a number greater than 0, like 46250.5');
    request.price = price;
  }
  if (fields.trigger) {
    const trigger = readOptionalPositive(form.triggerPrice);
    if (trigger === null && fields.trigger === 'required') return bad('triggerPrice', `A ${TYPE_NAMES[form.type].toLowerCase()} order needs a trigger price greater than 0, like 46250.5`);
    if (trigger === undefined) return bad('triggerPrice', `Trigger price must be a number greater than 0, like 46250.5${fields.trigger === 'optional' ? ', or left empty' : ''}`);
    if (trigger !== null) request.triggerPrice = trigger;
  }
  if (fields.trail) {
    const trail = readPositive(form.trail);
    if (form.trailBy === 'percent') {
      const pct = trail === null ? NaN : Number(trail);
      if (!(pct > 0 && pct < 100)) return bad('trail', 'Trail % must be more than 0 and less than 100, like 1.5');
      request.trail = { percent: pct };
    } else {
      if (trail === null) return bad('trail', 'Trail amount must be a price distance greater than 0, like 150');
      request.trail = { amount: trail };
    }
  }
  if (fields.timeInForce) request.timeInForce = form.timeInForce;
  if (fields.postOnly && form.postOnly) {
    if (form.timeInForce !== 'GTC') return bad('postOnly', 'Post-only orders rest on the book, so they need time in force GTC');
    request.postOnly = true;
  }

  const tag = form.tag.trim();
  if (tag !== '') {
    if (!isOrderTag(tag)) return bad('tag', `Tag: ${ORDER_TAG_VALID}; or leave it empty`);
    request.tag = tag;
  }

  // A level is a price, or a percent of the entry's fill ("2%"), which the engine sets when the entry fills.
  const stop = readBracketLevel(form.stopLoss, 100);
  const target = readBracketLevel(form.takeProfit, 1000);
  if (stop === undefined) return bad('stopLoss', 'Stop-loss must be a price greater than 0 like 45100, a percent of the fill below 100 like 2%, or left empty');
  if (target === undefined) return bad('takeProfit', 'Take-profit must be a price greater than 0 like 47500, a percent of the fill up to 1000 like 4%, or left empty');
  if (form.reduceOnly) {
    if (stop !== null || target !== null) return bad('reduceOnly', 'A reduce-only order cannot carry a stop-loss or take-profit; clear them or untick reduce-only');
    request.reduceOnly = true;
  } else if (stop !== null || target !== null) {
    request.bracket = {
      ...(stop !== null ? { stopLoss: 'price' in stop ? { triggerPrice: stop.price } : { percent: Number(stop.percent) } } : {}),
      ...(target !== null ? { takeProfits: ['price' in target ? { price: target.price, fraction: 1 } : { percent: Number(target.percent), fraction: 1 }] } : {}),
    };
  }
  return { ok: true, request };
}

/**
 * The price the order would fill around, as the engine sizes it: the limit price, else the trigger,
 * else the last price (market and trailing orders). Null when the field it needs is empty or wrong.
 */
export function entryPrice(form: TicketForm, lastPrice: string | null): string | null {
  const fields = TYPE_FIELDS[form.type];
  if (fields.price) return readPositive(form.price);
  if (fields.trigger === 'required') return readPositive(form.triggerPrice);
  return lastPrice;
}
