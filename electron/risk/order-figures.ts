// The amounts of the order under check as floats, as several rules read them (fat finger, risk per trade,
// position notional, the exposure meter). Turning a bigint amount into a float costs about 25 ns, and a
// check converted the same three amounts seven times. Converted once per check and shared instead: the gate
// hands every rule the same order and context objects, so one remembered (order, context) pair is the
// whole cache (as context-equity.ts does for equity). Each figure is exactly toNumber() of its amount.
import { toNumber, type Dec } from '../../shared/trading/decimal.ts';
import type { RiskContext, RiskOrder } from './risk-gate.ts';

export interface OrderFigures {
  /** toNumber(order.qty) */
  readonly qty: number;
  /** toNumber(order.refPrice) */
  readonly refPrice: number;
  /** toNumber(ctx.positionQty) */
  readonly positionQty: number;
}

let lastOrder: RiskOrder | null = null;
let lastCtx: RiskContext | null = null;
const figures = { qty: 0, refPrice: 0, positionQty: 0 };

/** The figures of this check. One object, rewritten by the next check: read them, do not keep them. */
export function figuresOf(order: RiskOrder, ctx: RiskContext): OrderFigures {
  if (order !== lastOrder || ctx !== lastCtx) {
    figures.qty = toNumber(order.qty);
    figures.refPrice = toNumber(order.refPrice);
    figures.positionQty = ctx.positionQty === 0n ? 0 : toNumber(ctx.positionQty);
    lastOrder = order;
    lastCtx = ctx;
  }
  return figures;
}

/**
 * toNumber(amount), reusing the last check's conversion when the amount is that order's quantity: the
 * book adds an order's quantity to its (symbol, ledger) right after the check, and from nothing (the
 * usual case) the sum is that quantity. An equal amount converts to the same float.
 */
export function toNumberAsChecked(amount: Dec): number {
  return lastOrder !== null && amount === lastOrder.qty ? figures.qty : toNumber(amount);
}
