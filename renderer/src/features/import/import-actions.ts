// What the import dialog does: opens for whoever asked (the backtest form, the chart's market picker),
// which says what to do with the series stored; runs the import, following the engine's progress for its
// own file; and tells how it ended, in the engine's words when it failed.
import type { Api } from '../../../../shared/contract/index.ts';
import { toErrorData } from '../../state/error-data.ts';
import { EMPTY_FIELDS, useImport, type ImportFields, type ImportState } from './import-store.ts';
import { toImportRequest } from './import-view.ts';

export function openImport(onStored: ImportState['onStored']): void {
  useImport.setState({ open: true, fields: EMPTY_FIELDS, busy: false, progress: null, result: null, error: null, onStored });
}

/** Closed only once the import has ended: its result would otherwise land in a dialog no one sees. */
export function closeImport(): void {
  if (useImport.getState().busy) return;
  useImport.setState({ open: false, onStored: null });
}

/** A change to a box clears the last outcome: it was about the boxes as they were. */
export function setImportField(key: keyof ImportFields, value: string): void {
  useImport.setState((s) => ({ fields: { ...s.fields, [key]: value }, result: null, error: null }));
}

export async function runImport(api: Api): Promise<void> {
  const { busy, fields, onStored } = useImport.getState();
  if (busy) return;
  const request = toImportRequest(fields);
  useImport.setState({ busy: true, progress: null, result: null, error: null });
  // Every window hears every import's progress: this dialog follows the file it sent.
  const off = api.events['market.importProgress'](({ path, stage, done, total }) => {
    if (path === request.path) useImport.setState({ progress: { stage, done, total } });
  });
  try {
    const result = await api.commands['market.import'](request);
    // The opener says what went wrong on its side itself (the form's error line, the notices); the
    // candles are stored either way, and that is what the dialog tells.
    await Promise.resolve(onStored?.(result.series)).catch(() => undefined);
    useImport.setState({ result });
  } catch (err) {
    useImport.setState({ error: toErrorData(err) });
  } finally {
    off();
    useImport.setState({ busy: false, progress: null });
  }
}
