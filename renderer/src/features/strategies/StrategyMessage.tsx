// What the panel last has to say: a start, a stop and why, or what to fix. A line of its own under the
// form, so a narrow dock does not cut it short.
import { useStrategies } from './strategies-store.ts';

export function StrategyMessage() {
  const message = useStrategies((s) => s.message);
  if (!message) return null;
  return (
    <div className="strat-message">
      <span className={`dock-message is-${message.kind}`} data-testid="strategy-message" data-kind={message.kind} role={message.kind === 'error' ? 'alert' : 'status'} title={message.text}>
        {message.text}
        <button type="button" className="dock-message-close" aria-label="Dismiss" onClick={() => useStrategies.setState({ message: null })}>
          ×
        </button>
      </span>
    </div>
  );
}
