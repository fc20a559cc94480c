// Candles from JSON: Binance kline arrays as the REST API returns them,
// [[openTime, "open", "high", "low", "close", "volume", closeTime, ...], ...], or an array of
// objects with candle-named keys ({ "t": ..., "o": ... } or { "open_time": ..., "open": ... }).
import { CandleFileError } from './candle-file-error.ts';
import { listFound } from './column-names.ts';
import { isPlainObject, JsonCandleRows } from './json-candle-rows.ts';
import type { ParsedCandles } from './order-candles.ts';

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
  if (data.length === 0) throw new CandleFileError(file, null, `has no candles: it holds an empty JSON array; expected ${EXPECTED_SHAPES}`);
  const rows = new JsonCandleRows((place, reason) => {
    throw new CandleFileError(file, place, reason, jsonItem(place));
  }, 'the first item');
  data.forEach((item: unknown, index) => rows.add(item, index + 1));
  return { parsed: rows.parsed, format: rows.describe('json') };
}

const EXPECTED_SHAPES = 'klines [[openTime, open, high, low, close, volume, ...], ...] or objects [{"timestamp": ..., "open": ..., "high": ..., "low": ..., "close": ..., "volume": ...}, ...]';

/** For a top-level object, the keys that hold an array (a response's `data`), which may be the candles. */
function topLevelHint(data: unknown): string {
  if (!isPlainObject(data)) return '';
  const arrays = Object.keys(data).filter((k) => Array.isArray(data[k]));
  return arrays.length > 0 ? ` (an object whose ${listFound(arrays.map((k) => `"${k}"`))} holds an array: save that array alone)` : ' (an object)';
}
