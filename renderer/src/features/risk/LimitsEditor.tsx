// Every limit, editable: a value is sent when the field is left or Enter is pressed, checked here first
// and by the engine. A refused value stays in its field as typed, marked and with the refusal beside it, so
// the trader corrects it instead of typing it again (a symbol allowlist is long); the limit in force does not
// change. Escape puts the value in force back.
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { limitFields, limitText, readLimit } from './limit-fields.ts';
import { setLimits } from './risk-actions.ts';
import { useRisk } from './risk-store.ts';
import type { RiskLimits } from '../../../../shared/risk/risk-limits.ts';

export function LimitsEditor() {
  const api = useApi();
  const state = useRisk((s) => s.state);
  const error = useRisk((s) => s.limitsError);
  const [drafts, setDrafts] = useState<Partial<Record<keyof RiskLimits, string>>>({});
  /** The field whose value was refused last: the refusal shows beside it. */
  const [refused, setRefused] = useState<keyof RiskLimits | null>(null);
  if (!state) return null;
  const forget = (key: keyof RiskLimits) => setDrafts(({ [key]: _gone, ...rest }) => rest);
  /** Back to the value in force: the draft and its refusal go. */
  const revert = (key: keyof RiskLimits) => {
    forget(key);
    if (refused !== key) return;
    setRefused(null);
    useRisk.setState({ limitsError: null });
  };
  const commit = async (key: keyof RiskLimits) => {
    const text = drafts[key];
    if (text === undefined) return;
    if (text === limitText(state.limits, key)) return revert(key);
    const refusal = await setLimits(api, readLimit(key, text));
    if (refusal !== null) return setRefused(key);
    forget(key);
    setRefused(null);
  };
  // A refusal of a field's draft shows beside that field; any other under the editor.
  const shownError = refused !== null && drafts[refused] !== undefined ? null : error;
  return (
    <details className="risk-limits" data-testid="risk-limits">
      <summary>Limits</summary>
      <div className="risk-limits-grid">
        {limitFields(state.mode).map((f) => {
          const invalid = error !== null && refused === f.key && drafts[f.key] !== undefined;
          return (
            <div key={f.key} className="risk-limit-row">
              <label className="risk-limit">
                <span>{f.label}</span>
                <input
                  value={drafts[f.key] ?? limitText(state.limits, f.key)}
                  disabled={f.locked}
                  aria-invalid={invalid}
                  className={invalid ? 'is-invalid' : undefined}
                  title={f.locked ? `Set by the ${state.mode} mode; switch to custom to change it` : undefined}
                  onChange={(e) => setDrafts((d) => ({ ...d, [f.key]: e.target.value }))}
                  onBlur={() => void commit(f.key)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void commit(f.key);
                    if (e.key === 'Escape') revert(f.key);
                  }}
                  data-testid={`limit-${f.key}`}
                />
                <span className="muted">{f.unit}</span>
              </label>
              {invalid && (
                <p className="risk-limits-error" role="alert" data-testid={`limit-refusal-${f.key}`}>
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {shownError && (
        <p className="risk-limits-error" role="alert">
          {shownError}
        </p>
      )}
    </details>
  );
}
