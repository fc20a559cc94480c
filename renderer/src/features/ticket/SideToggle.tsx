// Buy or sell: two wide buttons, the chosen one filled in its colour.
import type { Side } from '../../../../shared/trading/orders.ts';
import { setField, useTicket } from './ticket-store.ts';

export function SideToggle() {
  const side = useTicket((s) => s.form.side);
  return (
    <div className="ticket-sides" role="radiogroup" aria-label="Side">
      {(['buy', 'sell'] as const satisfies readonly Side[]).map((s) => (
        <button
          key={s}
          type="button"
          role="radio"
          aria-checked={side === s}
          className={`btn side-${s} ${side === s ? 'is-active' : ''}`}
          data-testid={`ticket-side-${s}`}
          onClick={() => setField('side', s)}
        >
          {s === 'buy' ? 'Buy' : 'Sell'}
        </button>
      ))}
    </div>
  );
}
