// How the import dialog reads: the request its boxes make (blank boxes left out, for the engine to read
// from the file), the hints in the empty boxes, the progress bar's share, and the line that says what was
// stored and where its symbol and timeframe came from.
import type { CommandRequest, FileImport } from '../../../../shared/contract/index.ts';
import { symbolFromFileName } from '../../../../shared/domain/symbol-from-file-name.ts';
import { formatCount } from '../../lib/format.ts';
import type { ImportFields, ImportProgressView } from './import-store.ts';

export function toImportRequest(fields: ImportFields): CommandRequest<'market.import'> {
  const request: CommandRequest<'market.import'> = { path: fields.path.trim() };
  for (const key of ['symbol', 'timeframe', 'exchange'] as const) {
    const text = fields[key].trim();
    if (text !== '') request[key] = text;
  }
  return request;
}

/** The symbol box's hint: what the engine will read from the file name, or that it must be typed. */
export function symbolHint(path: string): string {
  if (path.trim() === '') return 'from the file name, e.g. BTCUSDT_1h.csv';
  const named = symbolFromFileName(path);
  return named === null ? 'needed: the file name holds no market' : `${named}, from the file name`;
}

/**
 * 0..1 while the file is read, and again while a new series' candles are written in steps; null while
 * they are written in one transaction (a stored series extended), which has no steps to show.
 */
export function progressShare(p: ImportProgressView): number | null {
  if (p.stage === 'storing' && p.done === 0) return null;
  return p.total > 0 ? Math.min(1, p.done / p.total) : 0;
}

export function progressText(p: ImportProgressView): string {
  if (p.stage === 'storing') return p.done === 0 ? `storing ${formatCount(p.total)} candles…` : `storing ${formatCount(p.done)} of ${formatCount(p.total)} candles`;
  return `reading ${megabytes(p.done)} of ${megabytes(p.total)}`;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0)} MB`;

/** "stored 1,000,000 candles of BTC/USDT 1m (local) from 2024-01-01 00:00 to 2025-11-26 10:39 UTC" */
export function storedLine(r: FileImport): string {
  const { symbol, timeframe, exchange } = r.series;
  return `stored ${formatCount(r.count)} ${r.count === 1 ? 'candle' : 'candles'} of ${symbol} ${timeframe} (${exchange}) from ${minute(r.first)} to ${minute(r.last)} UTC`;
}

/** "symbol from the file name · timeframe from the candles' spacing · csv: timestamp,open,…" */
export function sourcesLine(r: FileImport): string {
  return [SYMBOL_FROM[r.symbolFrom], TIMEFRAME_FROM[r.timeframeFrom], r.format].join(' · ');
}

const SYMBOL_FROM: Record<FileImport['symbolFrom'], string> = { given: 'symbol as given', 'file name': 'symbol from the file name' };

const TIMEFRAME_FROM: Record<FileImport['timeframeFrom'], string> = {
  given: 'timeframe as given',
  spacing: "timeframe from the candles' spacing",
  'file name': 'timeframe from the file name',
  trades: 'trades gathered into 1m candles, as no timeframe was given',
};

const minute = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
