// The kill switch: one press cancels every open order but the reduce-only stops and targets protecting
// positions (and, ticked, closes every position); new entries
// stay blocked until the user re-arms. The tray and Ctrl+Alt+Shift+K do the same in the desktop app.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { capitalized, countOf } from '../../../../shared/domain/plural.ts';
import { statusLine } from './gauge-model.ts';
import { kill, rearm, type KillResult } from './risk-actions.ts';
import { useRisk } from './risk-store.ts';

export function KillSwitchBar() {
  const api = useApi();
  const state = useRisk((s) => s.state);
  const busy = useRisk((s) => s.busy);
  const [flatten, setFlatten] = useState(false);
  const [last, setLast] = useState<KillResult | null>(null);
  const engaged = state?.kill.engaged ?? false;
  // The press's result belongs to that engagement: once re-armed (here, by `keel rearm` or the tray) it is
  // gone, or a later pull by the daily-loss limit or `keel kill` showed "1 position closing" from the old one.
  useEffect(() => {
    if (!engaged) setLast(null);
  }, [engaged]);
  if (!state) return null;
  const status = statusLine(state);
  return (
    <div className={`risk-kill tone-${status.tone}`} data-testid="risk-kill">
      <p className="risk-status" data-testid="risk-status">
        {status.text}
      </p>
      {!engaged ? (
        <div className="risk-kill-row">
          <button type="button" className="kill-button" disabled={busy} data-testid="kill-button" onClick={() => void kill(api, flatten).then(setLast)}>
            KILL SWITCH
          </button>
          <label className="risk-flatten">
            <input type="checkbox" checked={flatten} onChange={(e) => setFlatten(e.target.checked)} /> also flatten positions
          </label>
        </div>
      ) : (
        <div className="risk-kill-row">
          <button type="button" className="rearm-button" disabled={busy || state.circuit.state !== 'closed'} data-testid="rearm-button" onClick={() => void rearm(api)}>
            Re-arm trading
          </button>
          <span className="muted">{state.circuit.state !== 'closed' ? 'Re-arm once the exchange answers and reconciliation passes.' : 'Nothing new is sent until you re-arm.'}</span>
        </div>
      )}
      {last && engaged && (
        <p className="muted small" data-testid="kill-result">
          {capitalized(countOf(last.cancelled, 'order'))} cancelled{last.flattened ? `, ${countOf(last.flattened, 'position')} closing` : ''} in {last.ms.toFixed(1)} ms
          {last.failures.length ? `; could not: ${last.failures.join('; ')}` : ''}
        </p>
      )}
    </div>
  );
}
