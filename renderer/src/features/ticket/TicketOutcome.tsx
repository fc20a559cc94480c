// The last order's outcome under the submit button: placed (and how it stands), rejected with the
// engine's reason, or the error's code and message. Stays until the next order.
import { qtyText, priceText } from '../orders/decimal-text.ts';
import { TYPE_SHORT } from '../orders/order-labels.ts';
import { useTicket } from './ticket-store.ts';

export function TicketOutcome() {
  const outcome = useTicket((s) => s.outcome);
  if (!outcome) return null;
  if (outcome.kind === 'error') {
    return (
      <div className="ticket-outcome is-error" data-testid="ticket-outcome" data-kind="error" role="alert">
        <code>{outcome.error.code}</code> {outcome.error.message}
      </div>
    );
  }
  const o = outcome.order;
  const what = `${o.side.toUpperCase()} ${TYPE_SHORT[o.type]} ${qtyText(o.qty)} ${o.symbol}${o.price !== null ? ` @ ${priceText(o.price)}` : ''}`;
  if (outcome.kind === 'rejected') {
    return (
      <div className="ticket-outcome is-error" data-testid="ticket-outcome" data-kind="rejected" role="alert">
        Rejected: {what}. {o.reason}
      </div>
    );
  }
  return (
    <div className="ticket-outcome is-ok" data-testid="ticket-outcome" data-kind="placed" role="status">
      Placed {what} · {o.status.replace('_', ' ')}
    </div>
  );
}
