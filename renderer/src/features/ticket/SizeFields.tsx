// How much: a quantity typed in the base asset, or "risk X% of equity" sized from the stop-loss. In risk
// mode the computed quantity shows under the box, with the money it puts at risk. Max fills the quantity
// box with the most the account can put in (max-size.ts); when there is nothing to size, it says why.
import { fixed, qtyText } from '../orders/decimal-text.ts';
import type { FormField, TicketForm } from './order-form.ts';
import type { RiskSizing } from './risk-sizing.ts';
import { Segmented } from './Segmented.tsx';
import { TicketField } from './TicketField.tsx';
import { setField } from './ticket-store.ts';

const SIZINGS = [
  { value: 'qty', label: 'Qty', title: 'Type the quantity' },
  { value: 'risk', label: 'Risk %', title: 'Size the order so that hitting the stop-loss loses this % of equity' },
] as const;

export interface MaxButton {
  /** Sizes the order and fills the box, or says why it cannot. */
  onMax: () => void;
  title: string;
  /** Why the last press sized nothing; null when it did. */
  problem: string | null;
}

export function SizeFields({ form, bad, base, quote, sizing, max }: { form: TicketForm; bad: FormField | null; base: string; quote: string; sizing: RiskSizing | null; max: MaxButton }) {
  return (
    <>
      <div className="ticket-row">
        <span className="ticket-label">Size by</span>
        <Segmented label="Size by" testId="ticket-sizing" value={form.sizing} options={SIZINGS} onChange={(v) => setField('sizing', v)} />
      </div>
      {form.sizing === 'qty' ? (
        <>
          <TicketField
            label="Quantity"
            testId="ticket-qty"
            value={form.qty}
            unit={base}
            placeholder="0.00"
            invalid={bad === 'qty'}
            onChange={(v) => setField('qty', v)}
            action={
              <button type="button" className="ticket-last ticket-max" data-testid="ticket-max" title={max.title} onClick={max.onMax}>
                Max
              </button>
            }
          />
          {max.problem !== null && (
            <div className="ticket-sized muted" data-testid="ticket-max-problem" role="status">
              {max.problem}
            </div>
          )}
        </>
      ) : (
        <>
          <TicketField
            label="Risk"
            testId="ticket-risk-pct"
            value={form.riskPct}
            unit="% equity"
            invalid={bad === 'riskPct'}
            title="Lose at most this % of equity if the stop-loss is hit (fees included)"
            onChange={(v) => setField('riskPct', v)}
          />
          <div className="ticket-sized" data-testid="ticket-sized-qty">
            {sizing?.ok ? (
              <>
                <span className="num">{qtyText(sizing.qty)}</span> {base} · risks <span className="num">{fixed(sizing.risk, 2)}</span> of <span className="num">{fixed(sizing.budget, 2)}</span> {quote}
              </>
            ) : (
              <span className="muted">Quantity follows from the risk and the stop-loss</span>
            )}
          </div>
        </>
      )}
    </>
  );
}
