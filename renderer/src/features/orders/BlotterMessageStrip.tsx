// The blotter's last action outcome, in its toolbar: a green note or the failure's code and message.
import { showBlotterMessage, useBlotterMessage } from './blotter-message.ts';

export function BlotterMessageStrip() {
  const message = useBlotterMessage((s) => s.message);
  if (!message) return null;
  return (
    <span className={`dock-message ${message.kind === 'ok' ? 'is-ok' : 'is-error'}`} data-testid="blotter-message" data-kind={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
      {message.kind === 'ok' ? (
        message.text
      ) : (
        <>
          {message.action} failed: <code>{message.error.code}</code> {message.error.message}
        </>
      )}
      <button type="button" className="dock-message-close" aria-label="Dismiss" onClick={() => showBlotterMessage(null)}>
        ×
      </button>
    </span>
  );
}
