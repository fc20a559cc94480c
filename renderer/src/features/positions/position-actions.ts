// Close or reverse one ledger's position: one command each; the engine builds the market order (a
// reduce-only one to close). The outcome goes back to the panel, which shows a failure's code and
// message (a spot account cannot reverse a long, for one).
import type { Api } from '../../../../shared/contract/index.ts';
import type { Position } from '../../../../shared/trading/orders.ts';
import { attempt, type ActionResult } from '../orders/order-actions.ts';
import { applyOrder } from '../orders/orders-store.ts';

export function closePosition(api: Api, p: Pick<Position, 'symbol' | 'ledger'>): Promise<ActionResult> {
  return attempt(async () => applyOrder(await api.commands['trading.closePosition']({ symbol: p.symbol, ledger: p.ledger })));
}

export function reversePosition(api: Api, p: Pick<Position, 'symbol' | 'ledger'>): Promise<ActionResult> {
  return attempt(async () => applyOrder(await api.commands['trading.reversePosition']({ symbol: p.symbol, ledger: p.ledger })));
}
