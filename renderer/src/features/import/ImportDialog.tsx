// The import dialog, laid over everything (the backtest page too): the boxes, Import, then how far the
// file is read and how it ended. Mounted once in the app; the Import file… buttons open it.
import { useEffect } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { closeImport, runImport } from './import-actions.ts';
import { ImportFields } from './ImportFields.tsx';
import { ImportOutcome } from './ImportOutcome.tsx';
import { ImportProgressBar } from './ImportProgressBar.tsx';
import { useImport } from './import-store.ts';
import './import.css';

export function ImportDialog() {
  const api = useApi();
  const open = useImport((s) => s.open);
  const busy = useImport((s) => s.busy);
  const stored = useImport((s) => s.result !== null);
  const pathGiven = useImport((s) => s.fields.path.trim() !== '');

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeImport();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open) return null;
  return (
    <div className="import-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && closeImport()}>
      <form
        className="import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void runImport(api);
        }}
      >
        <header className="import-header">
          <h2 id="import-title">Import a candle or trades file</h2>
          <button type="button" className="btn btn-icon" aria-label="Close" disabled={busy} onClick={closeImport}>
            ×
          </button>
        </header>
        <ImportFields />
        <ImportProgressBar />
        <ImportOutcome />
        <footer className="import-footer">
          <button type="button" className="btn" data-testid="import-close" disabled={busy} onClick={closeImport}>
            {stored ? 'Done' : 'Cancel'}
          </button>
          <button type="submit" className="btn import-submit" data-testid="import-submit" disabled={busy || !pathGiven} title={pathGiven ? undefined : 'Give the file’s path first'}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </footer>
      </form>
    </div>
  );
}
