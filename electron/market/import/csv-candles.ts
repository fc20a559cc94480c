// Candles from CSV text, fed chunk by chunk. The first non-blank line is the header, unless it
// already holds a candle: then the file is a headerless Binance kline export (open time, open,
// high, low, close, volume, ...). Every line must have as many fields as the first one.
import { candleProblem, type Candle } from '../../../shared/domain/candle.ts';
import { CandleFileError } from './candle-file-error.ts';
import { acceptedNamesHelp, listFound, mapColumns, normalizeName, unquote, type ColumnMap } from './column-names.ts';
import type { ParsedCandles } from './order-candles.ts';
import { parseTime, timeEncoding, type TimeEncoding } from './parse-time.ts';

interface Layout {
  delimiter: string;
  columns: ColumnMap;
  fieldCount: number;
  /** Header names as written, or null for a headerless file. */
  header: string[] | null;
}

const DELIMITERS = [',', ';', '\t'];
const BINANCE_COLUMNS: ColumnMap = { t: 0, o: 1, h: 2, l: 3, c: 4, v: 5 };

export class CsvCandleParser {
  readonly file: string;
  readonly parsed: ParsedCandles = { candles: [], places: [] };
  #lineNo = 0;
  #rest = '';
  #layout: Layout | null = null;
  #timeEncoding: TimeEncoding | null = null;

  constructor(file: string) {
    this.file = file;
  }

  push(text: string): void {
    const buf = this.#rest + text;
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      this.#line(buf.slice(start, nl));
      start = nl + 1;
    }
    this.#rest = buf.slice(start);
  }

  end(): void {
    if (this.#rest.length > 0) this.#line(this.#rest);
    this.#rest = '';
  }

  /** What the file turned out to be, for the user: `csv: timestamp,open,high,low,close,volume`. */
  describe(): string {
    const layout = this.#layout;
    if (layout === null) return 'csv';
    const { columns, header } = layout;
    const parts: string[] = [];
    if (header === null) parts.push('csv without header: Binance kline columns');
    else {
      const used = [columns.t, columns.o, columns.h, columns.l, columns.c, columns.v].filter((i) => i >= 0);
      parts.push(`csv: ${used.map((i) => header[i]).join(',')}`);
      if (layout.fieldCount > used.length) parts.push(`${layout.fieldCount - used.length} other columns ignored`);
    }
    if (this.#timeEncoding !== null && this.#timeEncoding !== 'ISO time') parts.push(`time in ${this.#timeEncoding}`);
    if (columns.v < 0 || columns.v >= layout.fieldCount) parts.push('no volume');
    return parts.join('; ');
  }

  #line(raw: string): void {
    const lineNo = ++this.#lineNo;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0 || line.trim().length === 0) return;
    if (this.#layout === null) {
      this.#layout = this.#readLayout(line, lineNo);
      if (this.#layout.header !== null) return;
    }
    this.#row(line, lineNo, this.#layout);
  }

  #readLayout(line: string, lineNo: number): Layout {
    const delimiter = DELIMITERS.reduce((best, d) => (count(line, d) > count(line, best) ? d : best));
    const cells = line.split(delimiter);
    if (looksLikeKline(cells)) return { delimiter, columns: { ...BINANCE_COLUMNS, v: cells.length > 5 ? 5 : -1 }, fieldCount: cells.length, header: null };
    const names = cells.map(normalizeName);
    const mapped = mapColumns(names);
    if ('missing' in mapped) {
      throw this.#error(
        lineNo,
        `the header has no ${mapped.missing.join(', ')} column; found columns: ${listFound(cells.map((c) => unquote(c.trim())))}; accepted names (any case) are ${acceptedNamesHelp(mapped.missing)}`,
      );
    }
    return { delimiter, columns: mapped.columns, fieldCount: cells.length, header: cells.map((c) => unquote(c.trim())) };
  }

  #row(line: string, lineNo: number, layout: Layout): void {
    const f = line.split(layout.delimiter);
    if (f.length !== layout.fieldCount) {
      const like = layout.header === null ? 'the first line' : 'the header';
      throw this.#error(lineNo, `expected ${layout.fieldCount} fields like ${like}, found ${f.length}`);
    }
    const { columns } = layout;
    const timeText = cell(f, columns.t);
    const t = parseTime(timeText);
    if (t === null) throw this.#error(lineNo, `time "${timeText}" is neither a date-time (such as 2023-03-01 00:00:00) nor an epoch number`);
    this.#timeEncoding ??= timeEncoding(timeText);
    const candle: Candle = {
      t,
      o: this.#price(f, columns.o, 'open', lineNo),
      h: this.#price(f, columns.h, 'high', lineNo),
      l: this.#price(f, columns.l, 'low', lineNo),
      c: this.#price(f, columns.c, 'close', lineNo),
      v: columns.v < 0 ? null : this.#volume(f, columns.v, lineNo),
    };
    const problem = candleProblem(candle);
    if (problem !== null) throw this.#error(lineNo, problem);
    this.parsed.candles.push(candle);
    this.parsed.places.push(lineNo);
  }

  #price(f: string[], i: number, name: string, lineNo: number): number {
    const text = cell(f, i);
    const n = toNumber(text);
    if (Number.isNaN(n)) throw this.#error(lineNo, `${name} "${text}" is not a number`);
    return n;
  }

  /** An empty volume field means "no volume", as in exports that leave it out for some bars. */
  #volume(f: string[], i: number, lineNo: number): number | null {
    const text = cell(f, i);
    if (text.trim() === '') return null;
    const n = toNumber(text);
    if (Number.isNaN(n)) throw this.#error(lineNo, `volume "${text}" is not a number`);
    return n;
  }

  #error(lineNo: number, reason: string): CandleFileError {
    return new CandleFileError(this.file, lineNo, reason);
  }
}

function cell(fields: string[], i: number): string {
  const s = fields[i]!;
  return s.charCodeAt(0) === 34 /* " */ ? unquote(s.trim()) : s;
}

/** Number() reads "" and "  " as 0 and "Infinity" as a number; neither is a price. */
function toNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || (n === 0 && text.trim() === '')) return NaN;
  return n;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** A first line that is already a candle: time, then four numbers. */
function looksLikeKline(cells: string[]): boolean {
  return cells.length >= 5 && parseTime(unquote(cells[0]!.trim())) !== null && cells.slice(1, 5).every((c) => !Number.isNaN(toNumber(unquote(c.trim()))));
}
