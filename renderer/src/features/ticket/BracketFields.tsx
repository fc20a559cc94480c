// The bracket: a stop-loss (stop-market) and a take-profit (limit for the whole entry) placed with the
// entry and cancelling each other, each a price or a percent of the entry's fill ("2%"). In risk sizing the stop-loss is required: the risk is measured to it.
import type { FormField, TicketForm } from './order-form.ts';
import { TicketField } from './TicketField.tsx';
import { setField } from './ticket-store.ts';

export function BracketFields({ form, bad, quote }: { form: TicketForm; bad: FormField | null; quote: string }) {
  const off = form.reduceOnly;
  return (
    <fieldset className="ticket-bracket" disabled={off} title={off ? 'A reduce-only order closes a position; it carries no bracket' : undefined}>
      <legend>Bracket</legend>
      <TicketField
        label="Stop-loss"
        testId="ticket-stop-loss"
        value={form.stopLoss}
        unit={quote}
        placeholder={form.sizing === 'risk' ? 'required' : 'optional'}
        invalid={bad === 'stopLoss'}
        title="A stop-market that closes the position if the price reaches this: a price, or a percent from the entry's fill (2%)"
        onChange={(v) => setField('stopLoss', v)}
      />
      <TicketField
        label="Take-profit"
        testId="ticket-take-profit"
        value={form.takeProfit}
        unit={quote}
        placeholder="optional"
        invalid={bad === 'takeProfit'}
        title="A limit order that closes the whole position at this price: a price, or a percent from the entry's fill (4%)"
        onChange={(v) => setField('takeProfit', v)}
      />
    </fieldset>
  );
}
