// A backtest form's refusal, said under the button that was pressed (Run backtest's under it, Optimize's
// under that), and the box it is about marked: aria-invalid and described by the message for a screen
// reader, a red edge to see, and focused (so scrolled into view) for the trader to fix. Before, both forms
// shared one message at the foot of the side column: a refusal of the run form's `fast` read under
// Optimize's own `fast` range, while the box at fault sat out of view, unmarked.
import { useEffect, useRef } from 'react';
import type { FormMessage as Message } from './field-error.ts';
import './form-message.css';

export function FormMessage({ message, id, testId }: { message: Message | null; id: string; testId: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!message) return;
    // The box is found by its test id: the forms' boxes live in several components (exits, fills, sides).
    const box = message.field ? document.querySelector<HTMLElement>(`.bt-page [data-testid="${CSS.escape(message.field)}"]`) : null;
    if (!box) {
      ref.current?.scrollIntoView({ block: 'nearest' });
      return;
    }
    box.setAttribute('aria-invalid', 'true');
    box.setAttribute('aria-describedby', id);
    // Focused without the browser's own scroll, then brought to the middle of the column: the message,
    // pinned to the column's foot (form-message.css), must not cover it.
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'center' });
    return () => {
      box.removeAttribute('aria-invalid');
      if (box.getAttribute('aria-describedby') === id) box.removeAttribute('aria-describedby');
    };
  }, [message, id]);
  if (!message) return null;
  return (
    <p id={id} ref={ref} className="bt-error bt-form-message" role="alert" data-testid={testId} data-field={message.field ?? undefined}>
      {message.text}
    </p>
  );
}
