// Candles from CSV text, fed chunk by chunk. The first non-blank line is the header, unless it
// already holds a candle: then the file is a headerless Binance kline export (open time, open,
// high, low, close, volume, ...). Every line must have as many fields as the first one. A file of
// trades (a trades header, or a line of Binance's trade or aggTrade dumps first; trade-columns.ts) is
// read the same way into trades, which the reader then gathers into candles.
import { ohlcvProblem } from '../../../shared/domain/candle.ts';
import { CandleFileError } from './candle-file-error.ts';
import { acceptedNamesHelp, CLOCK_RE, listFound, mapColumns, normalizeName, unquote, type ColumnMap } from './column-names.ts';
import { allDigits, decimalAt, slowNumber } from './decimal-text.ts';
import { GrowingColumns } from './growing-columns.ts';
import { GrowingTrades, type ParsedTrades } from './growing-trades.ts';
import { notNumberReason } from './number-cell.ts';
import type { ParsedCandles } from './order-candles.ts';
import { EARLIEST_MS, epochToMs, latestTime, parseTime, timeEncoding, tooEarlyReason, tooLateReason, type TimeEncoding } from './parse-time.ts';
import { bookColumn, hasPriceColumn, headerlessTrades, mapTradeColumns, tradeNamesHelp, type TradeColumnMap } from './trade-columns.ts';

interface Layout {
  delimiter: string;
  /** What each line holds: a candle, or a trade (with the name of a headerless trades file's kind). */
  rows: { kind: 'candles'; columns: ColumnMap; name?: string } | { kind: 'trades'; columns: TradeColumnMap; name: string | null };
  fieldCount: number;
  /** Header names as written, or null for a headerless file. */
  header: string[] | null;
}

const DELIMITERS = [',', ';', '\t'];
const BINANCE_COLUMNS: ColumnMap = { t: 0, o: 1, h: 2, l: 3, c: 4, v: 5, clock: -1, dateBeside: -1 };
// MetaTrader 4's export (File > Save As, or the History Center): date, time, open, high, low, close and a
// tick volume, without a header. The tick volume counts price changes, not an amount, so it is not read.
const METATRADER_COLUMNS: ColumnMap = { t: 0, clock: 1, o: 2, h: 3, l: 4, c: 5, v: -1, dateBeside: -1 };
const METATRADER_NAME = 'MetaTrader date,time,open,high,low,close (its tick volume is a count of price changes, not read as volume)';

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
  /** A volume above 0 was read. */
  #volumeSeen = false;
  /** The latest time a row may hold (parse-time.ts): past it, a time is refused. */
  readonly #latest = latestTime();

  constructor(file: string) {
    this.file = file;
  }

  /** The candles read so far, in file order. */
  get parsed(): ParsedCandles {
    const parsed = this.#rows.finish();
    if (this.#zeroVolume()) parsed.cols.v.fill(NaN);
    return parsed;
  }

  /**
   * A volume column of 0 on every line says nothing was measured (MetaTrader's <VOL> for a CFD, an export
   * filling the column): read as no volume, or a resting limit order would never fill from any bar.
   */
  #zeroVolume(): boolean {
    return !this.#volumeSeen && this.#layout?.rows.kind === 'candles' && this.#layout.rows.columns.v >= 0 && this.#rows.length > 0;
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
      if (quote > nl) {
        this.#line(buf, start, nl, false);
        start = nl + 1;
        continue;
      }
      // A field in quotes may hold line breaks (RFC 4180, a spreadsheet's note in a cell): the line then runs
      // on to the first line end outside quotes.
      const end = scanLine(buf, start, this.#delimiterCode());
      if (end < 0) break; // its closing quote is in a chunk still to come
      this.#quotedLine(buf, start, end);
      start = end + 1;
    }
    this.#rest = buf.slice(start);
    // A line held back waiting for its end would grow with the file (a stray quote, a file that is no CSV):
    // refused here rather than reading the file into one string, ever slower, until memory runs out.
    if (this.#rest.length > MAX_LINE_CHARS) throw this.#error(this.#lineNo + 1, this.#unendedReason(this.#rest, `runs on for over ${MAX_LINE_CHARS / 2 ** 20} MB`));
  }

  end(): void {
    const rest = this.#rest;
    this.#rest = '';
    if (rest.length === 0) return;
    if (!rest.includes('"')) return this.#line(rest, 0, rest.length, false);
    if (scanLine(rest, 0, this.#delimiterCode()) > -1 - rest.length) {
      throw this.#error(this.#lineNo + 1, this.#unendedReason(rest, 'runs on to the end of the file'));
    }
    this.#quotedLine(rest, 0, rest.length);
  }

  /** The delimiter's character code once the first line told it; before, -1: any of DELIMITERS. */
  #delimiterCode(): number {
    return this.#layout === null ? -1 : this.#layout.delimiter.charCodeAt(0);
  }

  /** A line holding a double quote, s[start, end), which may span several lines of the file inside quotes. */
  #quotedLine(s: string, start: number, end: number): void {
    let breaks = 0;
    for (let i = s.indexOf('\n', start); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) breaks++;
    if (breaks > 0) this.#checkNoRowsInside(s, start, end);
    this.#line(s, start, end, true);
    // The lines it spans count as lines, so that later messages name the line an editor shows.
    this.#lineNo += breaks;
  }

  /**
   * A quote left open (`"5 lots` in a note) would take the rows after it into its field up to the next quote,
   * and the line would still have the header's number of fields: those rows would go missing without a word.
   * A line inside a quoted field with as many fields as a row is taken for that.
   */
  #checkNoRowsInside(s: string, start: number, end: number): void {
    const layout = this.#layout;
    if (layout === null) return;
    const d = layout.delimiter;
    const first = this.#lineNo + 1;
    let k = 0;
    for (let a = s.indexOf('\n', start) + 1; a > 0 && a <= end; ) {
      k++;
      const nl = s.indexOf('\n', a);
      const b = nl < 0 || nl > end ? end : nl;
      let fields = 1;
      for (let i = s.indexOf(d, a); i >= 0 && i < b; i = s.indexOf(d, i + 1)) fields++;
      if (fields >= layout.fieldCount) {
        throw this.#error(first, `a double quote opens a field that runs on over the next lines (a field in quotes may hold line breaks), and line ${first + k} inside it has ${fields} fields, a row of its own: a quote is likely missing its closing quote; close it, or remove it`);
      }
      a = b + 1;
    }
  }

  /** Why a line with no end is refused: a quote left open, or no line ends at all. */
  #unendedReason(rest: string, runs: string): string {
    const at = -1 - scanLine(rest, 0, this.#delimiterCode());
    if (at < 0 || at >= rest.length) return `${runs} without a line end; Keel reads CSV with one candle or trade a line`;
    let line = this.#lineNo + 1;
    for (let i = rest.indexOf('\n'); i >= 0 && i < at; i = rest.indexOf('\n', i + 1)) line++;
    const where = line === this.#lineNo + 1 ? 'here' : `on line ${line}`;
    return `a double quote ${where} opens a field that no quote closes: it ${runs} (a field in quotes may hold line breaks); a quote is likely missing its closing quote; close it, or remove it`;
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
    const fields = trades ? [rows.columns.t, rows.columns.price, rows.columns.amount] : [rows.columns.t, rows.columns.clock, rows.columns.o, rows.columns.h, rows.columns.l, rows.columns.c, rows.columns.v];
    const used = fields.filter((i) => i >= 0 && i < layout.fieldCount);
    let kind: string;
    if (header === null) kind = `csv without header: ${rows.name ?? 'Binance kline columns'}`;
    else kind = `csv: ${trades ? 'trades of ' : ''}${used.map((i) => header[i]).join(',')}`;
    const parts = [trades && gathered !== '' ? `${kind}, ${gathered}` : kind];
    if (header !== null && layout.fieldCount > used.length) parts.push(`${layout.fieldCount - used.length} other columns ignored`);
    if (this.#timeEncoding !== null && this.#timeEncoding !== 'ISO time') parts.push(`time in ${this.#timeEncoding}`);
    if (!trades && rows.columns.clock >= 0) parts.push('date and time columns joined, read as UTC');
    if (!trades && rows.columns.v < 0 && rows.name === undefined) parts.push('no volume');
    if (this.#zeroVolume()) parts.push('volume 0 on every line, read as no volume');
    return parts.join('; ');
  }

  /**
   * Why a file with a header but no rows under it has no candles: its header, and a line of the columns Keel
   * reads under it (the others blank); null when it has no header (a headerless file starts with a candle).
   */
  noCandles(): string | null {
    const layout = this.#layout;
    if (layout === null || layout.header === null || layout.rows.kind !== 'candles') return null;
    const { header, delimiter, fieldCount } = layout;
    const { t, o, h, l, c, v, clock, dateBeside } = layout.rows.columns;
    // The date and the clock apart (a "date" and a "time" column), or one whole time.
    const split = clock >= 0 || dateBeside >= 0;
    const date = clock >= 0 ? t : dateBeside;
    const time = clock >= 0 ? clock : t;
    const example = new Map<number, string>([[o, '42000.5'], [h, '42100'], [l, '41900'], [c, '42050.1'], [v, '12.3']]);
    if (split) example.set(date, '2024-01-01').set(time, '00:00:00');
    else example.set(t, '2024-01-01T00:00:00Z');
    example.delete(-1);
    const read = [...example.keys()].sort((a, b) => a - b);
    const names = read.map((i) => header[i]!);
    const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
    const line = Array.from({ length: fieldCount }, (_, i) => example.get(i) ?? '').join(delimiter);
    const others = header.filter((_, i) => !example.has(i));
    const blank = others.length === 0 ? '' : ` (the other column${others.length > 1 ? 's' : ''}, ${others.join(', ')}, may be blank)`;
    return `it holds its header (${header.join(delimiter)}) and no data rows; a candle is a line under the header with its ${listed}, such as ${line}${blank}`;
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
    if (looksLikeMetaTrader(cells)) return { delimiter, rows: { kind: 'candles', columns: { ...METATRADER_COLUMNS }, name: METATRADER_NAME }, fieldCount, header: null };
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
    if (columns.dateBeside >= 0) this.#dateOrClock(s, columns);
    const t = columns.clock >= 0 ? this.#joinedTime(s, columns, lineNo) : this.#time(s, columns.t, lineNo);
    const o = this.#price(s, columns.o, 'open', lineNo);
    const h = this.#price(s, columns.h, 'high', lineNo);
    const l = this.#price(s, columns.l, 'low', lineNo);
    const c = this.#price(s, columns.c, 'close', lineNo);
    const v = columns.v < 0 ? NaN : this.#volume(s, columns.v, lineNo);
    const problem = ohlcvProblem(o, h, l, c, v, v === v);
    if (problem !== null) throw this.#error(lineNo, problem);
    if (v > 0) this.#volumeSeen = true;
    this.#rows.push(t, o, h, l, c, v, lineNo);
  }

  /**
   * A header with a "date" and a "time" column, decided on the first row: a time column of clock times
   * only (00:00:00) is joined to the date; one of whole times is read alone, as before.
   */
  #dateOrClock(s: string, columns: ColumnMap): void {
    if (CLOCK_RE.test(this.#cell(s, columns.t).trim())) {
      columns.clock = columns.t;
      columns.t = columns.dateBeside;
    }
    columns.dateBeside = -1;
  }

  /** The date in column t and the clock time beside it, as one time. */
  #joinedTime(s: string, columns: ColumnMap, lineNo: number): number {
    const date = this.#cell(s, columns.t).trim();
    const clock = this.#cell(s, columns.clock).trim();
    const t = CLOCK_RE.test(clock) ? parseTime(`${date} ${clock.length < 5 || clock[1] === ':' ? `0${clock}` : clock}`) : null;
    if (t === null) throw this.#error(lineNo, `date ${shown(date)} and time ${shown(clock)} are not a date (such as 2023-03-01 or 2023.03.01) and a clock time (such as 13:05 or 13:05:00)`);
    if (t > this.#latest) throw this.#error(lineNo, tooLateReason(shown(`${date} ${clock}`), date, t, this.#latest));
    this.#timeEncoding ??= 'ISO time';
    return t;
  }

  #trade(s: string, columns: TradeColumnMap, lineNo: number): void {
    const t = this.#time(s, columns.t, lineNo);
    const price = this.#number(s, columns.price);
    if (!(price > 0)) throw this.#error(lineNo, `price ${shown(this.#cell(s, columns.price))} is not a number above 0`);
    const amount = this.#number(s, columns.amount);
    if (!(amount >= 0)) throw this.#error(lineNo, `amount ${shown(this.#cell(s, columns.amount))} is not a number of 0 or more`);
    this.#trades.push(t, price, amount);
  }

  #time(s: string, i: number, lineNo: number): number {
    const a = this.#at[i]!;
    const b = this.#at[i + 1]! - 1;
    // Epoch integers, the common case after the first line, are read in place.
    if (this.#timeEncoding !== null && allDigits(s, a, b)) {
      const t = epochToMs(decimalAt(s, a, b));
      if (t !== null && t >= EARLIEST_MS && t <= this.#latest) return t;
    }
    const text = this.#cell(s, i);
    const t = parseTime(text);
    if (t === null) throw this.#error(lineNo, `time ${shown(text)} is neither a date-time (such as 2023-03-01 00:00:00) nor an epoch number`);
    if (t < EARLIEST_MS) throw this.#error(lineNo, tooEarlyReason(shown(text), text, t));
    if (t > this.#latest) throw this.#error(lineNo, tooLateReason(shown(text), text, t, this.#latest));
    this.#timeEncoding ??= timeEncoding(text);
    return t;
  }

  #price(s: string, i: number, name: string, lineNo: number): number {
    const n = this.#number(s, i);
    if (Number.isNaN(n)) throw this.#error(lineNo, notNumberReason(name, shown(this.#cell(s, i)), this.#cell(s, i)));
    return n;
  }

  /** An empty volume field means "no volume" (NaN), as in exports that leave it out for some bars. */
  #volume(s: string, i: number, lineNo: number): number {
    const n = this.#number(s, i);
    if (n === n) return n;
    const text = this.#cell(s, i);
    if (text.trim() === '') return NaN;
    throw this.#error(lineNo, notNumberReason('volume', shown(text), text));
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

function nextQuote(s: string, from: number): number {
  const q = s.indexOf('"', from);
  return q < 0 ? Number.POSITIVE_INFINITY : q;
}

/** A field as a message quotes it: a field of megabytes (a line with no ends in it) cut to its start and its length. */
function shown(text: string): string {
  return text.length <= 80 ? `"${text}"` : `"${text.slice(0, 60)}…" (${text.length.toLocaleString('en-US')} characters)`;
}

/** Where lines held back for their end may reach: far beyond any line of candles, short of a file read whole. */
const MAX_LINE_CHARS = 16 * 2 ** 20;

/**
 * Where the line starting at `start` ends: the first line end outside a quoted field. When `s` ends first:
 * -1 - (where the quote of a quoted field still open is), or -1 - s.length with none open. A double quote opens a field only at the
 * field's start (after blanks), as spreadsheets write them; one inside a field (`5" screen`) is text, and
 * `""` inside quotes is a quote. `d`: the delimiter's code, or -1 for any of DELIMITERS (the first line).
 */
function scanLine(s: string, start: number, d: number): number {
  let fieldStart = true;
  for (let i = start; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 10 /* \n */) return i;
    if (ch === 34 /* " */ && fieldStart) {
      const close = closingQuote(s, i, s.length);
      if (close < 0) return -1 - i;
      i = close;
      fieldStart = false;
    } else if (d < 0 ? ch === 44 || ch === 59 || ch === 9 : ch === d) fieldStart = true;
    else if (ch !== 32) fieldStart = false;
  }
  return -1 - s.length;
}

/** The quote that closes the quoted field opening at `open`, before `end`, or -1. */
function closingQuote(s: string, open: number, end: number): number {
  let q = s.indexOf('"', open + 1);
  while (q >= 0 && q + 1 < end && s.charCodeAt(q + 1) === 34) q = s.indexOf('"', q + 2);
  return q >= 0 && q < end ? q : -1;
}

/**
 * Where the fields of s[start, end) start, into `at` (the first `want` of them), split at `delimiter` where
 * it stands outside a quoted field ("Binance, spot" is one field; a "" inside quotes is a quote), by the
 * rules of scanLine. Returns how many fields the line has.
 */
function quotedFieldStarts(s: string, start: number, end: number, delimiter: string, at: Int32Array, want: number): number {
  const d = delimiter.charCodeAt(0);
  let fields = 1;
  let fieldStart = true;
  for (let i = start; i < end; i++) {
    const ch = s.charCodeAt(i);
    if (ch === d) {
      if (fields < want) at[fields] = i + 1;
      fields++;
      fieldStart = true;
    } else if (ch === 34 /* " */ && fieldStart) {
      const close = closingQuote(s, i, end);
      // A quote left open takes the rest of the line.
      if (close < 0) return fields;
      i = close;
      fieldStart = false;
    } else if (ch !== 32) fieldStart = false;
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
/** A headerless MetaTrader 4 line: a date alone, a clock time, then four prices (and a tick volume). */
function looksLikeMetaTrader(cells: string[]): boolean {
  const [date, clock] = cells.map((c) => unquote(c.trim()));
  return cells.length >= 6 && /^\d{4}[./-]\d{2}[./-]\d{2}$/.test(date!) && CLOCK_RE.test(clock!) && cells.slice(2, 6).every((c) => !Number.isNaN(slowNumber(unquote(c.trim()))));
}

function looksLikeKline(cells: string[]): boolean {
  return cells.length >= 5 && parseTime(unquote(cells[0]!.trim())) !== null && cells.slice(1, 5).every((c) => !Number.isNaN(slowNumber(unquote(c.trim()))));
}
