// Sends the ticket's order. Each order carries a fresh client order id, so a double click or a retry
// after a dropped answer is one order, not two. The outcome stays on the ticket until the next order:
// placed, rejected (with the engine's reason) or the error's code and message, never swallowed.
import type { Api } from '../../../../shared/contract/index.ts';
import type { OrderRequest } from '../../../../shared/trading/orders.ts';
import { toErrorData } from '../../state/error-data.ts';
import { applyOrder } from '../orders/orders-store.ts';
import { useTicket } from './ticket-store.ts';

/** "ui-" + time + randomness: unique per order, within the contract's 36 characters of [A-Za-z0-9_-]. */
export function newClientOrderId(now = Date.now(), random: () => number = Math.random): string {
  const noise = Array.from({ length: 10 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `ui-${now.toString(36)}-${noise}`;
}

export async function placeOrder(api: Api, request: OrderRequest): Promise<void> {
  if (useTicket.getState().submitting) return;
  useTicket.setState({ submitting: true, outcome: null });
  try {
    const order = await api.commands['trading.submit']({ ...request, clientOrderId: newClientOrderId() });
    applyOrder(order);
    useTicket.setState({ outcome: order.status === 'rejected' ? { kind: 'rejected', order } : { kind: 'placed', order } });
  } catch (err) {
    useTicket.setState({ outcome: { kind: 'error', error: toErrorData(err) } });
  } finally {
    useTicket.setState({ submitting: false });
  }
}
