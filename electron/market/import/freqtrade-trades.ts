// Trades from freqtrade's `download-data --dl-trades` files: one JSON array of
// [timestamp_ms, id, type, side, price, amount, cost] arrays, fed chunk by chunk. A month of a busy pair is
// millions of trades and gigabytes of text, more than one string may hold, so the items are read where
// they sit in each chunk, as the CSV parser reads lines, rather than JSON.parse'd whole: no string, array
// or object per trade. Only what candles need (time, price, amount) is read and checked; the id, type,
// side and cost are skipped.
import { CandleFileError } from './candle-file-error.ts';
import { decimalAt, slowNumber } from './decimal-text.ts';
import { GrowingTrades, type ParsedTrades } from './growing-trades.ts';
import { fieldCountReason } from './json-candle-rows.ts';
import { jsonItem } from './kline-json.ts';
import { EARLIEST_MS, epochToMs, latestTime, parseTime, tooEarlyReason, tooLateReason } from './parse-time.ts';

const TIME = 0;
const SIDE = 3;
const PRICE = 4;
const AMOUNT = 5;
/** Fields an item needs: up to the amount. freqtrade writes the cost after it. */
const NEEDED = AMOUNT + 1;
const SHAPE = '[timestamp, id, type, side, price, amount, cost]';

/** Where the reader is in the outer array: before it, expecting an item (or its end), after an item, past it. */
type State = 'before' | 'first' | 'next' | 'after-item' | 'done';

export class FreqtradeTradesParser {
  readonly file: string;
  readonly #trades = new GrowingTrades();
  #state: State = 'before';
  #rest = '';
  /** Items read so far: the next one is item `#items + 1` in messages. */
  #items = 0;
  /** Where each of the current item's first fields starts; entry k + 1 is one past field k's end (its comma or bracket). */
  readonly #at = new Int32Array(NEEDED + 1);
  #fields = 0;
  /** How many fields the first trade has, more than which no trade may have (0 before it). */
  #width = 0;
  /** The field #bounds found: s[#a, #b). */
  #a = 0;
  #b = 0;
  /** The latest time a trade may hold (parse-time.ts): past it, a time is refused. */
  readonly #latest = latestTime();

  constructor(file: string) {
    this.file = file;
  }

  get parsed(): ParsedTrades {
    return this.#trades.finish();
  }

  push(text: string): void {
    const s = this.#rest.length > 0 ? this.#rest + text : text;
    this.#rest = '';
    const n = s.length;
    let i = 0;
    while (i < n) {
      const ch = s.charCodeAt(i);
      if (ch === 32 || ch === 10 || ch === 13 || ch === 9) {
        i++;
        continue;
      }
      switch (this.#state) {
        case 'before':
          if (ch !== 91 /* [ */) throw new CandleFileError(this.file, null, 'is not a JSON array of trades');
          this.#state = 'first';
          i++;
          continue;
        case 'first':
        case 'next': {
          if (ch === 93 /* ] */ && this.#state === 'first') {
            this.#state = 'done';
            i++;
            continue;
          }
          if (ch !== 91 /* [ */) throw this.#error(`expected a trade ${SHAPE}, found ${snippet(s, i)}`);
          const end = this.#itemEnd(s, i);
          if (end < 0) {
            // The item goes on in the next chunk: read it whole then.
            this.#rest = s.slice(i);
            return;
          }
          this.#item(s);
          this.#state = 'after-item';
          i = end + 1;
          continue;
        }
        case 'after-item':
          if (ch === 44 /* , */) this.#state = 'next';
          else if (ch === 93 /* ] */) this.#state = 'done';
          else throw new CandleFileError(this.file, this.#items, `expected "," or "]" after the trade, found ${snippet(s, i)}`, jsonItem(this.#items));
          i++;
          continue;
        case 'done':
          throw new CandleFileError(this.file, null, `has text after the end of its JSON array: ${snippet(s, i)}`);
      }
    }
  }

  end(): void {
    if (this.#rest.length > 0 || this.#state !== 'done') {
      throw new CandleFileError(this.file, null, `ends inside its JSON array, after ${this.#items} trades: the file is cut short`);
    }
  }

  /**
   * The index of the `]` closing the item that opens at s[open], or -1 when the chunk ends first. Notes
   * where the item's first fields start on the way (commas inside strings do not count).
   */
  #itemEnd(s: string, open: number): number {
    const at = this.#at;
    at[0] = open + 1;
    let fields = 1;
    for (let i = open + 1; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch === 34 /* " */) {
        i = stringEnd(s, i);
        if (i < 0) return -1;
      } else if (ch === 44 /* , */) {
        if (fields <= NEEDED) at[fields] = i + 1;
        fields++;
      } else if (ch === 93 /* ] */) {
        if (fields <= NEEDED) at[fields] = i + 1;
        this.#fields = fields;
        return i;
      } else if (ch === 91 /* [ */ || ch === 123 /* { */) {
        throw this.#error(`expected a trade ${SHAPE} of plain values, found a nested ${ch === 91 ? 'array' : 'object'}`);
      }
    }
    return -1;
  }

  /** Reads the item whose fields #itemEnd found. */
  #item(s: string): void {
    this.#items++;
    if (this.#fields < NEEDED) throw this.#error(`expected a trade ${SHAPE}, found ${this.#fields} field${this.#fields === 1 ? '' : 's'}`, this.#items);
    // Two trades run together where a "],[" was lost would otherwise read as the first, the second gone unsaid.
    if (this.#width === 0) this.#width = this.#fields;
    else if (this.#fields > this.#width) throw this.#error(fieldCountReason(this.#fields, this.#width, 'the first trade', 'trade'), this.#items);
    const t = this.#time(s);
    const price = this.#number(s, PRICE);
    if (!(price > 0)) throw this.#error(`price ${this.#text(s, PRICE)} is not a number above 0`, this.#items);
    const amount = this.#number(s, AMOUNT);
    if (!(amount >= 0)) throw this.#error(`amount ${this.#text(s, AMOUNT)} is not a number of 0 or more`, this.#items);
    this.#trades.push(t, price, amount);
  }

  #time(s: string): number {
    this.#bounds(s, TIME);
    const a = this.#a;
    const b = this.#b;
    const t = s.charCodeAt(a) === 34 /* " */ ? parseTime(s.slice(a + 1, b - 1)) : epochToMs(decimalAt(s, a, b));
    if (t === null) throw this.#error(`time ${this.#text(s, TIME)} is neither a date-time nor an epoch number`, this.#items);
    if (t < EARLIEST_MS) {
      // As in a CSV file: a time of 0 or a date serial would otherwise make candles of 1970.
      const shown = this.#text(s, TIME);
      throw this.#error(tooEarlyReason(shown, shown.replaceAll('"', ''), t), this.#items);
    }
    if (t > this.#latest) {
      const shown = this.#text(s, TIME);
      throw this.#error(tooLateReason(shown, shown.replaceAll('"', ''), t, this.#latest), this.#items);
    }
    return t;
  }

  /** A JSON number, or a number written as a string ("0.0014"): as the kline reader takes both. */
  #number(s: string, field: number): number {
    this.#bounds(s, field);
    const a = this.#a;
    const b = this.#b;
    return s.charCodeAt(a) === 34 /* " */ ? slowNumber(s.slice(a + 1, b - 1)) : decimalAt(s, a, b);
  }

  /** Field `field` of the current item as written, for a message. */
  #text(s: string, field: number): string {
    this.#bounds(s, field);
    return this.#a === this.#b ? '(nothing)' : s.slice(this.#a, this.#b);
  }

  /** Sets #a and #b to where field `field` of the current item is, without the blanks around it (no pair allocated per field). */
  #bounds(s: string, field: number): void {
    let a = this.#at[field]!;
    let b = this.#at[field + 1]! - 1;
    while (a < b && s.charCodeAt(a) <= 32) a++;
    while (b > a && s.charCodeAt(b - 1) <= 32) b--;
    this.#a = a;
    this.#b = b;
  }

  /** An error at the item being read (the next one, unless told). */
  #error(reason: string, item = this.#items + 1): CandleFileError {
    return new CandleFileError(this.file, item, reason, jsonItem(item));
  }
}

/**
 * Whether JSON text starting with `[` holds freqtrade trades: its first item an array whose 4th field is
 * "buy" or "sell" (a kline's 4th field is its low price). Null when the text ends before the first item does.
 */
export function isFreqtradeTrades(head: string): boolean | null {
  const open = head.indexOf('[');
  const first = head.slice(open + 1).trimStart();
  if (first.length === 0) return null;
  if (first[0] !== '[') return false;
  let end = -1;
  for (let i = 1; i < first.length && end < 0; i++) {
    const ch = first.charCodeAt(i);
    if (ch === 34 /* " */) {
      i = stringEnd(first, i);
      if (i < 0) return null;
    } else if (ch === 93 /* ] */) end = i;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) return false;
  }
  if (end < 0) return null;
  let item: unknown;
  try {
    item = JSON.parse(first.slice(0, end + 1));
  } catch {
    return false;
  }
  const side: unknown = Array.isArray(item) && item.length >= NEEDED ? item[SIDE] : undefined;
  return typeof side === 'string' && /^(buy|sell)$/i.test(side);
}

/** The index of the `"` closing the string that opens at s[open], or -1 when s ends first. */
function stringEnd(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 92 /* \ */) i++;
    else if (ch === 34 /* " */) return i;
  }
  return -1;
}

/** A few characters from s[at], for a message about what was found instead. */
function snippet(s: string, at: number): string {
  const text = s.slice(at, at + 20);
  return JSON.stringify(text.length < 20 ? text : `${text}...`);
}
