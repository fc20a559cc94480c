// A banner across the top when the link to the engine drops: what is on screen is no longer updating.
import { FELL_BEHIND_CLOSE } from '../../../shared/bridge/protocol.ts';
import { useConnection, type ConnectionStatus } from '../state/connection-store.ts';

export function ConnectionLost() {
  const { status, closeReason } = useConnection();
  return <ConnectionLostBanner status={status} closeReason={closeReason} />;
}

/** The banner for a link in this state (nothing while connected). */
export function ConnectionLostBanner({ status, closeReason }: { status: ConnectionStatus; closeReason: string | null }) {
  if (status !== 'closed') return null;
  // Keel is still running: this page stopped reading its events (a frozen tab) and was let go. A reload catches up.
  if (closeReason === FELL_BEHIND_CLOSE.reason) {
    return (
      <div className="connection-lost" role="alert" data-testid="connection-lost" data-reason="fell-behind">
        This page fell behind Keel&apos;s events, so it stopped updating rather than show what is no longer so. Keel is still running.{' '}
        <button type="button" className="btn btn-xs" data-testid="connection-reload" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  return (
    <div className="connection-lost" role="alert" data-testid="connection-lost">
      Connection to Keel lost{closeReason ? ` (${closeReason})` : ''}. The chart has stopped updating. Start <code>keel serve</code> again and open the URL it prints.
    </div>
  );
}
