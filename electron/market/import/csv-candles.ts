// Candles from CSV text, fed chunk by chunk. The first non-blank line is the header, unless it
// already holds a candle: then the file is a headerless Binance kline export (open time, open,
// high, low, close, volume, ...). Every line must have as many fields as the first one. A file of
// trades (a trades header, or a line of Binance's trade or aggTrade dumps first; trade-columns.ts) is
// read the same way into trades, which the reader then gathers into candles.
import { ohlcvProblem } from '../../../shared/domain/candle.ts';
import { CandleFileError } from './candle-file-error.ts';
import { acceptedNamesHelp, listFound, mapColumns, normalizeName, unquote, type ColumnMap } from './column-names.ts';
import { allDigits, decimalAt, slowNumber } from './decimal-text.ts';
import { GrowingColumns } from './growing-columns.ts';
import { GrowingTrades, type ParsedTrades } from './growing-trades.ts';
import type { ParsedCandles } from './order-candles.ts';
import { epochToMs, parseTime, timeEncoding, type TimeEncoding } from './parse-time.ts';
import { bookColumn, hasPriceColumn, headerlessTrades, mapTradeColumns, tradeNamesHelp, type TradeColumnMap } from './trade-columns.ts';

interface Layout {
  delimiter: string;
  /** What each line holds: a candle, or a trade (with the name of a headerless trades file's kind). */
  rows: { kind: 'candles'; columns: ColumnMap } | { kind: 'trades'; columns: TradeColumnMap; name: string | null };
  fieldCount: number;
  /** Header names as written, or null for a headerless file. */
  header: string[] | null;
}

const DELIMITERS = [',', ';', '\t'];
const BINANCE_COLUMNS: ColumnMap = { t: 0, o: 1, h: 2, l: 3, c: 4, v: 5 };

export class CsvCandleParser {
  readonly file: string;
  readonly #rows = new GrowingColumns();
  readonly #trades = new GrowingTrades();
  #lineNo = 0;
  #rest = '';
  #layout: Layout | null = null;
  #timeEncoding: TimeEncoding | null = null;
  /** Where each field of the current line starts; the last entry is one past the line's end. */
  #at = new Int32Array(0);
  /** Lines end in a lone CR (Excel for Mac's "CSV (Macintosh)"); null until the first line end is seen. */
  #crLines: boolean | null = null;

  constructor(file: string) {
    this.file = file;
  }

  /** The candles read so far, in file order. */
  get parsed(): ParsedCandles {
    return this.#rows.finish();
  }

  /** Whether the file holds trades rather than candles (known once its first line is read). */
  get holdsTrades(): boolean {
    return this.#layout?.rows.kind === 'trades';
  }

  /** The trades read so far, in file order, when the file holds trades. */
  get trades(): ParsedTrades {
    return this.#trades.finish();
  }

  push(text: string): void {
    // Lines are read where they sit in the chunk, by offsets: no string per line or per field.
    let buf = this.#rest + text;
    // Read as one line, a CR-only file's header took every row for part of its last name ("has no candles").
    this.#crLines ??= loneCrLines(buf);
    if (this.#crLines === true) buf = buf.replaceAll('\r', '\n');
    let start = 0;
    // The next double quote at or after the line being read (Infinity: none left in the chunk): a line with
    // one is split with its quotes in mind; found once per quote, not once per line.
    let quote = -1;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      if (quote < start) quote = nextQuote(buf, start);
      this.#line(buf, start, nl, quote < nl);
      start = nl + 1;
    }
    this.#rest = buf.slice(start);
  }

  end(): void {
    if (this.#rest.length > 0) this.#line(this.#rest, 0, this.#rest.length, this.#rest.includes('"'));
    this.#rest = '';
  }

  /**
   * What the file turned out to be, for the user: `csv: timestamp,open,high,low,close,volume`. For
   * trades, `gathered` (how many trades became candles of what) follows the kind of file:
   * `csv: trades of time,price,qty, 1,000 trades into 1m candles; 3 other columns ignored`.
   */
  describe(gathered = ''): string {
    const layout = this.#layout;
    if (layout === null) return 'csv';
    const { rows, header } = layout;
    const trades = rows.kind === 'trades';
    const fields = trades ? [rows.columns.t, rows.columns.price, rows.columns.amount] : [rows.columns.t, rows.columns.o, rows.columns.h, rows.columns.l, rows.columns.c, rows.columns.v];
    const used = fields.filter((i) => i >= 0 && i < layout.fieldCount);
    let kind: string;
    if (header === null) kind = `csv without header: ${trades ? rows.name : 'Binance kline columns'}`;
    else kind = `csv: ${trades ? 'trades of ' : ''}${used.map((i) => header[i]).join(',')}`;
    const parts = [trades && gathered !== '' ? `${kind}, ${gathered}` : kind];
    if (header !== null && layout.fieldCount > used.length) parts.push(`${layout.fieldCount - used.length} other columns ignored`);
    if (this.#timeEncoding !== null && this.#timeEncoding !== 'ISO time') parts.push(`time in ${this.#timeEncoding}`);
    if (!trades && used.length < 6) parts.push('no volume');
    return parts.join('; ');
  }

  /** The line s[start, end), without its newline; `quoted`: it holds a double quote. */
  #line(s: string, start: number, end: number, quoted: boolean): void {
    const lineNo = ++this.#lineNo;
    if (end > start && s.charCodeAt(end - 1) === 13 /* \r */) end--;
    if (end === start) return;
    // A line that starts with a printable character is not blank; the others are looked at closely.
    if (s.charCodeAt(start) <= 32 && s.slice(start, end).trim().length === 0) return;
    if (this.#layout === null) {
      // CryptoDataDownload's files start with their site's address on a line of its own, above the header.
      if (isAddressLine(s.slice(start, end))) return;
      this.#layout = this.#readLayout(s.slice(start, end), lineNo);
      this.#at = new Int32Array(this.#layout.fieldCount + 1);
      if (this.#layout.header !== null) return;
    }
    this.#row(s, start, end, lineNo, this.#layout, quoted);
  }

  #readLayout(line: string, lineNo: number): Layout {
    const delimiter = DELIMITERS.reduce((best, d) => (splitQuoted(line, d).length > splitQuoted(line, best).length ? d : best));
    const cells = splitQuoted(line, delimiter);
    const fieldCount = cells.length;
    // Before the kline test, which a Binance trade line would pass: it too starts with a number and four more.
    const dump = headerlessTrades(cells);
    if (dump !== null) return { delimiter, rows: { kind: 'trades', columns: dump.columns, name: dump.name }, fieldCount, header: null };
    if (looksLikeKline(cells)) return { delimiter, rows: { kind: 'candles', columns: { ...BINANCE_COLUMNS, v: cells.length > 5 ? 5 : -1 } }, fieldCount, header: null };
    const names = cells.map(normalizeName);
    const header = cells.map((c) => unquote(c.trim()));
    const mapped = mapColumns(names);
    if (!('missing' in mapped)) return { delimiter, rows: { kind: 'candles', columns: mapped.columns }, fieldCount, header };
    const trades = mapTradeColumns(names);
    const book = bookColumn(names);
    if ('columns' in trades && book === null) return { delimiter, rows: { kind: 'trades', columns: trades.columns, name: null }, fieldCount, header };
    const candlesHelp = `the header has no ${mapped.missing.join(', ')} column; found columns: ${listFound(header)}; accepted names (any case) are ${acceptedNamesHelp(mapped.missing)}`;
    if (book !== null) throw this.#error(lineNo, `${candlesHelp}; its ${book} column says it holds an order book, which is neither candles nor trades`);
    // A price column says the file may be meant as trades: say what that would take too.
    const tradesHelp = 'missing' in trades && hasPriceColumn(names) ? `; or, as a file of trades, it needs a ${trades.missing.join(' and ')} column (${tradeNamesHelp(trades.missing)})` : '';
    throw this.#error(lineNo, candlesHelp + tradesHelp);
  }

  #row(s: string, start: number, end: number, lineNo: number, layout: Layout, quoted: boolean): void {
    const at = this.#at;
    const want = layout.fieldCount;
    const delimiter = layout.delimiter;
    at[0] = start;
    let fields = 1;
    if (quoted) fields = quotedFieldStarts(s, start, end, delimiter, at, want);
    else {
      for (let d = s.indexOf(delimiter, start); d >= 0 && d < end; d = s.indexOf(delimiter, d + 1)) {
        if (fields < want) at[fields] = d + 1;
        fields++;
      }
    }
    if (fields !== want) {
      const like = layout.header === null ? 'the first line' : 'the header';
      throw this.#error(lineNo, `expected ${want} fields like ${like}, found ${fields}`);
    }
    at[want] = end + 1;
    if (layout.rows.kind === 'trades') return this.#trade(s, layout.rows.columns, lineNo);
    const { columns } = layout.rows;
    const t = this.#time(s, columns.t, lineNo);
    const o = this.#price(s, columns.o, 'open', lineNo);
    const h = this.#price(s, columns.h, 'high', lineNo);
    const l = this.#price(s, columns.l, 'low', lineNo);
    const c = this.#price(s, columns.c, 'close', lineNo);
    const v = columns.v < 0 ? NaN : this.#volume(s, columns.v, lineNo);
    const problem = ohlcvProblem(o, h, l, c, v, v === v);
    if (problem !== null) throw this.#error(lineNo, problem);
    this.#rows.push(t, o, h, l, c, v, lineNo);
  }

  #trade(s: string, columns: TradeColumnMap, lineNo: number): void {
    const t = this.#time(s, columns.t, lineNo);
    const price = this.#number(s, columns.price);
    if (!(price > 0)) throw this.#error(lineNo, `price "${this.#cell(s, columns.price)}" is not a number above 0`);
    const amount = this.#number(s, columns.amount);
    if (!(amount >= 0)) throw this.#error(lineNo, `amount "${this.#cell(s, columns.amount)}" is not a number of 0 or more`);
    this.#trades.push(t, price, amount);
  }

  #time(s: string, i: number, lineNo: number): number {
    const a = this.#at[i]!;
    const b = this.#at[i + 1]! - 1;
    // Epoch integers, the common case after the first line, are read in place.
    if (this.#timeEncoding !== null && allDigits(s, a, b)) {
      const t = epochToMs(decimalAt(s, a, b));
      if (t !== null && t >= EARLIEST_MS) return t;
    }
    const text = this.#cell(s, i);
    const t = parseTime(text);
    if (t === null) throw this.#error(lineNo, `time "${text}" is neither a date-time (such as 2023-03-01 00:00:00) nor an epoch number`);
    // A small number read as epoch seconds lands in 1970: most likely a spreadsheet's date serial (44986.0007
    // is 2023-03-01 00:01), which read on would only fail later as a run of duplicate times.
    if (t < EARLIEST_MS) throw this.#error(lineNo, `time "${text}" read as an epoch number is ${new Date(t).toISOString()}, before any market's data; a spreadsheet's date serial (days since 1899-12-30) reads so: save the times as YYYY-MM-DD HH:MM:SS, or as epoch seconds or milliseconds`);
    this.#timeEncoding ??= timeEncoding(text);
    return t;
  }

  #price(s: string, i: number, name: string, lineNo: number): number {
    const n = this.#number(s, i);
    if (Number.isNaN(n)) throw this.#error(lineNo, `${name} "${this.#cell(s, i)}" is not a number${decimalCommaHint(this.#cell(s, i))}`);
    return n;
  }

  /** An empty volume field means "no volume" (NaN), as in exports that leave it out for some bars. */
  #volume(s: string, i: number, lineNo: number): number {
    const n = this.#number(s, i);
    if (n === n) return n;
    const text = this.#cell(s, i);
    if (text.trim() === '') return NaN;
    throw this.#error(lineNo, `volume "${text}" is not a number${decimalCommaHint(text)}`);
  }

  /** Field i of the current line as a number, read in place unless quoted; NaN when it is not one. */
  #number(s: string, i: number): number {
    const a = this.#at[i]!;
    return s.charCodeAt(a) === 34 /* " */ ? slowNumber(this.#cell(s, i)) : decimalAt(s, a, this.#at[i + 1]! - 1);
  }

  /** Field i of the current line as text, unquoted when it starts with a quote. */
  #cell(s: string, i: number): string {
    const text = s.slice(this.#at[i]!, this.#at[i + 1]! - 1);
    return text.charCodeAt(0) === 34 /* " */ ? unquote(text.trim()) : text;
  }

  #error(lineNo: number, reason: string): CandleFileError {
    return new CandleFileError(this.file, lineNo, reason);
  }
}

/** Whether the first line end in `s` is a CR without an LF after it; null when `s` has none to tell by yet. */
function loneCrLines(s: string): boolean | null {
  const cr = s.indexOf('\r');
  const lf = s.indexOf('\n');
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf >= 0 ? false : null;
  // A CR ending the chunk may be the first half of a CRLF split across two chunks.
  return cr + 1 < s.length ? s.charCodeAt(cr + 1) !== 10 : null;
}

/** A line that is a web address alone (no delimiter in it): a download site's credit above the header. */
function isAddressLine(line: string): boolean {
  const t = line.trim();
  return /^https?:\/\/\S+$/i.test(t) && !/[,;\t]/.test(t);
}

/** 1973-03-03: no market data is older, and below it epoch seconds cannot be told from other numbers. */
const EARLIEST_MS = 1e11;

function nextQuote(s: string, from: number): number {
  const q = s.indexOf('"', from);
  return q < 0 ? Number.POSITIVE_INFINITY : q;
}

/**
 * Where the fields of s[start, end) start, into `at` (the first `want` of them), split at `delimiter` where
 * it stands outside double quotes ("Binance, spot" is one field; a "" inside quotes is a quote). Returns
 * how many fields the line has.
 */
function quotedFieldStarts(s: string, start: number, end: number, delimiter: string, at: Int32Array, want: number): number {
  const d = delimiter.charCodeAt(0);
  let fields = 1;
  let inside = false;
  for (let i = start; i < end; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 34 /* " */) inside = !inside;
    else if (ch === d && !inside) {
      if (fields < want) at[fields] = i + 1;
      fields++;
    }
  }
  return fields;
}

/** A line's fields as text, split at `delimiter` outside double quotes (each field as written, quotes kept). */
function splitQuoted(line: string, delimiter: string): string[] {
  const at = new Int32Array(line.length + 2);
  const n = quotedFieldStarts(line, 0, line.length, delimiter, at, line.length + 1);
  at[n] = line.length + 1;
  return Array.from({ length: n }, (_, i) => line.slice(at[i]!, at[i + 1]! - 1));
}

/** A first line that is already a candle: time, then four numbers. */
function looksLikeKline(cells: string[]): boolean {
  return cells.length >= 5 && parseTime(unquote(cells[0]!.trim())) !== null && cells.slice(1, 5).every((c) => !Number.isNaN(slowNumber(unquote(c.trim()))));
}

/**
 * A spreadsheet saved in a locale that writes 23140,48 (and separates fields with ;) gives numbers Keel
 * does not read: the message says so and what to do, rather than leaving "is not a number" to puzzle over.
 */
function decimalCommaHint(text: string): string {
  return /^\s*-?\d+,\d+\s*$/.test(text) ? ` (a decimal comma: Keel reads numbers with a decimal point, ${text.trim().replace(',', '.')}; save the file with . as the decimal separator)` : '';
}
