// Candle columns written as the CSV `keel import` and `keel backtest --data` read (open_time_ms,open,...),
// in chunks: a million lines as one string per 65,536.
import { writeFileSync } from 'node:fs';
import type { CandleColumns } from '../../electron/journal/candle-columns.ts';

export function writeCandleCsv(file: string, c: CandleColumns): void {
  const parts = ['open_time_ms,open,high,low,close,volume\n'];
  let chunk = '';
  for (let i = 0; i < c.length; i++) {
    chunk += `${c.t[i]},${c.o[i]},${c.h[i]},${c.l[i]},${c.c[i]},${c.v[i]}\n`;
    if ((i & 0xffff) === 0xffff) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  writeFileSync(file, parts.join(''));
}
