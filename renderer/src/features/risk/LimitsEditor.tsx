// Every limit, editable: a value is sent when the field is left or Enter is pressed, checked here first
// and by the engine. A refused value stays in its field as typed, marked and with the refusal beside it, so
// the trader corrects it instead of typing it again (a symbol allowlist is long); the limit in force does not
// change. Escape puts the value in force back. A limit that is on or off is a checkbox, sent as it is ticked
// (LimitSwitch); its refusal shows beside it the same way. While a live account is armed, closing positions
// at a loss limit says what it does there and asks before it is turned on (live-close-note.ts).
import { useState } from 'react';
import { useTradingMode } from '../../app/trading-mode.ts';
import { useApi } from '../../api/api-context.tsx';
import { isSwitch, limitFields, limitText, readLimit, switchPatch, type SwitchKey } from './limit-fields.ts';
import { LimitSwitch } from './LimitSwitch.tsx';
import { liveCloseNote, liveCloseQuestion } from './live-close-note.ts';
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
  const trading = useTradingMode();
  const live = trading.mode === 'live' ? trading.account : null;
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
    accepted(key);
  };
  /**
   * This field's value was taken: its refusal (if one shows) goes, not another field's refused while the
   * engine was answering (a value typed past a refused one, sent first, is taken after the refusal shows).
   */
  const accepted = (key: keyof RiskLimits) => setRefused((r) => (r === key ? null : r));
  /** A checkbox's change, sent at once: it has no draft, the box shows the limit in force. */
  const toggle = async (key: SwitchKey, on: boolean) => {
    // Declined, nothing is sent: the box shows the limit in force, still off.
    if (key === 'closeOnLossLimit' && on && live !== null && !window.confirm(liveCloseQuestion(live))) return;
    const refusal = await setLimits(api, switchPatch(key, on));
    if (refusal === null) accepted(key);
    else setRefused(key);
  };
  /** Whether the refusal on screen is about this field: its draft (or a checkbox's change) was refused last. */
  const refusedHere = (key: keyof RiskLimits) => refused === key && (drafts[key] !== undefined || isSwitch(key));
  // A refusal of a field's draft or a checkbox's change shows beside that field; any other under the editor.
  const shownError = refused !== null && refusedHere(refused) ? null : error;
  return (
    <details className="risk-limits" data-testid="risk-limits">
      <summary>Limits</summary>
      <div className="risk-limits-grid">
        {limitFields(state.mode).map((f) => {
          const invalid = error !== null && refusedHere(f.key);
          // A const the checkbox's handler keeps narrowed (a property's narrowing does not reach a callback).
          const key = f.key;
          return (
            <div key={f.key} className="risk-limit-row">
              {isSwitch(key) ? (
                <LimitSwitch
                  field={f}
                  on={state.limits[key]}
                  mode={state.mode}
                  invalid={invalid}
                  note={key === 'closeOnLossLimit' ? liveCloseNote(live, state.limits[key]) : null}
                  onToggle={(on) => void toggle(key, on)}
                />
              ) : (
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
              )}
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
