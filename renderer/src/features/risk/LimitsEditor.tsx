// Every limit, editable: a value is sent when the field is left or Enter is pressed, checked here first
// and by the engine; a refused value shows why and the field goes back to the value in force.
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
  if (!state) return null;
  const commit = async (key: keyof RiskLimits) => {
    const text = drafts[key];
    if (text === undefined || text === limitText(state.limits, key)) return;
    await setLimits(api, readLimit(key, text));
    setDrafts(({ [key]: _gone, ...rest }) => rest);
  };
  return (
    <details className="risk-limits" data-testid="risk-limits">
      <summary>Limits</summary>
      <div className="risk-limits-grid">
        {limitFields(state.mode).map((f) => (
          <label key={f.key} className="risk-limit">
            <span>{f.label}</span>
            <input
              value={drafts[f.key] ?? limitText(state.limits, f.key)}
              disabled={f.locked}
              title={f.locked ? `Set by the ${state.mode} mode; switch to custom to change it` : undefined}
              onChange={(e) => setDrafts((d) => ({ ...d, [f.key]: e.target.value }))}
              onBlur={() => void commit(f.key)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void commit(f.key);
              }}
              data-testid={`limit-${f.key}`}
            />
            <span className="muted">{f.unit}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="risk-limits-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
