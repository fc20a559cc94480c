// Reads a candle file the way real files come (CSV with any of the usual headers, headerless
// Binance CSV, Binance kline JSON; optionally gzipped) into candles oldest first. The first line
// it cannot read stops it with a CandleFileError naming the file, the line and the reason.
import type { Timeframe } from '../../../shared/domain/timeframe.ts';
import type { CandleColumns } from '../../journal/candle-columns.ts';
import { CandleFileError } from './candle-file-error.ts';
import { CsvCandleParser } from './csv-candles.ts';
import { jsonItem, parseKlineJson } from './kline-json.ts';
import { orderCandles, type FileOrder, type ParsedCandles } from './order-candles.ts';
import { openTextSource } from './text-source.ts';

export interface CandleFile {
  /** Oldest first, no two at the same time; volume NaN where the file has none. */
  columns: CandleColumns;
  /** What the file turned out to be, for the user, e.g. `csv: timestamp,open,high,low,close,volume`. */
  format: string;
}

export interface ReadCandleFileOptions {
  /** The series' timeframe: candles must then be at least this far apart and open on its boundaries. */
  timeframe?: Timeframe;
  /** Told after each chunk how many of the file's bytes are read, for a progress bar over a large file. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export async function readCandleFile(file: string, opts: ReadCandleFileOptions = {}): Promise<CandleFile> {
  const source = await openTextSource(file);
  let text: ParsedText;
  try {
    const told = opts.onProgress;
    const progress = told === undefined ? undefined : () => told(source.bytesRead(), source.size);
    text = await parseText(file, source.chunks, progress);
  } finally {
    await source.close();
  }
  const { parsed, where, empty } = text;
  if (parsed.cols.length === 0) throw new CandleFileError(file, null, empty ? 'has no candles: the file is empty' : 'has no candles');
  const { columns, order } = orderCandles(file, parsed, where, opts.timeframe);
  return { columns, format: describe(text.format, source.gzip, order) };
}

interface ParsedText {
  parsed: ParsedCandles;
  format: string;
  where: (place: number) => string;
  /** Nothing but whitespace in the file. */
  empty: boolean;
}

async function parseText(file: string, source: AsyncIterable<string>, progress?: () => void): Promise<ParsedText> {
  const chunks = source[Symbol.asyncIterator]();
  // Peek past leading whitespace to tell JSON from CSV without reading the whole file.
  const seen: string[] = [];
  let firstChar: string | undefined;
  while (firstChar === undefined) {
    const next = await chunks.next();
    if (next.done) break;
    seen.push(next.value);
    firstChar = next.value.trimStart()[0];
  }
  const rest = { [Symbol.asyncIterator]: () => chunks };
  const empty = firstChar === undefined;

  if (firstChar === '[' || firstChar === '{') {
    for await (const text of rest) {
      seen.push(text);
      progress?.();
    }
    return { ...parseKlineJson(file, seen.join('')), where: jsonItem, empty };
  }
  const csv = new CsvCandleParser(file);
  for (const text of seen) csv.push(text);
  for await (const text of rest) {
    csv.push(text);
    progress?.();
  }
  csv.end();
  progress?.();
  return { parsed: csv.parsed, format: csv.describe(), where: (line) => `line ${line}`, empty };
}

function describe(format: string, gzip: boolean, order: FileOrder): string {
  const parts = [gzip ? format.replace(/^(csv|json)/, '$1.gz') : format];
  if (order === 'descending') parts.push('newest first');
  if (order === 'unordered') parts.push('not in time order');
  return parts.join('; ');
}
