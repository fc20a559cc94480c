// The ccxt live source against the local Binance-speaking server: markets, history, streaming, refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CcxtLiveSource } from '../../electron/market/live/ccxt-live-source.ts';
import { UnknownMarketError, type BookSnapshot, type CandleUpdate, type Ticker, type Trade } from '../../electron/market/market-source.ts';
import { openJournal, type Journal } from '../../electron/journal/open-journal.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import type { Timeframe } from '../../shared/domain/timeframe.ts';
import { DEFAULT_START, startBinanceServer, type BinanceServer } from '../support/binance-server/index.ts';
import { btcMinutes, trackUnhandledRejections, waitFor } from '../support/binance-server/test-helpers.ts';

const MIN = 60_000;
const BTC_1M = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' as const };

let server: BinanceServer;
let journal: Journal;
let store: CandleStore;
let source: CcxtLiveSource;
const rejections = trackUnhandledRejections();
const minutes = btcMinutes();
const minuteAt = (t: number) => minutes.find((c) => c.t === t)!;

beforeAll(async () => {
  server = await startBinanceServer();
  journal = openJournal(':memory:');
  store = new CandleStore(journal.db);
  source = new CcxtLiveSource({
    exchange: 'binance',
    endpoints: { rest: server.origin, ws: server.wsOrigin },
    store,
    historyCandles: 60,
    backoff: { baseMs: 50, maxMs: 400 },
    expectedEveryMs: { candles: 5_000, ticker: 5_000, book: 5_000 },
  });
});

afterAll(async () => {
  await source?.close();
  await server?.close();
  journal?.close();
  rejections.stop();
  expect(rejections.list).toEqual([]);
});

describe('CcxtLiveSource against the local Binance server', () => {
  it('loads the spot markets with their tick size, step size and minimum notional, asking only spot endpoints', async () => {
    const markets = await source.markets();
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(markets[0]).toEqual({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', type: 'spot', active: true, tickSize: 0.01, stepSize: 0.000001, minNotional: 5 });
    // ETHUSDT carries the older MIN_NOTIONAL filter; ccxt reads both.
    expect(markets[1]).toMatchObject({ symbol: 'ETH/USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 });
    const paths = new Set(server.requests.map((r) => r.path));
    expect([...paths].filter((p) => !p.startsWith('/api/v3/'))).toEqual([]);
    expect(await source.timeframes()).toEqual(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w']);
    expect(source.status().status).toBe('live');
  });

  it('fetches closed history exactly as the real data has it, paging past 1000 candles', async () => {
    const now = server.clock.now();
    const last3 = await source.history({ symbol: 'BTC/USDT', timeframe: '1m', limit: 3 });
    const lastClosed = Math.floor(now / MIN) * MIN - MIN;
    expect(last3).toEqual([minuteAt(lastClosed - 2 * MIN), minuteAt(lastClosed - MIN), minuteAt(lastClosed)]);

    const many = await source.history({ symbol: 'btc/usdt', timeframe: '1m', limit: 2_500 });
    expect(many).toHaveLength(2_500);
    expect(many.at(-1)!.t).toBe(lastClosed);
    expect(many.every((c, i) => i === 0 || c.t === many[i - 1]!.t + MIN)).toBe(true);
    expect(server.requests.filter((r) => r.path === '/api/v3/klines' && r.query.get('limit') === '1000').length).toBeGreaterThanOrEqual(3);

    // An hour resampled by the server is the hour made of the file's minutes.
    const [hour] = await source.history({ symbol: 'BTC/USDT', timeframe: '1h', from: Date.UTC(2023, 2, 15, 9), to: Date.UTC(2023, 2, 15, 9) });
    const inHour = minutes.filter((c) => c.t >= Date.UTC(2023, 2, 15, 9) && c.t < Date.UTC(2023, 2, 15, 10));
    expect(hour).toMatchObject({ t: Date.UTC(2023, 2, 15, 9), o: inHour[0]!.o, c: inHour.at(-1)!.c, h: Math.max(...inHour.map((c) => c.h)), l: Math.min(...inHour.map((c) => c.l)) });
    expect(hour!.v).toBeCloseTo(inHour.reduce((s, c) => s + c.v!, 0), 6);
  });

  it('refuses an unknown symbol or timeframe with the list of valid ones', async () => {
    const err = await source.watch({ symbol: 'XRP/USDT', timeframe: '1m' }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownMarketError);
    expect((err as UnknownMarketError).valid).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect((err as UnknownMarketError).code).toBe('not_found');
    expect((err as Error).message).toBe('unknown symbol "XRP/USDT" on binance; valid symbols: BTC/USDT, ETH/USDT');

    const tf = await source.history({ symbol: 'BTC/USDT', timeframe: '2m' as Timeframe }).catch((e: unknown) => e);
    expect(tf).toBeInstanceOf(UnknownMarketError);
    expect((tf as UnknownMarketError).what).toBe('timeframe');
    expect((tf as Error).message).toContain('valid timeframes: 1m, 3m, 5m, 15m, 30m, 1h');
  });

  it('streams candles, trades, the ticker and the book; closed candles land in the journal once', async () => {
    const candles: CandleUpdate[] = [];
    const trades: Trade[] = [];
    const tickers: Ticker[] = [];
    const books: BookSnapshot[] = [];
    const watch = await source.watch(
      { symbol: 'BTC/USDT', timeframe: '1m', channels: ['candles', 'trades', 'ticker', 'book'] },
      { onCandle: (u) => candles.push(u), onTrades: (_s, t) => trades.push(...t), onTicker: (t) => tickers.push(t), onBook: (b) => books.push(b) },
    );
    // The first sync stores the last 60 closed minutes before anything streams.
    const start = server.clock.now();
    const formingOpen = Math.floor(start / MIN) * MIN;
    await waitFor('the first sync', () => store.count(BTC_1M) === 60);
    expect(store.read(BTC_1M)).toEqual(minutes.filter((c) => c.t >= formingOpen - 60 * MIN && c.t < formingOpen));
    await waitFor('four subscriptions', () => server.ws.subscriptions().length === 4);
    expect(server.ws.subscriptions()).toEqual(['btcusdt@depth@100ms', 'btcusdt@kline_1m', 'btcusdt@ticker', 'btcusdt@trade']);

    // Two minutes pass on the exchange in 15-second steps.
    for (let i = 0; i < 8; i++) {
      server.clock.advance(15_000);
      await waitFor(`the push at step ${i}`, () => candles.length > 0 && candles.at(-1)!.candle.t <= server.clock.now() && trades.length >= i);
    }
    await waitFor('the second minute to close', () => candles.filter((u) => u.closed).length === 2);

    const closed = candles.filter((u) => u.closed).map((u) => u.candle);
    expect(closed).toEqual([minuteAt(formingOpen), minuteAt(formingOpen + MIN)]);
    expect(store.count(BTC_1M)).toBe(62);
    expect(store.read(BTC_1M, { limit: 2 })).toEqual(closed);
    expect(candles.every((u) => u.series.symbol === 'BTC/USDT' && u.series.exchange === 'binance')).toBe(true);
    // Forming updates walk the candle: the last one before a close has the close's price.
    const formingBeforeClose = candles.filter((u) => !u.closed && u.candle.t === formingOpen).at(-1)!;
    expect(formingBeforeClose.candle.c).toBe(minuteAt(formingOpen).c);

    // Trades: the data's four trades a minute, in order, never twice.
    expect(trades.length).toBeGreaterThanOrEqual(7);
    expect(new Set(trades.map((t) => t.id)).size).toBe(trades.length);
    expect(trades.every((t, i) => i === 0 || t.t >= trades[i - 1]!.t)).toBe(true);
    expect(trades.map((t) => t.price)).toContain(minuteAt(formingOpen + MIN).c);

    // Each stream is its own connection: wait for the ticker to catch up with the last trade.
    await waitFor('the ticker at the last trade', () => tickers.at(-1)?.last === trades.at(-1)!.price);
    expect(tickers.at(-1)).toMatchObject({ symbol: 'BTC/USDT', last: trades.at(-1)!.price });
    expect(tickers.at(-1)!.bid).toBeLessThan(tickers.at(-1)!.ask!);
    const book = books.at(-1)!;
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
    expect(book.bids.every((l, i) => i === 0 || l[0] < book.bids[i - 1]![0])).toBe(true);
    expect(source.status().status).toBe('live');
    expect(source.status().reason).toContain('streaming BTC/USDT 1m candles');

    await watch.stop();
    expect(source.status().reason).toBe('connected to binance; nothing streaming');
    expect(DEFAULT_START).toBe(start);
  });
});
