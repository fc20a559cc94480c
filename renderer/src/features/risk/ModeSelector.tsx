// The risk mode, with each mode's figures beside it. A switch applies to new orders only, and says so.
import { useApi } from '../../api/api-context.tsx';
import { modeRows } from './mode-figures.ts';
import { setMode } from './risk-actions.ts';
import { useRisk } from './risk-store.ts';

export function ModeSelector() {
  const api = useApi();
  const state = useRisk((s) => s.state);
  const busy = useRisk((s) => s.busy);
  if (!state) return null;
  return (
    <fieldset className="risk-modes" disabled={busy} data-testid="risk-modes">
      <legend>Mode</legend>
      {modeRows(state.mode, state.limits).map((row) => (
        <label key={row.mode} className={`risk-mode${row.mode === state.mode ? ' selected' : ''}`}>
          <input type="radio" name="risk-mode" value={row.mode} checked={row.mode === state.mode} onChange={() => void setMode(api, row.mode)} />
          <span className="risk-mode-name">{row.label}</span>
          <span className="risk-mode-figures">{row.figures}</span>
        </label>
      ))}
      <p className="muted small">A mode switch applies to new orders only: open positions and orders are not closed or resized.</p>
    </fieldset>
  );
}
