// The app's import (market.import): importFile into the app's journal, its reading told to every window
// as market.importProgress (at most ten a second: a file of gigabytes would otherwise send thousands) and
// its end as market.imported, so each window's list of stored series refreshes. Mistakes become the
// contract's errors: no file at the path is not_found; anything else to fix is invalid_request, with the
// input to fix as the path.
import { KeelError } from '../../../shared/contract/errors.ts';
import { seriesLabel } from '../../../shared/domain/candle.ts';
import type { EventBus } from '../../app/event-bus.ts';
import type { Logger } from '../../app/logger.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import { CandleFileError } from './candle-file-error.ts';
import { importFile, nextTurn, type FileImport, type ImportProgress, type ImportRequest } from './import-file.ts';
import { ImportInputError } from './import-input-error.ts';

const PROGRESS_EVERY_MS = 100;


export type AppImport = (request: ImportRequest) => Promise<FileImport>;

export function appImport(deps: { candles: CandleStore; bus: EventBus; log: Logger }): AppImport {
  const { candles, bus, log } = deps;
  return async (request) => {
    // The answer names the file as the engine read it; until then progress carries the path as sent.
    const path = request.path;
    let last = 0;
    const onProgress = (p: ImportProgress) => {
      const now = Date.now();
      if (p.done > 0 && p.done < p.total && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      bus.emit('market.importProgress', { path, ...p });
    };
    let result: FileImport;
    try {
      // The engine shares this thread: the write goes in steps with a turn of the event loop between them,
      // so a kill switch or an order waits one step (~25 ms), not the whole file (~1.3 s a million candles).
      result = await importFile(request, (write) => write(candles), { onProgress, pause: nextTurn, storedSymbols: () => candles.listSeries().map((s) => s.symbol) });
    } catch (err) {
      throw asKeelError(err);
    }
    log.info('market', `imported ${result.count} candles of ${seriesLabel(result.series)} from ${result.path} (${result.format})`);
    bus.emit('market.imported', result);
    return result;
  };
}

function asKeelError(err: unknown): unknown {
  if (err instanceof ImportInputError) return new KeelError(err.missing ? 'not_found' : 'invalid_request', err.message, [{ path: err.field, message: err.message }]);
  if (err instanceof CandleFileError) return new KeelError('invalid_request', err.message, [{ path: 'path', message: err.message }]);
  return err;
}
