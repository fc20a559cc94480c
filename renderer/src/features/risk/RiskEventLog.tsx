// Refusals, kill switch triggers and re-arms, breaches, the circuit breaker, mode and limits changes:
// newest first, from the audit log (so they outlive a restart) and live as they happen. Times are UTC, as
// everywhere in the terminal, and the log says so: a trader in Paris would otherwise read them an hour off.
import { formatMarketTime } from '../../lib/format.ts';
import { eventWho, spansAccounts } from './risk-event-who.ts';
import { useRisk } from './risk-store.ts';

function time(ts: number): string {
  return new Date(ts).toISOString().slice(5, 19).replace('T', ' ');
}

export function RiskEventLog() {
  const events = useRisk((s) => s.events);
  const spans = spansAccounts(events);
  return (
    <details className="risk-log" open data-testid="risk-log">
      <summary>Risk events ({events.length}) · times in UTC</summary>
      {events.length === 0 ? (
        <p className="muted small">No refusals or triggers yet.</p>
      ) : (
        <ol>
          {events.map((e, i) => (
            <li key={e.seq ?? `m${i}`} className={`risk-event level-${e.level}`}>
              <span className="risk-event-time" title={formatMarketTime(e.ts)}>
                {time(e.ts)}
              </span>
              <span className={`risk-event-kind kind-${e.kind}`}>{e.kind}</span>
              <span className="risk-event-actor">{eventWho(e, spans)}</span>
              <span className="risk-event-message">{e.message}</span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
