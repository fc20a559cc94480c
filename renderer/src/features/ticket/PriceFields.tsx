// The prices an order type needs, and only those: a limit price, a trigger, or a trail (by amount in the
// quote asset or by percent) with an optional activation price.
import { TYPE_FIELDS, type FormField, type TicketForm } from './order-form.ts';
import { Segmented } from './Segmented.tsx';
import { TicketField } from './TicketField.tsx';
import { setField } from './ticket-store.ts';

const TRAIL_BY = [
  { value: 'percent', label: '%', title: 'Trail by a percent of the price' },
  { value: 'amount', label: 'Amt', title: 'Trail by a price distance in the quote asset' },
] as const;

export function PriceFields({ form, bad, quote, lastPrice }: { form: TicketForm; bad: FormField | null; quote: string; lastPrice: string | null }) {
  const fields = TYPE_FIELDS[form.type];
  const copyLast = (field: 'price' | 'triggerPrice') => (lastPrice === null ? null : () => setField(field, lastPrice));
  return (
    <>
      {fields.trigger && (
        <TicketField
          label={fields.trigger === 'optional' ? 'Activate' : 'Trigger'}
          testId="ticket-trigger"
          value={form.triggerPrice}
          unit={quote}
          placeholder={fields.trigger === 'optional' ? 'optional' : undefined}
          invalid={bad === 'triggerPrice'}
          title={fields.trigger === 'optional' ? 'The trail starts once the price reaches this (empty: at once)' : 'The order triggers when the price reaches this'}
          onLast={copyLast('triggerPrice')}
          onChange={(v) => setField('triggerPrice', v)}
        />
      )}
      {fields.price && <TicketField label="Limit" testId="ticket-price" value={form.price} unit={quote} invalid={bad === 'price'} onLast={copyLast('price')} onChange={(v) => setField('price', v)} />}
      {fields.trail && (
        <TicketField
          label="Trail"
          testId="ticket-trail"
          value={form.trail}
          invalid={bad === 'trail'}
          title={form.trailBy === 'percent' ? 'The stop follows the best price at this % distance' : `The stop follows the best price at this distance in ${quote}`}
          onChange={(v) => setField('trail', v)}
          addon={<Segmented label="Trail by" testId="ticket-trail-by" value={form.trailBy} options={TRAIL_BY} onChange={(v) => setField('trailBy', v)} />}
        />
      )}
    </>
  );
}
