// Beside the mode badge: "Go live…" opens the arming dialog; while live, "Disarm" returns to paper (after
// asking: live orders stay on the exchange). While live, a warning beside it when the account's
// reconciliation or cancels found something (orders placed outside Keel, balances Keel did not expect, a
// cancel the exchange keeps refusing); it opens the list. The dialog itself renders here too, once for the app.
import { useState } from 'react';
import { useApi } from '../../../api/api-context.tsx';
import type { KeelErrorData } from '../../../../../shared/contract/errors.ts';
import { ArmDialog } from './ArmDialog.tsx';
import { disarmLive, openArming, showFindings } from './arming.ts';
import { findingLines, hasFindings } from './findings.ts';
import { useTradingModeState } from './trading-mode-store.ts';

export function ModeSwitch() {
  const api = useApi();
  const state = useTradingModeState((s) => s.state);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KeelErrorData | null>(null);
  // An engine without arming: nothing to switch.
  if (state === null) return null;

  const disarm = async () => {
    if (!window.confirm(`Disarm ${state.account}? Keel goes back to paper. Live orders stay open on the exchange; cancel them first if they should not.`)) return;
    setBusy(true);
    setError(await disarmLive(api));
    setBusy(false);
  };

  return (
    <>
      {state.mode === 'live' && hasFindings(state.findings) && (
        <button type="button" className="btn btn-xs btn-findings" data-testid="live-findings" title={findingLines(state.findings, state.account?.split(':')[0] ?? 'the exchange').map((l) => l.text).join('\n')} onClick={() => showFindings(state)}>
          ⚠ {findingLines(state.findings, '').length}
        </button>
      )}
      {state.mode === 'live' ? (
        <button type="button" className="btn btn-xs btn-disarm" data-testid="disarm" disabled={busy} title={error ? `${error.code}: ${error.message}` : `Stop live trading on ${state.account}; back to paper`} onClick={() => void disarm()}>
          {error ? 'Disarm failed · retry' : 'Disarm'}
        </button>
      ) : (
        <button type="button" className="btn btn-xs btn-go-live" data-testid="go-live" title="Arm live trading on an exchange account" onClick={() => void openArming(api)}>
          Go live…
        </button>
      )}
      <ArmDialog />
    </>
  );
}
