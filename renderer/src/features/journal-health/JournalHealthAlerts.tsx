// An account's journal that cannot save, at the top of the notices: persistent while it fails (no dismiss:
// trading on an account whose journal drops changes is what the trader must not miss). When writes go
// through again it turns into a short "saving again since" line the trader dismisses, rather than
// vanishing: a trader who looked away must still learn there was a window in which orders may have been
// refused and fills saved late, and when it ended.
import type { JournalHealth } from '../../../../shared/contract/index.ts';
import { clockTime, savingAgainText, WHAT_TO_DO, whatKeelDid } from '../../../../shared/domain/journal-health-text.ts';

export function JournalHealthAlerts({ alerts, onDismiss }: { alerts: readonly JournalHealth[]; onDismiss: (account: string) => void }) {
  if (alerts.length === 0) return null;
  return (
    <>
      {alerts.map((h) =>
        h.status === 'failing' ? (
          <div className="notice journal-health" key={h.account} data-testid="journal-health" data-status="failing" data-account={h.account}>
            <div className="notice-text">
              <strong>{h.account}: the journal is not saving</strong>
              <div>
                Since {clockTime(h.failedAt)} the {h.account} account&apos;s journal could not save a change: <code>{h.error}</code>
              </div>
              <div>{whatKeelDid(h)}</div>
              <div>{WHAT_TO_DO}</div>
            </div>
          </div>
        ) : (
          <div className="notice journal-health is-saving" key={h.account} data-testid="journal-health" data-status="saving" data-account={h.account}>
            <div className="notice-text">{savingAgainText(h)}</div>
            <button type="button" className="btn btn-icon" aria-label="Dismiss" title="Dismiss" onClick={() => onDismiss(h.account)}>
              ×
            </button>
          </div>
        ),
      )}
    </>
  );
}
