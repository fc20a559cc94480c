// One candle of a JSON file at a time, checked and gathered: a Binance kline array [openTime, "open",
// "high", "low", "close", "volume", ...] or an object with candle-named keys ({ "t": ..., "o": ... } or
// { "open_time": ..., "open": ... }). The first one sets the shape the rest must have. Shared by a JSON
// array of candles (kline-json.ts) and JSON Lines, one candle a line (json-lines.ts), so both take the
// same keys and refuse the same things.
import { ohlcvProblem } from '../../../shared/domain/candle.ts';
import { acceptedNamesHelp, listFound, mapColumns, normalizeName } from './column-names.ts';
import { slowNumber } from './decimal-text.ts';
import { GrowingColumns } from './growing-columns.ts';
import { notNumberReason } from './number-cell.ts';
import type { ParsedCandles } from './order-candles.ts';
import { EARLIEST_MS, epochToMs, latestTime, parseTime, tooEarlyReason, tooLateReason } from './parse-time.ts';

/** Stops reading at `place` (an item or a line) for `reason`. */
export type JsonFail = (place: number, reason: string) => never;

export class JsonCandleRows {
  readonly #rows = new GrowingColumns();
  readonly #fail: JsonFail;
  /** How messages name the first candle: "the first item", "the first line". */
  readonly #first: string;
  /** The keys holding time, open, high, low, close and volume (null: none); undefined before the first candle, null for klines. */
  #keys: (string | null)[] | null | undefined;
  /** How many fields the first kline has, more than which no kline may have (0 before it). */
  #width = 0;
  /** The latest time a candle may hold (parse-time.ts): past it, a time is refused. */
  readonly #latest = latestTime();

  constructor(fail: JsonFail, first: string) {
    this.#fail = fail;
    this.#first = first;
  }

  /** `item`, parsed from JSON, at `place`: checked and kept, or refused through fail. */
  add(item: unknown, place: number): void {
    const fail = (reason: string): never => this.#fail(place, reason);
    // Not ??=: null (klines) is a shape already set.
    if (this.#keys === undefined) this.#keys = isPlainObject(item) ? keysOf(item, fail) : null;
    const keys = this.#keys;
    let fields: unknown[];
    if (keys !== null) {
      if (!isPlainObject(item)) return fail(`expected an object like ${this.#first}`);
      // An item without a key the first one had would otherwise read as `close undefined is not a number`,
      // or, its volume missing, as a candle without volume among candles with it (a CSV line short of a
      // field is refused alike).
      const absent = keys.find((k) => k !== null && !(k in item));
      if (absent !== undefined) return fail(`has no "${absent}" key, which ${this.#first} has`);
      fields = keys.map((k) => (k === null ? null : item[k]));
    } else {
      if (!Array.isArray(item)) return fail('expected a kline array [openTime, open, high, low, close, volume, ...]');
      if (item.length < 5) return fail(`expected at least 5 fields (open time, open, high, low, close), found ${item.length}`);
      // Two klines run together where a "],[" was lost would otherwise read as the first of them, the second
      // gone without a word. Fewer fields than the first lose nothing (a file joined from two sources).
      if (this.#width === 0) this.#width = item.length;
      else if (item.length > this.#width) return fail(fieldCountReason(item.length, this.#width, this.#first, 'kline'));
      fields = item.slice(0, 6);
    }
    const [time, ...values] = fields;
    const t = typeof time === 'number' ? epochToMs(time) : typeof time === 'string' ? parseTime(time) : null;
    if (t === null) return fail(`time ${JSON.stringify(time)} is neither a date-time nor an epoch number`);
    // As in a CSV file: 44986.0007 (a date serial) or 0, 1, 2 (an index) would otherwise be stored as 1970.
    if (t < EARLIEST_MS) return fail(tooEarlyReason(JSON.stringify(time), String(time), t));
    if (t > this.#latest) return fail(tooLateReason(JSON.stringify(time), String(time), t, this.#latest));
    const [o, h, l, c] = (['open', 'high', 'low', 'close'] as const).map((name, i) => toNumber(values[i]) ?? fail(notNumber(name, values[i]))) as [number, number, number, number];
    const rawVolume = values[4];
    const v = rawVolume === undefined || rawVolume === null || rawVolume === '' ? null : (toNumber(rawVolume) ?? fail(notNumber('volume', rawVolume)));
    const problem = ohlcvProblem(o, h, l, c, v ?? NaN, v !== null);
    if (problem !== null) fail(problem);
    this.#rows.push(t, o, h, l, c, v ?? NaN, place);
  }

  get parsed(): ParsedCandles {
    return this.#rows.finish();
  }

  /** What the candles were, after `kind` (json, jsonl): `json: Binance klines`, `jsonl: objects with t,o,h,l,c,v`. */
  describe(kind: string): string {
    const keys = this.#keys;
    return keys === null || keys === undefined ? `${kind}: Binance klines` : `${kind}: objects with ${keys.filter((k) => k !== null).join(',')}`;
  }
}

/**
 * Why an item of `fields` fields is refused where the first one (`first`: "the first item") has fewer,
 * `width`, as JSON klines and freqtrade's trades say it: twice the fields or more is most likely two items
 * run together.
 */
export function fieldCountReason(fields: number, width: number, first: string, unit: string): string {
  const joined = fields >= 2 * width ? ` (two ${unit}s run together, where a "],[" between them was lost?)` : '';
  return `has ${fields} fields where ${first} has ${width}${joined}; no ${unit} may have more than the first`;
}

/** The keys holding time, open, high, low, close and volume (null when there is no volume). */
function keysOf(item: Record<string, unknown>, fail: (reason: string) => never): (string | null)[] {
  const keys = Object.keys(item);
  const mapped = mapColumns(keys.map(normalizeName));
  if ('missing' in mapped) return fail(`no ${mapped.missing.join(', ')} key; found keys: ${listFound(keys)}; accepted names (any case) are ${acceptedNamesHelp(mapped.missing)}`);
  const { t, o, h, l, c, v } = mapped.columns;
  return [t, o, h, l, c, v].map((i) => (i < 0 ? null : keys[i]!));
}

/** Whether an object's keys name a candle's time, open, high, low and close. */
export function hasCandleKeys(item: Record<string, unknown>): boolean {
  return !('missing' in mapColumns(Object.keys(item).map(normalizeName)));
}

/** A JSON number, or a string holding a decimal ("23140.48", as Binance writes prices; not "0x64"). */
function toNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? slowNumber(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function notNumber(name: string, value: unknown): string {
  return notNumberReason(name, JSON.stringify(value) ?? String(value), typeof value === 'string' ? value : '');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
