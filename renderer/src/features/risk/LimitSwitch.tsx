// A limit that is on or off (closeOnLossLimit), as a checkbox in the limits editor: ticking it sends the
// change at once, there being nothing typed to confirm. It shows the limit in force: a change the engine
// refuses leaves it as it was, with the refusal beside it (LimitsEditor). `note`: a line under it (what it
// does on the live account armed: live-close-note.ts).
import type { LimitField } from './limit-fields.ts';

export function LimitSwitch({ field, on, mode, invalid, note, onToggle }: { field: LimitField; on: boolean; mode: string; invalid: boolean; note: string | null; onToggle: (on: boolean) => void }) {
  return (
    <>
      <label className="risk-limit risk-limit-switch" title={field.locked ? `Set by the ${mode} mode; switch to custom to change it` : field.title}>
        <span>{field.label}</span>
        <input type="checkbox" checked={on} disabled={field.locked} aria-invalid={invalid} onChange={(e) => onToggle(e.target.checked)} data-testid={`limit-${field.key}`} />
      </label>
      {note !== null && (
        <p className="risk-limit-note" data-testid={`limit-note-${field.key}`}>
          {note}
        </p>
      )}
    </>
  );
}
