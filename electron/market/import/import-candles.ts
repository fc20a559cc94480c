// `keel import` and the app's import both come here: read and check the whole file first, then
// write it in one transaction, so a file with a bad line leaves the journal exactly as it was.
import type { SeriesKey } from '../../../shared/domain/candle.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import { readCandleFile, type CandleFile } from './read-candle-file.ts';

export interface ImportResult {
  count: number;
  /** Open time of the oldest and newest candle, epoch ms. */
  first: number;
  last: number;
  format: string;
}

export async function importCandleFile(store: CandleStore, file: string, key: SeriesKey): Promise<ImportResult> {
  return storeCandleFile(store, key, await readCandleFile(file, { timeframe: key.timeframe }));
}

/**
 * storeCandleFile() for a caller whose thread must keep answering (the app): a new series, or a stored one
 * the file has every time of, is written in steps with `pause()` between them and appears whole at the end
 * (CandleStore.upsertColumnsInSteps).
 */
export async function storeCandleFileInSteps(store: CandleStore, key: SeriesKey, { columns, format }: CandleFile, pause: () => Promise<void>, onStep?: (written: number) => void): Promise<ImportResult> {
  const n = columns.length;
  if (n === 0) throw new RangeError('a candle file holds at least one candle');
  const count = await store.upsertColumnsInSteps(key, columns, pause, onStep);
  return { count, first: columns.t[0]!, last: columns.t[n - 1]!, format };
}

/** The writing half, for callers that read the file before they open the journal. */
export function storeCandleFile(store: CandleStore, key: SeriesKey, { columns, format }: CandleFile): ImportResult {
  const n = columns.length;
  if (n === 0) throw new RangeError('a candle file holds at least one candle');
  // Stored from the columns the file was read into: no object per candle.
  const count = store.writeTransaction(() => store.upsertColumns(key, columns));
  return { count, first: columns.t[0]!, last: columns.t[n - 1]!, format };
}
