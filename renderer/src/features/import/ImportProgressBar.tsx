// How far the import has got while it runs: the share of the file read, then the candles being written
// (one transaction, so no steps to count there).
import { useImport } from './import-store.ts';
import { progressShare, progressText } from './import-view.ts';

export function ImportProgressBar() {
  const busy = useImport((s) => s.busy);
  const progress = useImport((s) => s.progress);
  if (!busy) return null;
  const share = progress ? progressShare(progress) : 0;
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      {share === null ? <progress /> : <progress max={1} value={share} />}
      <span>{progress ? progressText(progress) : 'opening the file…'}</span>
    </div>
  );
}
