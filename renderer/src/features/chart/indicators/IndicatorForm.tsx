// The parameter fields of one indicator, checked as the user types: each field says what is wrong
// with it, and the button stays disabled until every value is one the indicator accepts.
import { useState, type FormEvent } from 'react';
import { parseParams } from './indicator-params.ts';
import type { IndicatorSpec, Params } from './indicator-types.ts';

interface Props {
  spec: IndicatorSpec;
  initial: Params;
  submitLabel: string;
  onSubmit: (params: Params) => void;
  onCancel: () => void;
}

export function IndicatorForm({ spec, initial, submitLabel, onSubmit, onCancel }: Props) {
  const [typed, setTyped] = useState<Record<string, string>>(() => Object.fromEntries(spec.params.map((p) => [p.key, String(initial[p.key] ?? p.default)])));
  const result = parseParams(spec, typed);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (result.ok) onSubmit(result.params);
  };
  return (
    <form className="ind-form" data-testid="indicator-form" data-kind={spec.kind} onSubmit={submit}>
      {spec.params.length === 0 && <p className="ind-form-note">No parameters: anchored to each UTC day.</p>}
      {spec.params.map((p) => {
        const error = result.ok ? undefined : result.fieldErrors[p.key];
        return (
          <label key={p.key} className={`ind-field ${error ? 'has-error' : ''}`}>
            <span className="ind-field-label">{p.label}</span>
            <input
              type="text"
              inputMode={p.integer ? 'numeric' : 'decimal'}
              value={typed[p.key] ?? ''}
              data-param={p.key}
              aria-invalid={error ? true : undefined}
              title={`${p.min} to ${p.max}${p.integer ? ', whole number' : ''}`}
              onChange={(e) => setTyped({ ...typed, [p.key]: e.target.value })}
            />
            {error && (
              <span className="ind-error" data-testid="param-error">
                {error}
              </span>
            )}
          </label>
        );
      })}
      {!result.ok && result.formError && (
        <span className="ind-error" data-testid="param-error">
          {result.formError}
        </span>
      )}
      <div className="ind-form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-accent" data-testid="indicator-submit" disabled={!result.ok}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
