// A small keyboard icon in the ticket's header; hovering or focusing it lists the trading keys.
import { SHORTCUTS } from './shortcuts.ts';

export function ShortcutHelp() {
  return (
    <span className="shortcut-help" tabIndex={0} aria-label="Keyboard shortcuts" data-testid="shortcut-help">
      <span aria-hidden="true">⌨</span>
      <span className="shortcut-tip" role="tooltip">
        <strong>Keyboard</strong>
        {SHORTCUTS.map((s) => (
          <span key={s.keys} className="shortcut-line">
            <kbd>{s.keys}</kbd> {s.does}
          </span>
        ))}
        <span className="muted">Not while typing in a box.</span>
      </span>
    </span>
  );
}
