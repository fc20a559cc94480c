// Binds the trading keys (shortcuts.ts) on the window while the ticket is on screen. Buy and sell place
// the ticket's order on that side, exactly as the ticket shows it; in live mode they ask first.
import { useEffect } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import type { Side } from '../../../../shared/trading/orders.ts';
import { confirmCancelAll } from '../orders/cancel-all.ts';
import { placeOrder } from './place-order.ts';
import { shortcutFor } from './shortcuts.ts';
import { draftOrder, type DraftContext } from './ticket-draft.ts';
import { setField, useTicket } from './ticket-store.ts';

export function useTradingShortcuts(api: Api, context: () => DraftContext, live: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      // Nothing trades behind a dialog (the arming dialog, say): its keys are its own.
      if (action === null || document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      if (action === 'cancelAll') {
        void confirmCancelAll(api);
        return;
      }
      placeSide(api, action, context(), live);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, context, live]);
}

function placeSide(api: Api, side: Side, ctx: DraftContext, live: boolean): void {
  setField('side', side);
  const draft = draftOrder(useTicket.getState().form, ctx);
  if (draft.request === null) {
    useTicket.setState({ outcome: { kind: 'error', error: { code: 'invalid_request', message: draft.problem?.message ?? 'The ticket has no order to place' } } });
    return;
  }
  if (live && !window.confirm(`LIVE: ${side} ${draft.request.qty} ${draft.request.symbol} (${draft.request.type}) with real money?`)) return;
  void placeOrder(api, draft.request);
}
