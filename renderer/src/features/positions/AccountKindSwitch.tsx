// Spot or Margin for the paper account, in the Positions tab's toolbar (the account summary's kind tag
// leads here): a one-line hint of what each means, the other kind disabled with the engine's reason while
// a switch would be refused (open orders, a short held), and the outcome of the last switch. On margin,
// the rate its shorts pay to borrow beside it (BorrowRateField), whose outcome shares the message; the hint
// then gives way to it (each button's tooltip says the same). A live account shows its kind, the
// exchange's, and cannot be switched; its borrow rates are the exchange's. In a narrow dock the bar wraps:
// the hint, a refusal and the message go onto a line of their own rather than being cut short.
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { KeelErrorData } from '../../../../shared/contract/errors.ts';
import { KIND_HINT, KIND_LABELS, KIND_TITLES, kindUnavailable, setAccountKind, type AccountKind } from './account-kind.ts';
import { usePositions } from './positions-store.ts';
import { BorrowRateField } from './BorrowRateField.tsx';

/** The last switch's or rate's outcome; a refusal names what was refused. */
type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; refused: string; error: KeelErrorData };

const KINDS: readonly AccountKind[] = ['spot', 'margin'];

export function AccountKindSwitch() {
  const api = useApi();
  const account = usePositions((s) => s.account);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!account) return null;
  const paper = account.mode === 'paper';
  const refusal = account.kindChangeRefusal;
  const borrowRate = paper && account.kind === 'margin';

  const choose = async (kind: AccountKind) => {
    if (kind === account.kind || busy) return;
    setBusy(true);
    const result = await setAccountKind(api, kind);
    setBusy(false);
    setOutcome(result.ok ? { kind: 'ok', text: `The ${account.account} account is ${kind} now${kind === 'margin' ? ': shorts allowed, 1× collateral' : ': long only'}` } : { kind: 'error', refused: 'Switch refused', error: result.error });
  };

  return (
    <span className="account-kind-bar" data-testid="account-kind-bar">
      <span className="acct-label">{paper ? 'Paper account' : account.account}</span>
      <span className="segmented account-kind" role="radiogroup" aria-label={`${paper ? 'Paper account' : account.account}: spot or margin`} data-testid="account-kind" data-kind={account.kind}>
        {KINDS.map((kind) => {
          const unavailable = kindUnavailable(account, kind);
          return (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={account.kind === kind}
              className={account.kind === kind ? 'is-active' : ''}
              data-value={kind}
              data-testid={`account-kind-${kind}`}
              disabled={busy || unavailable !== null}
              title={unavailable ?? KIND_TITLES[kind]}
              onClick={() => void choose(kind)}
            >
              {KIND_LABELS[kind]}
            </button>
          );
        })}
      </span>
      {borrowRate && <BorrowRateField account={account} onOutcome={(o) => setOutcome(o.kind === 'ok' ? o : { ...o, refused: 'Borrow rate refused' })} />}
      {refusal !== null ? (
        <span className="account-kind-note is-blocked" data-testid="account-kind-reason" title={refusal}>
          {paper ? `${KIND_LABELS[account.kind === 'spot' ? 'margin' : 'spot']} unavailable: ${refusal}` : refusal}
        </span>
      ) : (
        !borrowRate && (
          <span className="account-kind-note" data-testid="account-kind-hint">
            {KIND_HINT}
          </span>
        )
      )}
      {outcome && (
        <span className={`dock-message ${outcome.kind === 'ok' ? 'is-ok' : 'is-error'}`} data-testid="account-kind-message" data-kind={outcome.kind} role={outcome.kind === 'error' ? 'alert' : 'status'} title={outcome.kind === 'ok' ? outcome.text : outcome.error.message}>
          {outcome.kind === 'ok' ? (
            outcome.text
          ) : (
            <>
              {outcome.refused}: <code>{outcome.error.code}</code> {outcome.error.message}
            </>
          )}
          <button type="button" className="dock-message-close" aria-label="Dismiss" onClick={() => setOutcome(null)}>
            ×
          </button>
        </span>
      )}
    </span>
  );
}
