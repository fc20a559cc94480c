// The import dialog, laid over everything (the backtest page too): the boxes, Import, then how far the
// file is read and how it ended. Mounted once in the app; the Import file… buttons open it.
import { useApi } from '../../api/api-context.tsx';
import { ModalForm } from '../../lib/ModalForm.tsx';
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

  if (!open) return null;
  return (
    <ModalForm title="Import a candle or trades file" titleId="import-title" testId="import-dialog" className="import-dialog" busy={busy} onClose={closeImport} onSubmit={() => void runImport(api)}>
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
    </ModalForm>
  );
}
