// The last order's outcome under the submit button: placed and how it stands now (it follows the order's
// events to its end: filled, or bought in part or not at all and the venue's reason why), rejected with
// the engine's reason, or the error's code and message. Stays until the next order.
import { orderNow, useOrders } from '../orders/orders-store.ts';
import { outcomeLine } from './outcome-text.ts';
import { useTicket } from './ticket-store.ts';

export function TicketOutcome() {
  const outcome = useTicket((s) => s.outcome);
  // The order as its latest event has it; the answer to the submit until an event is newer.
  const seen = useOrders((s) => (outcome && outcome.kind !== 'error' ? orderNow(s, outcome.order.id) : null));
  if (!outcome) return null;
  if (outcome.kind === 'error') {
    return (
      <div className="ticket-outcome is-error" data-testid="ticket-outcome" data-kind="error" role="alert">
        <code>{outcome.error.code}</code> {outcome.error.message}
      </div>
    );
  }
  const o = seen !== null && seen.updatedAt >= outcome.order.updatedAt ? seen : outcome.order;
  const line = outcomeLine(o);
  const tone = line.kind === 'placed' ? 'is-ok' : line.kind === 'short' ? 'is-warn' : 'is-error';
  const kind = line.kind === 'short' ? 'expired' : line.kind;
  return (
    <div className={`ticket-outcome ${tone}`} data-testid="ticket-outcome" data-kind={kind} data-status={o.status} role={line.kind === 'placed' ? 'status' : 'alert'}>
      {line.text}
      {line.reason !== null && (
        <>
          {line.kind === 'rejected' ? ' ' : ': '}
          <span className="ticket-outcome-reason" data-testid="ticket-outcome-reason">
            {line.reason}
          </span>
        </>
      )}
    </div>
  );
}
