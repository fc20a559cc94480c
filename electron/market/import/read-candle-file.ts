// Reads a candle file the way real files come (CSV with any of the usual headers, headerless
// Binance CSV, Binance kline JSON, JSON Lines of candles; optionally gzipped) into candles oldest first. A file of trades
// (freqtrade's JSON, Binance's trade and aggTrade CSV, a CSV with price and qty columns) becomes
// candles of the timeframe on the way. The first line it cannot read stops it with a
// CandleFileError naming the file, the line and the reason.
import type { Timeframe } from '../../../shared/domain/timeframe.ts';
import type { CandleColumns } from '../../journal/candle-columns.ts';
import { CandleFileError } from './candle-file-error.ts';
import { CsvCandleParser } from './csv-candles.ts';
import { FreqtradeTradesParser, isFreqtradeTrades } from './freqtrade-trades.ts';
import type { ParsedTrades } from './growing-trades.ts';
import { isJsonLines, JsonLinesParser } from './json-lines.ts';
import { jsonItem, parseKlineJson } from './kline-json.ts';
import { orderCandles, type FileOrder, type ParsedCandles } from './order-candles.ts';
import { openTextSource } from './text-source.ts';
import { candlesFromTrades, TRADES_TIMEFRAME } from './trades-into-candles.ts';

export interface CandleFile {
  /** Oldest first, no two at the same time; volume NaN where the file has none. */
  columns: CandleColumns;
  /**
   * What the file turned out to be, for the user, e.g. `csv: timestamp,open,high,low,close,volume`
   * or `json.gz: freqtrade trades, 12,477 trades into 1m candles`.
   */
  format: string;
  /** Set when the file held trades: how many, and the timeframe of the candles they became. */
  fromTrades?: { trades: number; timeframe: Timeframe };
}

export interface ReadCandleFileOptions {
  /**
   * The series' timeframe: candles must then be at least this far apart and open on its boundaries;
   * a file of trades becomes candles of it (of TRADES_TIMEFRAME, 1m, when none is given).
   */
  timeframe?: Timeframe;
  /**
   * Without `timeframe`: the candles a file of trades becomes (TRADES_TIMEFRAME when neither is given),
   * while a file of candles is read as it is (a backtest rolls it up into this timeframe after).
   */
  tradesInto?: Timeframe;
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
  if (text.kind === 'trades') return gatherTrades(file, text, source.gzip, opts.timeframe ?? opts.tradesInto);
  const { parsed, where, empty } = text;
  if (parsed.cols.length === 0) {
    const held = empty ? 'the file is empty' : text.noCandles();
    throw new CandleFileError(file, null, held === null ? 'has no candles' : `has no candles: ${held}`);
  }
  const { columns, order } = orderCandles(file, parsed, where, opts.timeframe);
  return { columns, format: describe(text.format, source.gzip, order) };
}

/** A file of trades as candles of the timeframe asked for, else of TRADES_TIMEFRAME. */
function gatherTrades(file: string, text: ParsedTradesText, gzip: boolean, asked: Timeframe | undefined): CandleFile {
  const { trades } = text;
  if (trades.length === 0) throw new CandleFileError(file, null, 'has no trades');
  const timeframe = asked ?? TRADES_TIMEFRAME;
  const { columns, order } = candlesFromTrades(trades, timeframe);
  const format = text.describe(`${trades.length.toLocaleString('en-US')} trades into ${timeframe} candles`);
  return { columns, format: describe(format, gzip, order), fromTrades: { trades: trades.length, timeframe } };
}

type ParsedText = ParsedCandlesText | ParsedTradesText;

interface ParsedCandlesText {
  kind: 'candles';
  parsed: ParsedCandles;
  format: string;
  where: (place: number) => string;
  /** Nothing but whitespace in the file. */
  empty: boolean;
  /** With no candle read: what the file held instead and what a candle is (a CSV header with no rows); null when nothing more can be said. */
  noCandles: () => string | null;
}

interface ParsedTradesText {
  kind: 'trades';
  trades: ParsedTrades;
  /** The file's kind with `gathered` (how many trades became which candles) after it. */
  describe: (gathered: string) => string;
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
    // Read on past the first line: a whole candle on it, alone, makes the file JSON Lines.
    let head = seen.join('');
    let whole = false;
    while (!pastFirstLine(head) && head.length <= FIRST_ITEM_CHARS) {
      const next = await chunks.next();
      if (next.done) {
        whole = true;
        break;
      }
      seen.push(next.value);
      head += next.value;
      progress?.();
    }
    if (isJsonLines(head, whole)) {
      const lines = await feedAll(new JsonLinesParser(file), seen, rest, progress);
      return { kind: 'candles', parsed: lines.parsed, format: lines.describe(), where: (line) => `line ${line}`, empty, noCandles: () => null };
    }
  }
  if (firstChar === '[') {
    // Read on until the first item is whole: its shape tells freqtrade trades from klines. The text so far
    // is kept joined, not joined again per chunk.
    let head = seen.join('');
    let trades = isFreqtradeTrades(head);
    while (trades === null) {
      const next = await chunks.next();
      if (next.done) break;
      seen.push(next.value);
      head += next.value;
      progress?.();
      // A trade is a short array: a first item not whole after this many characters is none, and looking at
      // the whole head again per chunk would take ever longer (a file of `[` and blanks never ended).
      trades = head.length > FIRST_ITEM_CHARS ? false : isFreqtradeTrades(head);
    }
    if (trades === true) {
      const json = await feedAll(new FreqtradeTradesParser(file), seen, rest, progress);
      return { kind: 'trades', trades: json.parsed, describe: (gathered) => `json: freqtrade trades, ${gathered}` };
    }
  }
  if (firstChar === '[' || firstChar === '{') {
    let chars = seen.reduce((n, text) => n + text.length, 0);
    for await (const text of rest) {
      chars += text.length;
      // Kline JSON is parsed whole: past this, joining it failed as a bare "Invalid string length".
      if (chars > MAX_JSON_CHARS) throw new CandleFileError(file, null, tooLongJson());
      seen.push(text);
      progress?.();
    }
    return { kind: 'candles', ...parseKlineJson(file, seen.join('')), where: jsonItem, empty, noCandles: () => null };
  }
  const csv = await feedAll(new CsvCandleParser(file), seen, rest, progress);
  progress?.();
  if (csv.holdsTrades) return { kind: 'trades', trades: csv.trades, describe: (gathered) => csv.describe(gathered) };
  return { kind: 'candles', parsed: csv.parsed, format: csv.describe(), where: (line) => `line ${line}`, empty, noCandles: () => csv.noCandles() };
}

/** Whether `head` holds its first line's end and something after it: enough to tell JSON Lines. */
function pastFirstLine(head: string): boolean {
  const nl = head.indexOf('\n', head.search(/\S/));
  return nl >= 0 && /\S/.test(head.slice(nl + 1, nl + 4097));
}

/** How far into a JSON file its first item (or line) is looked for, to tell freqtrade trades (its 4th field "buy") and JSON Lines. */
const FIRST_ITEM_CHARS = 2 ** 20;

/** The longest kline JSON read: the longest string JavaScript can hold (2^29 - 24 UTF-16 units, ~512 MB). */
const MAX_JSON_CHARS = 2 ** 29 - 24;

function tooLongJson(): string {
  return `is more than ${Math.floor(MAX_JSON_CHARS / 2 ** 20)} MB of JSON text, the most Keel can read as candle JSON (it parses the file whole): save the candles as CSV or as JSON Lines, one candle a line (both read a line at a time, of any size), or split the file`;
}

/** The chunks already peeked at, then the rest of the file, into a streaming parser, and its end. */
async function feedAll<P extends { push(text: string): void; end(): void }>(parser: P, seen: readonly string[], rest: AsyncIterable<string>, progress: (() => void) | undefined): Promise<P> {
  for (const text of seen) parser.push(text);
  for await (const text of rest) {
    parser.push(text);
    progress?.();
  }
  parser.end();
  return parser;
}

function describe(format: string, gzip: boolean, order: FileOrder): string {
  const parts = [gzip ? format.replace(/^(csv|jsonl?)/, '$1.gz') : format];
  if (order === 'descending') parts.push('newest first');
  if (order === 'unordered') parts.push('not in time order');
  return parts.join('; ');
}
