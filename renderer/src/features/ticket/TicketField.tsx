// One labelled box of the ticket (a number, or the tag's words): label, input, unit, and a "Last" button that copies the last
// price in. Marked invalid (red edge, aria-invalid) when the ticket's problem is this field.
import type { ReactNode } from 'react';

export interface TicketFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  unit?: string;
  placeholder?: string;
  invalid?: boolean;
  title?: string;
  /** Copies the last price in; hidden when there is none. */
  onLast?: (() => void) | null;
  /** Replaces the unit (a % / amount switch, say). */
  addon?: ReactNode;
  /** The keyboard a touch screen shows: a number pad, unless the box takes words (the tag). */
  inputMode?: 'decimal' | 'text';
  /** A button inside the box before the unit (the quantity's Max). */
  action?: ReactNode;
}

export function TicketField({ label, value, onChange, testId, unit, placeholder, invalid, title, onLast, addon, inputMode = 'decimal', action }: TicketFieldProps) {
  return (
    <label className="ticket-row" title={title}>
      <span className="ticket-label">{label}</span>
      <span className={`ticket-input ${invalid ? 'is-invalid' : ''}`}>
        <input type="text" inputMode={inputMode} autoComplete="off" spellCheck={false} value={value} placeholder={placeholder} aria-invalid={invalid || undefined} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
        {onLast && (
          <button type="button" className="ticket-last" tabIndex={-1} title="Use the last price" onClick={onLast}>
            Last
          </button>
        )}
        {action}
        {addon ?? (unit && <span className="ticket-unit">{unit}</span>)}
      </span>
    </label>
  );
}
