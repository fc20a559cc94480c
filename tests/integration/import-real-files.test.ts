// Every real candle file in ../shared/data (see its README) imports whole, with the right span.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../electron/journal/open-journal.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { importCandleFile } from '../../electron/market/import/import-candles.ts';
import { readCandleFile } from '../../electron/market/import/read-candle-file.ts';
import { CandleFileError } from '../../electron/market/import/candle-file-error.ts';
import type { SeriesKey } from '../../shared/domain/candle.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const DATA = path.resolve(repoRoot, '..', 'shared', 'data');

interface RealFile {
  name: string;
  key: SeriesKey;
  count: number;
  first: string;
  last: string;
  format: string;
  /** The first data line of the file, as a candle. */
  head: { o: number; h: number; l: number; c: number; v: number | null };
}

const FILES: RealFile[] = [
  {
    name: 'nautilus_btc-perp-20211231-20220201_1m.csv',
    key: { exchange: 'nautilus', symbol: 'BTC/USD:BTC', timeframe: '1m' },
    count: 45_031,
    first: '2021-12-31T23:01:00.000Z',
    last: '2022-02-01T05:31:00.000Z',
    format: 'csv: timestamp,open,high,low,close,volume',
    head: { o: 46319.0, h: 46385.0, l: 46319.0, c: 46377.0, v: 2300413.7295 },
  },
  {
    name: 'binanceus_BTCUSDT_1m_20230301_20230321.csv',
    key: { exchange: 'binanceus', symbol: 'BTC/USDT', timeframe: '1m' },
    count: 30_240,
    first: '2023-03-01T00:00:00.000Z',
    last: '2023-03-21T23:59:00.000Z',
    format: 'csv: open_time,open,high,low,close,volume',
    head: { o: 23140.48, h: 23150.77, l: 23128.52, c: 23142.31, v: 2.131777 },
  },
  {
    name: 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv',
    key: { exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT', timeframe: '1h' },
    count: 35_481,
    first: '2019-12-23T11:00:00.000Z',
    last: '2024-01-09T19:00:00.000Z',
    format: 'csv: open_time_ms,open,high,low,close; time in epoch ms; no volume',
    head: { o: 7559.44418192, h: 7560.05502911, l: 7554.17034744, c: 7554.17034744, v: null },
  },
  {
    name: 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv',
    key: { exchange: 'binanceusdm', symbol: 'ETH/USDT:USDT', timeframe: '1h' },
    count: 35_481,
    first: '2019-12-23T11:00:00.000Z',
    last: '2024-01-09T19:00:00.000Z',
    format: 'csv: open_time_ms,open,high,low,close; time in epoch ms; no volume',
    head: { o: 132.97453887, h: 133.04449112, l: 132.97453656, c: 133.02659318, v: null },
  },
];

describe('importing the real candle files', () => {
  let dir: string;
  let journal: Journal;
  let store: CandleStore;
  beforeAll(() => {
    expect(existsSync(path.join(DATA, 'README.md')), `real data expected at ${DATA}`).toBe(true);
    dir = mkdtempSync(path.join(tmpdir(), 'keel-real-import-'));
    journal = openJournal(path.join(dir, 'journal.sqlite'));
    store = new CandleStore(journal.db);
  });
  afterAll(() => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(FILES)('$name: $count candles from $first to $last', async (f) => {
    const result = await importCandleFile(store, path.join(DATA, f.name), f.key);
    expect(result).toEqual({ count: f.count, first: Date.parse(f.first), last: Date.parse(f.last), format: f.format });
    expect(store.count(f.key)).toBe(f.count);

    // The README says none of them has a gap: count and span agree.
    expect((result.last - result.first) / timeframeMs(f.key.timeframe) + 1).toBe(f.count);
    const [head] = store.read(f.key, { to: result.first });
    expect(head).toEqual({ t: result.first, ...f.head });
    const cols = store.readColumns(f.key);
    expect(cols.length).toBe(f.count);
    expect(cols.t[f.count - 1]).toBe(result.last);
  });

  it('lists all four series', () => {
    expect(store.listSeries().map((s) => [s.symbol, s.count])).toEqual(
      [...FILES].sort((a, b) => `${a.key.exchange}${a.key.symbol}`.localeCompare(`${b.key.exchange}${b.key.symbol}`)).map((f) => [f.key.symbol, f.count]),
    );
  });

  it('imports a file a second time without adding candles', async () => {
    const f = FILES[1]!;
    await importCandleFile(store, path.join(DATA, f.name), f.key);
    expect(store.count(f.key)).toBe(f.count);
  });

  it('counts 658 zero-volume bars in the Binance.US file, as its README says', () => {
    expect(store.read(FILES[1]!.key).filter((c) => c.v === 0)).toHaveLength(658);
  });

  it('refuses the files that hold no candles, saying which columns are missing', async () => {
    for (const name of ['nautilus_binance_btcusdt-depth-snap.csv', 'nautilus_tardis_binance-futures_book_snapshot_25_BTCUSDT.csv']) {
      const err = await readCandleFile(path.join(DATA, name)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CandleFileError);
      expect((err as CandleFileError).line).toBe(1);
      expect((err as CandleFileError).reason).toMatch(/^the header has no open, high, low, close column; found columns: /);
    }
    // A depth snapshot has a time, a price and a qty per line too, but they are resting orders, not trades.
    const book = await readCandleFile(path.join(DATA, 'nautilus_binance_btcusdt-depth-update.csv')).catch((e: unknown) => e);
    expect((book as CandleFileError).reason).toMatch(/its update_type column says it holds an order book, which is neither candles nor trades$/);
    // tardis's flattened snapshot says so by its levels' columns.
    const levels = await readCandleFile(path.join(DATA, 'nautilus_tardis_binance-futures_book_snapshot_25_BTCUSDT.csv')).catch((e: unknown) => e);
    expect((levels as CandleFileError).reason).toMatch(/its asks\[0\]\.price column says it holds an order book, which is neither candles nor trades$/);
  });

  it("reads freqtrade's trades as candles: [ts, id, type, side, price, amount, cost], not klines", async () => {
    const { columns, format } = await readCandleFile(path.join(DATA, 'freqtrade_XRP_ETH-trades.json.gz'), { timeframe: '1h' });
    expect(format).toBe('json.gz: freqtrade trades, 12,477 trades into 1h candles');
    expect(columns.length).toBe(60);
    expect(columns.t[0]).toBe(Date.UTC(2019, 9, 11));
  });

  it('refuses 1m candles imported as 1h, saying how far apart they are', async () => {
    const f = FILES[0]!;
    const err = await importCandleFile(store, path.join(DATA, f.name), { ...f.key, timeframe: '1h' }).catch((e: unknown) => e);
    expect((err as CandleFileError).message).toMatch(/nautilus_btc-perp-20211231-20220201_1m\.csv line 3: candles 1m apart but the timeframe is 1h/);
    expect(store.count({ ...f.key, timeframe: '1h' })).toBe(0);
  });
});
