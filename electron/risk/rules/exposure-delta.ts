// The part of an order that opens exposure: all of it on a flat or same-direction position, the part
// beyond flat when it reverses one. Risk per trade is measured on this part only.
import { abs, type Dec } from '../../../shared/trading/decimal.ts';
import type { RiskOrder } from '../risk-gate.ts';

export function openingQty(order: RiskOrder, positionQty: Dec): Dec {
  const after = order.side === 'buy' ? positionQty + order.qty : positionQty - order.qty;
  if (positionQty === 0n || after === 0n) return abs(after);
  if (after < 0n !== positionQty < 0n) return abs(after);
  const grew = abs(after) - abs(positionQty);
  return grew > 0n ? grew : 0n;
}
