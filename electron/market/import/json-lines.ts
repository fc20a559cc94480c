// Candles from JSON Lines (NDJSON: one JSON value a line, as `jq -c '.[]'`, pandas' to_json(lines=True)
// and many downloaders write them): a candle object or a Binance kline array on each line, read with the
// same keys and checks as a JSON array of them (json-candle-rows.ts). Fed chunk by chunk and parsed a
// line at a time, so a file of any size is read without ever being one string.
import { CandleFileError } from './candle-file-error.ts';
import { hasCandleKeys, isPlainObject, JsonCandleRows } from './json-candle-rows.ts';
import type { ParsedCandles } from './order-candles.ts';

/** Far beyond any candle's line, short of a file read whole: a longer line with no end is no JSON Lines. */
const MAX_LINE_CHARS = 16 * 2 ** 20;

const ONE_A_LINE = 'JSON Lines hold one candle a line, an object {"t": ..., "o": ..., "h": ..., "l": ..., "c": ..., "v": ...} or a kline [openTime, open, high, low, close, volume, ...]';

export class JsonLinesParser {
  readonly file: string;
  readonly #rows: JsonCandleRows;
  #lineNo = 0;
  #rest = '';

  constructor(file: string) {
    this.file = file;
    this.#rows = new JsonCandleRows((line, reason) => {
      throw new CandleFileError(file, line, reason);
    }, 'the first line');
  }

  get parsed(): ParsedCandles {
    return this.#rows.parsed;
  }

  /** `jsonl: Binance klines`, `jsonl: objects with t,o,h,l,c,v`. */
  describe(): string {
    return this.#rows.describe('jsonl');
  }

  push(text: string): void {
    const buf = this.#rest + text;
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      this.#line(buf.slice(start, nl));
      start = nl + 1;
    }
    this.#rest = buf.slice(start);
    if (this.#rest.length > MAX_LINE_CHARS) throw new CandleFileError(this.file, this.#lineNo + 1, `runs on for over ${MAX_LINE_CHARS / 2 ** 20} MB without a line end; ${ONE_A_LINE}`);
  }

  end(): void {
    const rest = this.#rest;
    this.#rest = '';
    if (rest.length > 0) this.#line(rest);
  }

  #line(text: string): void {
    const lineNo = ++this.#lineNo;
    const json = text.trim();
    if (json === '') return;
    let item: unknown;
    try {
      item = JSON.parse(json);
    } catch (err) {
      throw new CandleFileError(this.file, lineNo, `is not valid JSON (${(err as Error).message}); ${ONE_A_LINE}`);
    }
    this.#rows.add(item, lineNo);
  }
}

/**
 * Whether text starting with `head` (from its first character, `{` or `[`) is JSON Lines: its first line
 * is a whole JSON value, a candle, on its own. A JSON array of candles is not: its first line is `[` alone,
 * or the whole array, whose first item is a kline or an object, not a time. `whole`: head is the whole file.
 */
export function isJsonLines(head: string, whole: boolean): boolean {
  const start = head.search(/\S/);
  if (start < 0) return false;
  const nl = head.indexOf('\n', start);
  if (nl < 0 && !whole) return false;
  let first: unknown;
  try {
    first = JSON.parse(head.slice(start, nl < 0 ? head.length : nl));
  } catch {
    return false;
  }
  // A kline: its first field is the time.
  if (Array.isArray(first)) return typeof first[0] === 'number' || typeof first[0] === 'string';
  if (!isPlainObject(first)) return false;
  // An object with more lines after it; alone, it is a candle only by its keys ({"candles": [...]} is a
  // response holding them, which the JSON reader names).
  return (nl >= 0 && /\S/.test(head.slice(nl + 1, nl + 4097))) || hasCandleKeys(first);
}
