// How the import ended: what was stored, where its symbol and timeframe came from, and what the series held
// already when it held candles; or what to fix,
// in the engine's words (the file and its line, the valid timeframes, ...).
import { useImport } from './import-store.ts';
import { joinedLine } from '../../../../shared/domain/import-joined.ts';
import { sourcesLine, storedLine } from './import-view.ts';

export function ImportOutcome() {
  const result = useImport((s) => s.result);
  const error = useImport((s) => s.error);
  if (error) {
    return (
      <p className="modal-alert" role="alert" data-testid="import-error">
        {error.message}
      </p>
    );
  }
  if (!result) return null;
  return (
    <div className="import-result" role="status">
      <p data-testid="import-result">{storedLine(result)}</p>
      <p className="import-hint" data-testid="import-sources">
        {sourcesLine(result)}
      </p>
      {result.joined && (
        <p className="import-joined" data-testid="import-joined">
          {joinedLine(result.joined, 'an exchange')}
        </p>
      )}
    </div>
  );
}
