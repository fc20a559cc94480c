// Candles as CSV that `keel import` reads back unchanged: ISO time for people, epoch ms for programs
// (the importer takes open_time_ms over time), prices and volume as JavaScript prints them, which is the
// shortest text that parses back to the same float64. No volume is an empty field.
import { csvRecord } from '../../journal/csv.ts';
import type { CandleColumns } from '../../journal/candle-columns.ts';

export const CANDLE_CSV_HEADER = ['time', 'open_time_ms', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Rows are handed to `write` in chunks of about this many characters, not one call per candle. */
const CHUNK_CHARS = 64 * 1024;

/** Writes the header and every candle through `write`; returns the candle count. */
export function writeCandleCsv(cols: CandleColumns, write: (chunk: string) => void): number {
  let chunk = csvRecord(CANDLE_CSV_HEADER);
  const { t, o, h, l, c, v, length } = cols;
  for (let i = 0; i < length; i++) {
    const vol = v[i]!;
    chunk += `${new Date(t[i]!).toISOString()},${t[i]!},${o[i]!},${h[i]!},${l[i]!},${c[i]!},${vol === vol ? vol : ''}\r\n`;
    if (chunk.length >= CHUNK_CHARS) {
      write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') write(chunk);
  return length;
}
