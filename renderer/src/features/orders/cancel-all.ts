// Cancel all, after asking: from the blotter's buttons (all, or one symbol) and from Shift+X.
// The question says how many orders it will cancel, so a stray key press is easy to refuse.
import type { Api } from '../../../../shared/contract/index.ts';
import { showBlotterMessage } from './blotter-message.ts';
import { cancelAllOrders } from './order-actions.ts';
import { useOrders } from './orders-store.ts';

export async function confirmCancelAll(api: Api, symbol?: string, ask: (question: string) => boolean = (q) => window.confirm(q)): Promise<void> {
  const open = [...useOrders.getState().open.values()].filter((o) => symbol === undefined || o.symbol === symbol);
  if (open.length === 0) {
    showBlotterMessage({ kind: 'ok', text: symbol ? `No open ${symbol} orders to cancel` : 'No open orders to cancel' });
    return;
  }
  const what = `${open.length} open ${symbol ? `${symbol} ` : ''}order${open.length === 1 ? '' : 's'}`;
  if (!ask(`Cancel ${what}?`)) return;
  const result = await cancelAllOrders(api, symbol);
  showBlotterMessage(result.ok ? { kind: 'ok', text: `Cancelled ${what}` } : { kind: 'error', action: 'Cancel all', error: result.error });
}
