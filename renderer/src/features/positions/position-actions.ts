// Close or reverse one ledger's position: one command each; the engine builds the market order (a
// reduce-only one to close). The outcome goes back to the panel, which shows a failure's code and
// message. Reverse is not offered on a spot account (trading.rules says which kind the account is).
import type { Api } from '../../../../shared/contract/index.ts';
import type { Position } from '../../../../shared/trading/orders.ts';
import { attempt, type ActionResult } from '../orders/order-actions.ts';
import { applyOrder } from '../orders/orders-store.ts';

export function closePosition(api: Api, p: Pick<Position, 'symbol' | 'ledger'>): Promise<ActionResult> {
  return attempt(async () => applyOrder(await api.commands['trading.closePosition']({ symbol: p.symbol, ledger: p.ledger })));
}

/** Why Reverse is not offered on the account, or null when it is (margin, or the kind not known yet: then the engine says). */
export function reverseUnavailable(kind: 'spot' | 'margin' | null, account: string): string | null {
  return kind === 'spot' ? `Reverse needs a margin account: ${account} is a spot account, which cannot go short. Close the position instead${account === 'paper' ? ', or switch the paper account to Margin above' : ''}.` : null;
}

export function reversePosition(api: Api, p: Pick<Position, 'symbol' | 'ledger'>): Promise<ActionResult> {
  return attempt(async () => applyOrder(await api.commands['trading.reversePosition']({ symbol: p.symbol, ledger: p.ledger })));
}
