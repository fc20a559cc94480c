// The arming dialog: pick the exchange account (those with a stored API key), see its balance as the
// exchange reports it now, type the account name to confirm, arm. Nothing is armed until the name typed
// matches and the engine has connected and reconciled; any failure shows its code and message here.
// Armed with findings (orders placed outside Keel, balances Keel did not expect, refused cancels), it stays
// open on them until the trader has read them.
import { useEffect, useRef } from 'react';
import { useApi } from '../../../api/api-context.tsx';
import { ModalForm } from '../../../lib/ModalForm.tsx';
import { fixed, qtyText } from '../../orders/decimal-text.ts';
import { acknowledgeDrift, armLive, chooseAccount, closeArming, confirmMatches, useArming } from './arming.ts';
import { findingLines } from './findings.ts';
import { useTradingModeState } from './trading-mode-store.ts';
import './arming.css';

export function ArmDialog() {
  const api = useApi();
  const s = useArming();
  const typedRef = useRef<HTMLInputElement>(null);
  const ready = confirmMatches(s.typed, s.preview?.confirmText);
  const now = useTradingModeState((m) => m.state);

  useEffect(() => {
    if (s.preview) typedRef.current?.focus();
  }, [s.preview]);

  if (!s.open) return null;
  const exchange = s.account?.split(':')[0] ?? 'the exchange';
  if (s.armed) {
    // The findings as they are now (a later reconciliation or refused cancel updates them), while still live.
    const findings = now?.mode === 'live' && now.account === s.armed.account ? now.findings : s.armed.findings;
    const lines = findingLines(findings, exchange);
    const drifts = lines.some((l) => l.kind === 'drift');
    return (
      <ModalForm title={`Live on ${s.armed.account ?? exchange}`} titleId="arm-title" testId="arm-dialog" className="arm-dialog" busy={false} onClose={closeArming} onSubmit={closeArming}>
        <div className="arm-findings" data-testid="arm-findings">
          <p>{lines.length === 0 ? `Nothing on ${exchange} differs from Keel's journal now.` : `Keel found on ${exchange} what it did not do:`}</p>
          <ul>
            {lines.map((l) => (
              <li key={l.text} data-testid="arm-finding" data-kind={l.kind}>
                {l.text}
              </li>
            ))}
          </ul>
          {drifts && (
            <div className="arm-acknowledge">
              <p className="muted">If you deposited or withdrew this yourself, take {exchange}'s balances as right: Keel's journal records them and stops reporting this drift.</p>
              <button type="button" className="btn" data-testid="arm-acknowledge-drift" disabled={s.busy === 'acknowledge'} onClick={() => void acknowledgeDrift(api, findings?.balanceDrift ?? [])}>
                {s.busy === 'acknowledge' ? 'Recording…' : `Take ${exchange}'s balances as right`}
              </button>
            </div>
          )}
        </div>
        {s.error && (
          <div className="arm-error" role="alert" data-testid="arm-error">
            <code>{s.error.code}</code> {s.error.message}
          </div>
        )}
        <footer className="modal-footer">
          <button type="submit" className="btn" data-testid="arm-findings-close">
            Understood
          </button>
        </footer>
      </ModalForm>
    );
  }
  return (
    <ModalForm title="Arm live trading" titleId="arm-title" testId="arm-dialog" className="arm-dialog" busy={s.busy === 'arm'} onClose={closeArming} onSubmit={() => void armLive(api)}>
      <p className="modal-alert">Orders from this terminal will go to the exchange and trade real money until you disarm. Keel always starts in paper again.</p>

      {s.accounts === null ? (
        <p className="muted">Looking for stored API keys…</p>
      ) : s.accounts.length === 0 && s.keychainError !== null ? (
        <div className="arm-empty" data-testid="arm-keychain-error">
          <p>Keel could not read the OS keychain, so it cannot tell which accounts have a key: {s.keychainError}</p>
          <p>Unlock the keychain (or start its service), then open this again.</p>
        </div>
      ) : s.accounts.length === 0 ? (
        <div className="arm-empty" data-testid="arm-no-accounts">
          <p>No exchange account has an API key stored, so none can be armed. Store one from a terminal, then open this again:</p>
          <pre className="command">keel keys set --exchange binance --name main</pre>
        </div>
      ) : (
        <>
          <label className="arm-row">
            <span className="arm-label">Account</span>
            <select value={s.account ?? ''} data-testid="arm-account" disabled={s.busy === 'arm'} onChange={(e) => void chooseAccount(api, e.target.value)}>
              {s.account === null && <option value="">Pick an account…</option>}
              {s.accounts.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          {s.busy === 'preview' && <p className="muted">Reading the balance from {exchange}…</p>}
          {s.preview && (
            <div className="arm-balances" data-testid="arm-balances">
              <div className="arm-label">
                Balance on {exchange}, read {new Date(s.preview.fetchedAt).toISOString().slice(11, 19)} UTC
              </div>
              {s.preview.balances.length === 0 ? (
                <p className="muted">The account holds nothing.</p>
              ) : (
                <table className="trade-table">
                  <thead>
                    <tr>
                      <th>Asset</th>
                      <th className="right">Free</th>
                      <th className="right">Locked</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.preview.balances.map((b) => (
                      <tr key={b.asset} data-testid="arm-balance" data-asset={b.asset}>
                        <td>{b.asset}</td>
                        <td className="num right">{/USD|EUR/.test(b.asset) ? fixed(b.free, 2) : qtyText(b.free)}</td>
                        <td className="num right dim">{qtyText(b.locked)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <label className="arm-confirm">
                <span>
                  Type <strong className="mono">{s.preview.confirmText}</strong> to confirm
                </span>
                <input
                  ref={typedRef}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={s.typed}
                  data-testid="arm-confirm"
                  disabled={s.busy === 'arm'}
                  onChange={(e) => useArming.setState({ typed: e.target.value })}
                />
              </label>
            </div>
          )}
        </>
      )}

      {s.error && (
        <div className="arm-error" role="alert" data-testid="arm-error">
          <code>{s.error.code}</code> {s.error.message}
        </div>
      )}
      <footer className="modal-footer">
        <button type="button" className="btn" disabled={s.busy === 'arm'} onClick={closeArming}>
          Stay in paper
        </button>
        <button type="submit" className="btn btn-arm" data-testid="arm-submit" disabled={!ready || s.busy !== null} title={ready ? undefined : 'Type the account name exactly to arm'}>
          {s.busy === 'arm' ? 'Connecting and reconciling…' : `Arm ${s.account ?? 'live'}`}
        </button>
      </footer>
    </ModalForm>
  );
}
