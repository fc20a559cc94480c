// A dialog over the whole window, as a form: its backdrop, its heading with a close button, Escape and a
// click beside it closing it (unless `busy`: a request under way finishes first), and Enter submitting.
// The arming dialog and the import dialog share it, and its look (modal.css).
import { useEffect, type ReactNode } from 'react';
import './modal.css';

export interface ModalFormProps {
  title: string;
  /** The heading's id, which names the dialog for screen readers. */
  titleId: string;
  testId: string;
  /** Added to `modal`: the dialog's own width and accent. */
  className: string;
  busy: boolean;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}

export function ModalForm({ title, titleId, testId, className, busy, onClose, onSubmit, children }: ModalFormProps) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);
  return (
    <div className="modal-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <form
        className={`modal ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-icon" aria-label="Close" disabled={busy} onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </form>
    </div>
  );
}
