// Files of trades (freqtrade's JSON, Binance's trade and aggTrade CSV, a CSV with price and qty columns),
// generated into a temp dir, read as candles; and every way such a file can be wrong, with its place.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromColumns } from '../../../electron/market/candles/resample.ts';
import { CandleFileError } from '../../../electron/market/import/candle-file-error.ts';
import { readCandleFile } from '../../../electron/market/import/read-candle-file.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import type { Timeframe } from '../../../shared/domain/timeframe.ts';

const SEC = 1000;
const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);

/** Five trades over three minutes with none in the second: [time ms, price, amount]. */
const TRADES: [number, number, number][] = [
  [T0 + 1 * SEC, 0.5, 10],
  [T0 + 30 * SEC, 0.52, 5],
  [T0 + 59 * SEC, 0.49, 2.5],
  [T0 + 2 * MIN, 0.51, 1],
  [T0 + 2 * MIN + 15 * SEC, 0.5, 4],
];
/** Worked out by hand from TRADES. */
const EXPECTED_1M: Candle[] = [
  { t: T0, o: 0.5, h: 0.52, l: 0.49, c: 0.49, v: 17.5 },
  { t: T0 + 2 * MIN, o: 0.51, h: 0.51, l: 0.5, c: 0.5, v: 5 },
];
const EXPECTED_5M: Candle[] = [{ t: T0, o: 0.5, h: 0.52, l: 0.49, c: 0.5, v: 22.5 }];

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-trade-files-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(content: string | Buffer, name = `t${++n}.csv`): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function read(file: string, timeframe?: Timeframe) {
  const got = await readCandleFile(file, timeframe === undefined ? {} : { timeframe });
  return { candles: fromColumns(got.columns), format: got.format, fromTrades: got.fromTrades };
}

async function failure(file: string): Promise<CandleFileError> {
  const err = await readCandleFile(file, { timeframe: '1m' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CandleFileError);
  return err as CandleFileError;
}

/** freqtrade's --dl-trades item: [timestamp_ms, id, type, side, price, amount, cost]. */
const freqtrade = ([t, p, q]: [number, number, number], i: number) => [t, String(1000 + i), null, i % 2 ? 'buy' : 'sell', p, q, p * q];
/** A Binance trades dump line: id,price,qty,quote_qty,time,is_buyer_maker,is_best_match. */
const binanceTrade = ([t, p, q]: [number, number, number], i: number) => `${1000 + i},${p},${q},${p * q},${t},${i % 2 ? 'True' : 'False'},True`;
/** A Binance aggTrades dump line: agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker. */
const binanceAggTrade = ([t, p, q]: [number, number, number], i: number) => `${500 + i},${p},${q},${1000 + 2 * i},${1001 + 2 * i},${t},${i % 2 ? 'true' : 'false'}`;

describe('readCandleFile: freqtrade trades', () => {
  it('gathers the trades into 1m candles when no timeframe is given, and says so', async () => {
    const got = await read(write(gzipSync(JSON.stringify(TRADES.map(freqtrade))), 'XRP_ETH-trades.json.gz'));
    expect(got.candles).toEqual(EXPECTED_1M);
    expect(got.format).toBe('json.gz: freqtrade trades, 5 trades into 1m candles');
    expect(got.fromTrades).toEqual({ trades: 5, timeframe: '1m' });
  });

  it('gathers them into the timeframe asked for', async () => {
    const got = await read(write(JSON.stringify(TRADES.map(freqtrade)), 'trades.json'), '5m');
    expect(got.candles).toEqual(EXPECTED_5M);
    expect(got.format).toBe('json: freqtrade trades, 5 trades into 5m candles');
  });

  it('reads pretty-printed JSON, times and numbers written as strings, and sorts trades out of order', async () => {
    const items = TRADES.map(freqtrade).map((item, i) => (i === 3 ? [new Date(item[0] as number).toISOString(), ...item.slice(1, 4), String(item[4]), String(item[5]), item[6]] : item));
    const shuffled = [items[3], items[0], items[4], items[2], items[1]];
    const got = await read(write(JSON.stringify(shuffled, null, 2), 'pretty.json'));
    expect(got.candles).toEqual(EXPECTED_1M);
    expect(got.format).toBe('json: freqtrade trades, 5 trades into 1m candles; not in time order');
  });

  it('reads a file of many trades fed in many chunks, an item cut across two', async () => {
    // 40,000 trades, one every 1.5 s: 1,000 minutes of 40 trades each, in more than one 1 MiB chunk.
    const items = Array.from({ length: 40_000 }, (_, i) => [T0 + i * 1500, `${i}`, null, 'buy', 100 + (i % 40), 0.5, 0]);
    const got = await read(write(gzipSync(JSON.stringify(items)), 'big.json.gz'));
    expect(got.candles).toHaveLength(1000);
    expect(got.candles[999]).toEqual({ t: T0 + 999 * MIN, o: 100, h: 139, l: 100, c: 139, v: 20 });
  });

  it('still reads Binance kline JSON as candles', async () => {
    const kline = [T0, '100', '101', '99', '100.5', '3', T0 + MIN - 1];
    const got = await read(write(JSON.stringify([kline]), 'klines.json'));
    expect(got.format).toBe('json: Binance klines');
    expect(got.fromTrades).toBeUndefined();
  });
});

describe('readCandleFile: Binance trades and aggTrades CSV', () => {
  it.each([
    ['trades with header', 'id,price,qty,quote_qty,time,is_buyer_maker,is_best_match', binanceTrade, 'csv: trades of time,price,qty, 5 trades into 1m candles; 4 other columns ignored; time in epoch ms'],
    ['trades without header', null, binanceTrade, 'csv without header: Binance trades, 5 trades into 1m candles; time in epoch ms'],
    ['aggTrades with header', 'agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker', binanceAggTrade, 'csv: trades of transact_time,price,quantity, 5 trades into 1m candles; 4 other columns ignored; time in epoch ms'],
    ['aggTrades without header', null, binanceAggTrade, 'csv without header: Binance aggTrades, 5 trades into 1m candles; time in epoch ms'],
  ])('reads %s', async (_, header, line, format) => {
    const lines = TRADES.map(line);
    const got = await read(write([...(header === null ? [] : [header]), ...lines].join('\n') + '\n'));
    expect(got.candles).toEqual(EXPECTED_1M);
    expect(got.format).toBe(format);
  });

  it('reads the futures dumps without is_best_match, and times in microseconds', async () => {
    const trades = TRADES.map(([t, p, q], i) => `${1000 + i},${p},${q},${p * q},${t * 1000},false`);
    const got = await read(write(trades.join('\r\n')), '5m');
    expect(got.candles).toEqual(EXPECTED_5M);
    expect(got.format).toBe('csv without header: Binance trades, 5 trades into 5m candles; time in epoch µs');
    const agg = TRADES.map(([t, p, q], i) => `${500 + i},${p},${q},${1000 + i},${1000 + i},${t},true,true`);
    expect((await read(write(agg.join('\n')), '5m')).candles).toEqual(EXPECTED_5M);
  });

  it('reads a CSV with ISO times, semicolons and other names for price and amount', async () => {
    const lines = TRADES.map(([t, p, q]) => `BTC/USDT;${new Date(t).toISOString()};${p};${q};buy`);
    const got = await read(write(['symbol;timestamp;price;amount;side', ...lines].join('\n')));
    expect(got.candles).toEqual(EXPECTED_1M);
    expect(got.format).toBe('csv: trades of timestamp,price,amount, 5 trades into 1m candles; 2 other columns ignored');
  });

  it('reads a tardis.dev trades CSV, and refuses its order book of the same columns', async () => {
    const lines = TRADES.map(([t, p, q], i) => `binance,BTCUSDT,${t * 1000},${t * 1000 + 7},${i},buy,${p},${q}`);
    const got = await read(write(['exchange,symbol,timestamp,local_timestamp,id,side,price,amount', ...lines].join('\n')));
    expect(got.candles).toEqual(EXPECTED_1M);
    expect(got.format).toBe('csv: trades of timestamp,price,amount, 5 trades into 1m candles; 5 other columns ignored; time in epoch µs');
    const book = TRADES.map(([t, p, q]) => `binance,BTCUSDT,${t * 1000},${t * 1000 + 7},false,bid,${p},${q}`);
    const err = await failure(write(['exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount', ...book].join('\n')));
    expect(err.line).toBe(1);
    expect(err.reason).toMatch(/its is_snapshot column says it holds an order book, which is neither candles nor trades$/);
  });

  it('still reads headerless Binance klines as candles', async () => {
    const got = await read(write(`${T0},100,101,99,100.5,3,${T0 + MIN - 1},300,12,1,100,0\n`));
    expect(got.format).toBe('csv without header: Binance kline columns; time in epoch ms');
  });
});

describe('CandleFileError for files of trades', () => {
  const json = (items: unknown[]) => write(JSON.stringify(items), `bad${++n}.json`);
  const good = TRADES.map(freqtrade);
  const withItem = (at: number, item: unknown) => good.map((x, i) => (i === at ? item : x));

  it.each([
    ['a price that is null', withItem(2, [T0 + 40 * SEC, '7', null, 'buy', null, 1, 0]), 3, 'price null is not a number above 0'],
    ['a price of 0', withItem(2, [T0 + 40 * SEC, '7', null, 'buy', 0, 1, 0]), 3, 'price 0 is not a number above 0'],
    ['a price that is text', withItem(1, [T0 + 40 * SEC, '7', null, 'buy', 'cheap', 1, 0]), 2, 'price "cheap" is not a number above 0'],
    ['a negative amount', withItem(4, [T0 + 40 * SEC, '7', null, 'buy', 0.5, -1, 0]), 5, 'amount -1 is not a number of 0 or more'],
    ['a time that is not a time', withItem(3, ['yesterday', '7', null, 'buy', 0.5, 1, 0]), 4, 'time "yesterday" is neither a date-time nor an epoch number'],
    ['too few fields', withItem(1, [T0, '7', null, 'buy', 0.5]), 2, 'expected a trade [timestamp, id, type, side, price, amount, cost], found 5 fields'],
    ['an item that is not an array', withItem(1, { price: 1 }), 2, 'expected a trade [timestamp, id, type, side, price, amount, cost], found "{\\"price\\":1},[1704067..."'],
    ['a nested array', withItem(1, [T0, [1], null, 'buy', 0.5, 1, 0]), 2, 'expected a trade [timestamp, id, type, side, price, amount, cost] of plain values, found a nested array'],
    // Two trades run together where a "],[" was lost: read as one, the second would vanish without a word.
    ['more fields than the first trade', withItem(2, [T0 + 40 * SEC, '7', null, 'buy', 0.5, 1, 0.5, T0 + 41 * SEC, '8', null, 'sell', 0.5, 1, 0.5]), 3, 'has 14 fields where the first trade has 7 (two trades run together, where a "],[" between them was lost?); no trade may have more than the first'],
  ])('names the item with %s', async (_, items, item, reason) => {
    const file = json(items);
    const err = await failure(file);
    expect(err.line).toBe(item);
    expect(err.reason).toBe(reason);
    expect(err.message).toBe(`${file} item ${item} (index ${item - 1}): ${reason}`);
  });

  it('says a JSON file cut short ends inside its array', async () => {
    const text = JSON.stringify(good);
    const err = await failure(write(text.slice(0, text.length - 20), 'cut.json'));
    expect(err.line).toBeNull();
    expect(err.reason).toBe('ends inside its JSON array, after 4 trades: the file is cut short');
  });

  it.each([
    ['a price that is not a number', 'abc', '1', 'price "abc" is not a number above 0'],
    ['a negative price', '-0.5', '1', 'price "-0.5" is not a number above 0'],
    ['an empty amount', '0.5', '', 'amount "" is not a number of 0 or more'],
  ])('names the CSV line with %s', async (_, price, qty, reason) => {
    const lines = ['id,price,qty,quote_qty,time,is_buyer_maker', ...TRADES.map(([t, p, q], i) => (i === 2 ? `${i},${price},${qty},0,${t},true` : `${i},${p},${q},0,${t},true`))];
    const file = write(lines.join('\n'));
    const err = await failure(file);
    expect(err.line).toBe(4);
    expect(err.message).toBe(`${file} line 4: ${reason}`);
  });

  it('names a CSV line whose time is not a time', async () => {
    const err = await failure(write(['time,price,qty', `${T0},1,1`, 'soon,1,1'].join('\n')));
    expect(err.line).toBe(3);
    expect(err.reason).toBe('time "soon" is neither a date-time (such as 2023-03-01 00:00:00) nor an epoch number');
  });

  it('says a trades header with no trade under it has no trades', async () => {
    const file = write('id,price,qty,quote_qty,time,is_buyer_maker\n');
    const err = await failure(file);
    expect(err.message).toBe(`${file}: has no trades`);
  });

  it('says what a header with a price but no time would need, as candles or as trades', async () => {
    const err = await failure(write('id,price,qty\n1,100,1\n'));
    expect(err.reason).toMatch(/^the header has no time, open, high, low, close column; found columns: id, price, qty; accepted names/);
    expect(err.reason).toContain('; or, as a file of trades, it needs a time column (time: transact_time, trade_time, timestamp,');
  });
});
