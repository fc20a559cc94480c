// Time in force, reduce-only and post-only, and the order's tag. Post-only and time in force are offered
// only where they mean something (limit-priced orders); the engine would refuse them elsewhere.
import { TIME_IN_FORCE } from '../../../../shared/trading/orders.ts';
import { TYPE_FIELDS, type FormField, type TicketForm } from './order-form.ts';
import { setField } from './ticket-store.ts';
import { TicketField } from './TicketField.tsx';

const TIF_TITLES = { GTC: 'Good till cancelled', IOC: 'Immediate or cancel: fill what can be filled now, cancel the rest', FOK: 'Fill or kill: all at once or nothing' } as const;

export function OptionFields({ form, bad }: { form: TicketForm; bad: FormField | null }) {
  const fields = TYPE_FIELDS[form.type];
  return (
    <>
      <div className="ticket-options">
        <label className="ticket-tif" title={fields.timeInForce ? TIF_TITLES[form.timeInForce] : 'Time in force applies to orders with a limit price'}>
          <span className="ticket-label">TIF</span>
          <select value={fields.timeInForce ? form.timeInForce : 'GTC'} disabled={!fields.timeInForce} data-testid="ticket-tif" onChange={(e) => setField('timeInForce', e.target.value as TicketForm['timeInForce'])}>
            {TIME_IN_FORCE.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className={`check ${bad === 'reduceOnly' ? 'is-invalid' : ''}`} title="Only shrink the position, never open or grow one">
          <input type="checkbox" checked={form.reduceOnly} data-testid="ticket-reduce-only" onChange={(e) => setField('reduceOnly', e.target.checked)} />
          Reduce-only
        </label>
        <label className={`check ${bad === 'postOnly' ? 'is-invalid' : ''}`} title={fields.postOnly ? 'Rest on the book as a maker, or be cancelled' : 'Post-only applies to limit orders'}>
          <input type="checkbox" checked={fields.postOnly && form.postOnly} disabled={!fields.postOnly} data-testid="ticket-post-only" onChange={(e) => setField('postOnly', e.target.checked)} />
          Post-only
        </label>
      </div>
      <TicketField
        label="Tag"
        value={form.tag}
        onChange={(v) => setField('tag', v)}
        testId="ticket-tag"
        inputMode="text"
        placeholder="optional: why, like breakout"
        invalid={bad === 'tag'}
        title="Why you place this order: the blotter and the journal keep it with the order (letters, digits and _ . : < > = + - / % #, at most 40 characters)"
      />
    </>
  );
}
