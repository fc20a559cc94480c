// Gaps: the candles that close while the websocket is down (or between two polls) are fetched over REST,
// upserted into the journal and emitted, in order, exactly once; the journal ends with no hole and no copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CcxtLiveSource } from '../../electron/market/live/ccxt-live-source.ts';
import type { CandleUpdate, SourceStatus } from '../../electron/market/market-source.ts';
import { openJournal, type Journal } from '../../electron/journal/open-journal.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import type { SeriesKey } from '../../shared/domain/candle.ts';
import { startBinanceServer, type BinanceServer } from '../support/binance-server/index.ts';
import { btcMinutes, trackUnhandledRejections, waitFor } from '../support/binance-server/test-helpers.ts';

const MIN = 60_000;
let server: BinanceServer;
let journal: Journal;
let store: CandleStore;
const sources: CcxtLiveSource[] = [];
const rejections = trackUnhandledRejections();
const minutes = btcMinutes();
const minutesBetween = (from: number, to: number) => minutes.filter((c) => c.t >= from && c.t <= to);

beforeAll(async () => {
  server = await startBinanceServer();
  journal = openJournal(':memory:');
  store = new CandleStore(journal.db);
});

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await server?.close();
  journal?.close();
  rejections.stop();
  expect(rejections.list).toEqual([]);
});

function start(label: string, transport: 'auto' | 'rest') {
  const source = new CcxtLiveSource({
    exchange: 'binance',
    label,
    endpoints: { rest: server.origin, ws: server.wsOrigin },
    store,
    transport,
    pollMs: 50,
    historyCandles: 30,
    backoff: { baseMs: 50, maxMs: 300 },
    expectedEveryMs: { candles: 10_000 },
  });
  sources.push(source);
  const updates: CandleUpdate[] = [];
  const statuses: SourceStatus[] = [];
  source.onStatus((s) => statuses.push(s));
  const series: SeriesKey = { exchange: label, symbol: 'BTC/USDT', timeframe: '1m' };
  return { source, updates, statuses, series, closedTimes: () => updates.filter((u) => u.closed).map((u) => u.candle.t) };
}

describe('gap backfill', () => {
  it('a websocket drop: reconnect, then the candles missed during the drop are backfilled into the journal', async () => {
    const { source, updates, statuses, series, closedTimes } = start('binance', 'auto');
    const openAtStart = Math.floor(server.clock.now() / MIN) * MIN;
    await source.watch({ symbol: 'BTC/USDT', timeframe: '1m' }, { onCandle: (u) => updates.push(u) });
    await waitFor('the first sync of 30 candles', () => store.count(series) === 30);
    await waitFor('the kline subscription', () => server.ws.subscriptions().includes('btcusdt@kline_1m'));

    // The open minute closes while connected: streamed, stored.
    server.clock.advance(openAtStart + MIN - server.clock.now());
    await waitFor('the streamed close', () => closedTimes().includes(openAtStart));

    // The connection drops and cannot come back while five more minutes close on the exchange.
    server.ws.refuse(true);
    server.ws.dropAll();
    await waitFor('the drop to show', () => source.status().status !== 'live');
    server.clock.advance(5 * MIN);
    server.ws.refuse(false);

    // Back: the source resubscribes; a push inside the next minute brings it live again.
    await waitFor('the resubscription', () => server.ws.subscriptions().includes('btcusdt@kline_1m'), 10_000);
    await waitFor('live again', () => {
      server.clock.advance(500);
      return source.status().status === 'live' && updates.at(-1)!.candle.t === openAtStart + 6 * MIN;
    }, 10_000);
    expect(server.clock.now()).toBeLessThan(openAtStart + 7 * MIN);

    // Journal: the 30 synced, the streamed one and the five missed ones; each exactly the exchange's candle.
    const expected = minutesBetween(openAtStart - 30 * MIN, openAtStart + 5 * MIN);
    expect(store.count(series)).toBe(36);
    expect(store.read(series)).toEqual(expected);
    // Listeners: every close once, in order, the missed ones included.
    expect(closedTimes()).toEqual([0, 1, 2, 3, 4, 5].map((i) => openAtStart + i * MIN));
    expect(updates.filter((u) => u.closed).map((u) => u.candle)).toEqual(minutesBetween(openAtStart, openAtStart + 5 * MIN));
    expect(statuses.some((s) => s.status === 'delayed' && s.reason.startsWith('BTC/USDT 1m candles: cannot reach binance: connection closed by remote server'))).toBe(true);
  });

  it('candles skipped between two REST polls are fetched before anything newer is emitted', async () => {
    const { source, updates, series, closedTimes } = start('binance-polled', 'rest');
    const openAtStart = Math.floor(server.clock.now() / MIN) * MIN;
    await source.watch({ symbol: 'BTC/USDT', timeframe: '1m' }, { onCandle: (u) => updates.push(u) });
    await waitFor('the first sync and a forming candle', () => store.count(series) === 30 && updates.some((u) => !u.closed));

    // Seven minutes pass between two polls: the next poll sees only the last three candles.
    server.clock.advance(7 * MIN);
    await waitFor('the forming candle seven minutes on', () => updates.at(-1)!.candle.t === openAtStart + 7 * MIN);

    expect(closedTimes()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => openAtStart + i * MIN));
    expect(store.read(series)).toEqual(minutesBetween(openAtStart - 30 * MIN, openAtStart + 6 * MIN));
    // Nothing newer went out before the gap was filled.
    const order = updates.map((u) => u.candle.t);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Polling again changes nothing: the journal holds each candle once.
    await new Promise((r) => setTimeout(r, 200));
    expect(store.count(series)).toBe(37);
  });
});
