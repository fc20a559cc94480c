// Candles as CSV that `keel import` reads back unchanged: ISO time for people, epoch ms for programs
// (the importer takes open_time_ms over time), prices and volume as JavaScript prints them, which is the
// shortest text that parses back to the same float64. No volume is an empty field. A volume summed from
// shorter candles (a resampled export) is rounded to the decimals its parts had: float64 additions leave
// noise (2.131777 + 0.881378 + … came to 97.62912500000003 for the exchange's 97.629125).
import { csvRecord } from '../../journal/csv.ts';
import type { CandleColumns } from '../../journal/candle-columns.ts';

export const CANDLE_CSV_HEADER = ['time', 'open_time_ms', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Rows are handed to `write` in chunks of about this many characters, not one call per candle. */
const CHUNK_CHARS = 64 * 1024;

export interface CandleCsvOptions {
  /** Each volume rounded to this many decimals (a sum's, see `mostDecimals`); without it, written as it is. */
  volumeDecimals?: number;
}

/** Writes the header and every candle through `write`; returns the candle count. */
export function writeCandleCsv(cols: CandleColumns, write: (chunk: string) => void, options: CandleCsvOptions = {}): number {
  let chunk = csvRecord(CANDLE_CSV_HEADER);
  const { t, o, h, l, c, v, length } = cols;
  const decimals = options.volumeDecimals;
  for (let i = 0; i < length; i++) {
    const vol = decimals === undefined ? v[i]! : roundTo(v[i]!, decimals);
    chunk += `${new Date(t[i]!).toISOString()},${t[i]!},${o[i]!},${h[i]!},${l[i]!},${c[i]!},${vol === vol ? vol : ''}\r\n`;
    if (chunk.length >= CHUNK_CHARS) {
      write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') write(chunk);
  return length;
}

/**
 * The most decimals any of `values` has as JavaScript prints it (2.131777: 6; 1e-7: 7; NaN and whole
 * numbers: 0): the precision a sum of them is known to.
 */
export function mostDecimals(values: ArrayLike<number>): number {
  let most = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isInteger(x) || x !== x) continue;
    const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
    if (m === null) continue; // ±Infinity
    const places = (m[1]?.length ?? 0) - Number(m[2] ?? 0);
    if (places > most) most = places;
  }
  return most;
}

/**
 * `x` to `decimals` places, as the float nearest that decimal (whose shortest text is it). Where that
 * decimal has more digits than a float64 holds (over 2^53 in units of the last place, or inputs that were
 * float noise themselves, 0.30000000000000004), to 15 significant digits, the most every float64 keeps.
 */
function roundTo(x: number, decimals: number): number {
  if (x !== x || Number.isInteger(x)) return x;
  const scale = 10 ** decimals;
  const units = Math.round(x * scale);
  // Both exact below 2^53 and 1e22, so the division is the float nearest the decimal.
  if (decimals <= 22 && Math.abs(units) <= Number.MAX_SAFE_INTEGER) return units / scale;
  return Number(x.toPrecision(15));
}
