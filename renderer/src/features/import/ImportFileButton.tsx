// "Import file…": opens the import dialog for whoever shows the button, which says what becomes of the
// series stored (selected in the backtest form, shown on the chart). An icon where room is short (the
// top bar), small among a form's boxes.
import { openImport } from './import-actions.ts';
import type { ImportState } from './import-store.ts';
import './import.css';

const CLASSES = { button: 'btn', small: 'btn import-small', icon: 'btn btn-icon' } as const;

export function ImportFileButton({ onStored, testId, variant = 'button' }: { onStored: ImportState['onStored']; testId: string; variant?: keyof typeof CLASSES }) {
  return (
    <button type="button" className={CLASSES[variant]} data-testid={testId} title="Store a candle or trades file's candles in the journal (what keel import does)" aria-label="Import file…" onClick={() => openImport(onStored)}>
      {variant === 'icon' ? '⇩' : 'Import file…'}
    </button>
  );
}
