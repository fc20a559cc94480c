// Candles from JSON: Binance kline arrays as the REST API returns them,
// [[openTime, "open", "high", "low", "close", "volume", closeTime, ...], ...], or an array of
// objects with candle-named keys ({ "t": ..., "o": ... } or { "open_time": ..., "open": ... }).
import { ohlcvProblem } from '../../../shared/domain/candle.ts';
import { CandleFileError } from './candle-file-error.ts';
import { GrowingColumns } from './growing-columns.ts';
import { acceptedNamesHelp, listFound, mapColumns, normalizeName } from './column-names.ts';
import type { ParsedCandles } from './order-candles.ts';
import { EARLIEST_MS, epochToMs, parseTime, tooEarlyReason } from './parse-time.ts';

/** How an item is named in messages: the 1-based item, and the index a programmer would use. */
export function jsonItem(place: number): string {
  return `item ${place} (index ${place - 1})`;
}

export function parseKlineJson(file: string, text: string): { parsed: ParsedCandles; format: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CandleFileError(file, null, `is not valid JSON (${(err as Error).message}); expected one array, ${EXPECTED_SHAPES}`);
  }
  if (!Array.isArray(data)) throw new CandleFileError(file, null, `holds JSON but not an array of candles${topLevelHint(data)}; expected ${EXPECTED_SHAPES}`);
  const rows = new GrowingColumns();
  const fail = (index: number, reason: string): never => {
    throw new CandleFileError(file, index + 1, reason, jsonItem(index + 1));
  };

  const first: unknown = data[0];
  const objectKeys = isPlainObject(first) ? keysOf(first, (reason) => fail(0, reason)) : null;
  data.forEach((item: unknown, index) => {
    let fields: unknown[];
    if (objectKeys !== null) {
      if (!isPlainObject(item)) return fail(index, 'expected an object like the first item');
      // An item without a key the first one had would otherwise read as `close undefined is not a number`.
      const absent = objectKeys.slice(0, 5).find((k) => k !== null && !(k in item));
      if (absent !== undefined) return fail(index, `has no "${absent}" key, which the first item has`);
      fields = objectKeys.map((k) => (k === null ? null : item[k]));
    } else {
      if (!Array.isArray(item)) return fail(index, 'expected a kline array [openTime, open, high, low, close, volume, ...]');
      if (item.length < 5) return fail(index, `expected at least 5 fields (open time, open, high, low, close), found ${item.length}`);
      fields = item.slice(0, 6);
    }
    const [time, ...values] = fields;
    const t = typeof time === 'number' ? epochToMs(time) : typeof time === 'string' ? parseTime(time) : null;
    if (t === null) return fail(index, `time ${JSON.stringify(time)} is neither a date-time nor an epoch number`);
    // As in a CSV file: 44986.0007 (a date serial) or 0, 1, 2 (an index) would otherwise be stored as 1970.
    if (t < EARLIEST_MS) return fail(index, tooEarlyReason(JSON.stringify(time), String(time), t));
    const [o, h, l, c] = (['open', 'high', 'low', 'close'] as const).map((name, i) => {
      const n = toNumber(values[i]);
      return n ?? fail(index, `${name} ${JSON.stringify(values[i])} is not a number`);
    }) as [number, number, number, number];
    const rawVolume = values[4];
    const v = rawVolume === undefined || rawVolume === null || rawVolume === '' ? null : (toNumber(rawVolume) ?? fail(index, `volume ${JSON.stringify(rawVolume)} is not a number`));
    const problem = ohlcvProblem(o, h, l, c, v ?? NaN, v !== null);
    if (problem !== null) fail(index, problem);
    rows.push(t, o, h, l, c, v ?? NaN, index + 1);
  });
  const format = objectKeys === null ? 'json: Binance klines' : `json: objects with ${objectKeys.filter((k) => k !== null).join(',')}`;
  return { parsed: rows.finish(), format };
}

const EXPECTED_SHAPES = 'klines [[openTime, open, high, low, close, volume, ...], ...] or objects [{"timestamp": ..., "open": ..., "high": ..., "low": ..., "close": ..., "volume": ...}, ...]';

/** For a top-level object, the keys that hold an array (a response's `data`), which may be the candles. */
function topLevelHint(data: unknown): string {
  if (!isPlainObject(data)) return '';
  const arrays = Object.keys(data).filter((k) => Array.isArray(data[k]));
  return arrays.length > 0 ? ` (an object whose ${listFound(arrays.map((k) => `"${k}"`))} holds an array: save that array alone)` : ' (an object)';
}

/** The keys holding time, open, high, low, close and volume (null when there is no volume). */
function keysOf(item: Record<string, unknown>, fail: (reason: string) => never): (string | null)[] {
  const keys = Object.keys(item);
  const mapped = mapColumns(keys.map(normalizeName));
  if ('missing' in mapped) return fail(`no ${mapped.missing.join(', ')} key; found keys: ${listFound(keys)}; accepted names (any case) are ${acceptedNamesHelp(mapped.missing)}`);
  const { t, o, h, l, c, v } = mapped.columns;
  return [t, o, h, l, c, v].map((i) => (i < 0 ? null : keys[i]!));
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
