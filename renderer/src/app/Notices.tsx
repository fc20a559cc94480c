// Errors from the engine, top right, until dismissed: the code, what failed and the engine's message.
import { useNotices } from '../state/notices-store.ts';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert" aria-live="assertive">
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
