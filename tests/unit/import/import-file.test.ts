// The import both `keel import` and the app run: a file checked and read whole, the symbol and timeframe
// read from it where none is given (and the result saying from where), then stored in one transaction;
// every mistake says what is wrong and what is valid, and leaves the journal as it was.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { CandleFileError } from '../../../electron/market/import/candle-file-error.ts';
import { importFile, type ImportProgress, type WriteTo } from '../../../electron/market/import/import-file.ts';
import { ImportInputError } from '../../../electron/market/import/import-input-error.ts';
import { fitsTimeframe } from '../../../electron/market/import/order-candles.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** Candles `step` apart from T0 (`shift` moves one candle's time), as a CSV with a header. */
function candleCsv(count: number, step: number, opts: { shift?: [number, number]; brokenAt?: number } = {}): string {
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) {
    const t = T0 + i * step + (opts.shift?.[0] === i ? opts.shift[1] : 0);
    lines.push(i === opts.brokenAt ? `${t},100,99,98,100,1` : `${t},100,102,99,101,${i + 1}`);
  }
  return lines.join('\n') + '\n';
}

let dir: string;
let journal: Journal;
let store: CandleStore;
let writes: number;
const writeTo: WriteTo = (write) => {
  writes++;
  return write(store);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-import-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  journal = openJournal(':memory:');
  store = new CandleStore(journal.db);
  writes = 0;
});
afterEach(() => journal.close());

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function refusal(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected a refusal');
  return err;
}

describe('importFile', () => {
  it('stores the candles under the series given, and says they were given', async () => {
    const path = file('given.csv', candleCsv(48, HOUR));
    const r = await importFile({ path, symbol: 'btc/usdt', timeframe: '1h', exchange: 'Binance' }, writeTo);
    expect(r).toEqual({
      series: { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' },
      count: 48,
      first: T0,
      last: T0 + 47 * HOUR,
      format: 'csv: timestamp,open,high,low,close,volume; time in epoch ms',
      path,
      symbolFrom: 'given',
      timeframeFrom: 'given',
      joined: null,
    });
    expect(store.count(r.series)).toBe(48);
  });

  it('reads the symbol from the file name and the timeframe from the spacing, under local', async () => {
    const path = file('ETHUSDT-data.csv', candleCsv(30, 15 * MIN));
    const r = await importFile({ path }, writeTo);
    expect(r).toMatchObject({ series: { exchange: 'local', symbol: 'ETH/USDT', timeframe: '15m' }, count: 30, symbolFrom: 'file name', timeframeFrom: 'spacing' });
  });

  it('takes the most common spacing: a market that halted leaves gaps, not another timeframe', async () => {
    const lines = ['timestamp,open,high,low,close'];
    for (const i of [0, 1, 2, 3, 7, 8, 9, 20, 21]) lines.push(`${T0 + i * 5 * MIN},1,2,0.5,1.5`);
    const r = await importFile({ path: file('SOLUSDT_gaps.csv', lines.join('\n')) }, writeTo);
    expect(r.series.timeframe).toBe('5m');
  });

  it('falls back on the file name for a file whose spacing tells nothing', async () => {
    const r = await importFile({ path: file('ADAUSDT_1d.csv', 'timestamp,open,high,low,close\n' + T0 + ',1,2,0.5,1.5\n') }, writeTo);
    expect(r).toMatchObject({ series: { symbol: 'ADA/USDT', timeframe: '1d' }, count: 1, timeframeFrom: 'file name' });
  });

  it('gathers trades into 1m candles when no timeframe is given, and into the one given', async () => {
    const trades = ['id,price,qty,quote_qty,time,is_buyer_maker'];
    for (let i = 0; i < 90; i++) trades.push(`${i},${100 + i},0.5,50,${T0 + i * 20_000},true`);
    const path = file('BTCUSDT-trades-2024-01-01.csv', trades.join('\n') + '\n');
    const minutes = await importFile({ path }, writeTo);
    expect(minutes).toMatchObject({ series: { symbol: 'BTC/USDT', timeframe: '1m' }, count: 30, timeframeFrom: 'trades' });
    expect(minutes.format).toContain('90 trades into 1m candles');
    expect(store.read(minutes.series, { limit: 1, from: T0, to: T0 })).toEqual([{ t: T0, o: 100, h: 102, l: 100, c: 102, v: 1.5 }]);
    const fives = await importFile({ path, timeframe: '5m' }, writeTo);
    expect(fives).toMatchObject({ series: { timeframe: '5m' }, count: 6, timeframeFrom: 'given' });
  });

  it('tells how far the file is read, then that its candles are being stored', async () => {
    const seen: ImportProgress[] = [];
    const path = file('XRPUSDT_1m.csv', candleCsv(5000, MIN));
    await importFile({ path }, writeTo, { onProgress: (p) => seen.push(p) });
    const reading = seen.filter((p) => p.stage === 'reading');
    expect(reading.length).toBeGreaterThan(0);
    expect(reading.at(-1)!.done).toBe(reading.at(-1)!.total);
    expect(seen.at(-1)).toEqual({ stage: 'storing', done: 0, total: 5000 });
  });

  it('checks candles against a timeframe read from their spacing, naming the line as for one given', async () => {
    // One candle half a minute late among 1m candles: two closer than the timeframe, and the late one's
    // line is named (not the next candle's, which is where it should be).
    const path = file('LTCUSDT_odd.csv', candleCsv(100, MIN, { shift: [50, 30_000] }));
    const err = await refusal(importFile({ path }, writeTo));
    expect(err).toBeInstanceOf(CandleFileError);
    expect(err.message).toBe(
      `${path} line 52: time 2024-01-01T00:50:30.000Z does not start a 1m candle (1m candles open at whole multiples of 1m from 00:00 UTC); it is 30s from the candle after it (2024-01-01T00:51:00.000Z) (the timeframe 1m was read from the candles' most common spacing; give the timeframe if it is another)`,
    );
    expect(writes).toBe(0);
  });

  it('asks for the timeframe, listing them, when neither the spacing nor the name tells it', async () => {
    const lines = ['timestamp,open,high,low,close'];
    for (let i = 0; i < 5; i++) lines.push(`${T0 + i * 7 * MIN},1,2,0.5,1.5`);
    const err = await refusal(importFile({ path: file('DOTUSDT.csv', lines.join('\n')) }, writeTo));
    expect(err).toBeInstanceOf(ImportInputError);
    expect((err as ImportInputError).field).toBe('timeframe');
    expect(err.message).toBe(`${join(dir, 'DOTUSDT.csv')}: cannot tell the timeframe (its candles are most often 7m apart, which is no timeframe, and the file name names none); give the timeframe: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w`);
  });

  it('refuses a missing file as missing, and a directory naming the data files in it', async () => {
    const missing = join(dir, 'BTCUSDT_nope.csv');
    const gone = await refusal(importFile({ path: missing }, writeTo));
    expect(gone).toMatchObject({ field: 'path', missing: true, message: `${missing}: no such file` });
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'BTCUSDT_1h.csv'), '');
    writeFileSync(join(folder, 'notes.md'), '');
    const isDir = await refusal(importFile({ path: folder, symbol: 'BTC/USDT' }, writeTo));
    expect(isDir).toMatchObject({ field: 'path', missing: false, message: `${folder}: is a directory, not a file; give one of its files, such as BTCUSDT_1h.csv` });
  });

  it('checks the inputs given before the file, and the file before asking for what its name lacks', async () => {
    expect(await refusal(importFile({ path: join(dir, 'nope.csv'), timeframe: '7m' }, writeTo))).toMatchObject({ field: 'timeframe' });
    expect(await refusal(importFile({ path: join(dir, 'nope.csv') }, writeTo))).toMatchObject({ field: 'path', missing: true });
    expect(await refusal(importFile({ path: file('candles.csv', candleCsv(3, MIN)) }, writeTo))).toMatchObject({ field: 'symbol' });
  });

  it('writes nothing, and opens no journal, when a line is broken', async () => {
    const good = file('BNBUSDT_1m.csv', candleCsv(100, MIN));
    const stored = await importFile({ path: good }, writeTo);
    const before = store.read(stored.series);
    writes = 0;
    const broken = file('BNBUSDT_1m_broken.csv', candleCsv(200, MIN, { brokenAt: 150 }));
    const err = await refusal(importFile({ path: broken }, writeTo));
    expect(err.message).toBe(`${broken} line 152: high 99 is below the open 100 and the close 100: a bar's high is its highest price`);
    expect(writes).toBe(0);
    expect(store.read(stored.series)).toEqual(before);
  });
});

describe('fitsTimeframe', () => {
  const times = (...ts: number[]) => new Float64Array(ts);
  it('accepts candles a timeframe or more apart on its boundaries', () => {
    expect(fitsTimeframe(times(T0, T0 + HOUR, T0 + 5 * HOUR), 3, '1h')).toBe(true);
  });
  it('refuses candles closer than the timeframe, or off its boundaries', () => {
    expect(fitsTimeframe(times(T0, T0 + 30 * MIN), 2, '1h')).toBe(false);
    expect(fitsTimeframe(times(T0 + MIN, T0 + MIN + HOUR), 2, '1h')).toBe(false);
    // The first on a boundary, a later one off it after a gap (90 minutes after the one before).
    expect(fitsTimeframe(times(T0, T0 + HOUR, T0 + 2.5 * HOUR, T0 + 3.5 * HOUR), 4, '1h')).toBe(false);
    // Weeks open on Mondays: 2024-01-01 is one, the 3rd is not.
    expect(fitsTimeframe(times(T0, T0 + 7 * 24 * HOUR), 2, '1w')).toBe(true);
    expect(fitsTimeframe(times(T0 + 2 * 24 * HOUR, T0 + 9 * 24 * HOUR), 2, '1w')).toBe(false);
  });
});
