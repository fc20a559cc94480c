// A banner across the top when the link to the engine drops: what is on screen is no longer updating.
import { useConnection } from '../state/connection-store.ts';

export function ConnectionLost() {
  const { status, closeReason } = useConnection();
  if (status !== 'closed') return null;
  return (
    <div className="connection-lost" role="alert" data-testid="connection-lost">
      Connection to Keel lost{closeReason ? ` (${closeReason})` : ''}. The chart has stopped updating. Start <code>keel serve</code> again and open the URL it prints.
    </div>
  );
}
