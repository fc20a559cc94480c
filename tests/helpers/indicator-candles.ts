// Real 1m BTCUSDT candles from ../shared/data for the indicator tests and benchmarks, read with a
// tiny CSV reader (the app's importer is not what these tests are about). Never copied into the repo.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CandleColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DATA = resolve(repoRoot, '..', 'shared', 'data');
export const BTC_1M_FILE = 'binanceus_BTCUSDT_1m_20230301_20230321.csv';

/** `open_time,open,high,low,close,volume` rows (open_time ISO with +00:00), at most `limit` of them. */
export function readBtc1m(limit = Infinity): CandleColumns {
  const text = readFileSync(resolve(SHARED_DATA, BTC_1M_FILE), 'utf8');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== 'open_time,open,high,low,close,volume') throw new Error(`${BTC_1M_FILE}: unexpected header ${lines[0]}`);
  const rows = lines.slice(1).filter((l) => l.trim() !== '');
  const n = Math.min(rows.length, limit);
  const c: CandleColumns = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = rows[i]!.split(',');
    if (f.length !== 6) throw new Error(`${BTC_1M_FILE}: row ${i + 2} has ${f.length} fields`);
    c.time[i] = Date.parse(f[0]!.replace(' ', 'T'));
    c.open[i] = Number(f[1]);
    c.high[i] = Number(f[2]);
    c.low[i] = Number(f[3]);
    c.close[i] = Number(f[4]);
    c.volume[i] = Number(f[5]);
    if (!Number.isFinite(c.time[i]!) || !Number.isFinite(c.close[i]!)) throw new Error(`${BTC_1M_FILE}: row ${i + 2} does not parse`);
  }
  return c;
}
