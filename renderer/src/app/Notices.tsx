// Top right: an account's journal that cannot save first (until it saves again; JournalHealthAlerts.tsx),
// then errors from the engine until dismissed: the code, what failed and the engine's message.
import { JournalHealthAlerts } from '../features/journal-health/JournalHealthAlerts.tsx';
import { dismissJournalHealth, useJournalHealth } from '../features/journal-health/journal-health-store.ts';
import { useNotices } from '../state/notices-store.ts';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  const journal = useJournalHealth((s) => s.byAccount);
  const alerts = Object.values(journal);
  if (notices.length === 0 && alerts.length === 0) return null;
  return (
    <div className="notices" role="alert" aria-live="assertive">
      <JournalHealthAlerts alerts={alerts} onDismiss={dismissJournalHealth} />
      {notices.map((n) => (
        <div className="notice" key={n.id} data-testid="notice" data-code={n.code}>
          <div className="notice-text">
            <strong>{n.action} failed</strong> <code>{n.code}</code>
            <div>{n.message}</div>
          </div>
          <button type="button" className="btn btn-icon" aria-label="Dismiss" title="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
