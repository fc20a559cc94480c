// Cancel, cancel all and modify, each one command. The outcome is returned for the blotter to show
// inline (code and message); the order's new state arrives in the answer and as a trading.order event.
import type { Api } from '../../../../shared/contract/index.ts';
import type { KeelErrorData } from '../../../../shared/contract/errors.ts';
import { dec } from '../../../../shared/trading/decimal.ts';
import type { Order } from '../../../../shared/trading/orders.ts';
import { toErrorData } from '../../state/error-data.ts';
import { applyOrder, applyOrders } from './orders-store.ts';

export type ActionResult = { ok: true } | { ok: false; error: KeelErrorData };

export async function attempt(action: () => Promise<void>): Promise<ActionResult> {
  try {
    await action();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}

export function cancelOrder(api: Api, orderId: string): Promise<ActionResult> {
  return attempt(async () => applyOrder(await api.commands['trading.cancel']({ orderId })));
}

/** Every open order, or those of one symbol. */
export function cancelAllOrders(api: Api, symbol?: string): Promise<ActionResult> {
  return attempt(async () => applyOrders((await api.commands['trading.cancelAll'](symbol === undefined ? {} : { symbol })).orders));
}

export interface OrderEdit {
  qty?: string;
  price?: string;
  triggerPrice?: string;
}

/** Only what changed is sent; nothing changed sends nothing. */
export function changesOf(order: Order, edit: OrderEdit): OrderEdit | null {
  const out: OrderEdit = {};
  const same = (a: string | null, b: string) => {
    try {
      return a !== null && dec(a) === dec(b);
    } catch {
      return false; // not a number: sent as typed, and the engine says what is wrong
    }
  };
  if (edit.qty !== undefined && !same(order.qty, edit.qty)) out.qty = edit.qty;
  if (edit.price !== undefined && !same(order.price, edit.price)) out.price = edit.price;
  if (edit.triggerPrice !== undefined && !same(order.triggerPrice, edit.triggerPrice)) out.triggerPrice = edit.triggerPrice;
  return Object.keys(out).length ? out : null;
}

export function modifyOrder(api: Api, orderId: string, changes: OrderEdit): Promise<ActionResult> {
  return attempt(async () => applyOrder(await api.commands['trading.modify']({ orderId, ...changes })));
}
