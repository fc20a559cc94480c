// The market service against the local Binance-speaking server: selecting live data, the exchange's
// faults reaching the UI as market.status events with their reasons, refusals with the valid list, gap
// backfill into the journal; and createKeel's start-up choice (simulated without a network, live with one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../electron/app/event-bus.ts';
import { createKeel } from '../../electron/app/keel.ts';
import { memoryLogger } from '../../electron/app/logger.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { openJournal, type Journal } from '../../electron/journal/open-journal.ts';
import { CcxtLiveSource, type CcxtLiveSourceOptions } from '../../electron/market/live/ccxt-live-source.ts';
import { MarketService } from '../../electron/market/market-service.ts';
import { ReplayService } from '../../electron/market/replay/replay-service.ts';
import { SimulatedSource } from '../../electron/market/simulated/simulated-source.ts';
import { memoryWatchlist } from '../../electron/market/watchlist-settings.ts';
import type { EventName, EventPayload } from '../../shared/contract/index.ts';
import { startBinanceServer, type BinanceServer } from '../support/binance-server/index.ts';
import { btcMinutes, trackUnhandledRejections, waitFor } from '../support/binance-server/test-helpers.ts';

const MIN = 60_000;
const BTC_1M = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' as const };

let server: BinanceServer;
let journal: Journal;
let store: CandleStore;
const services: MarketService[] = [];
const rejections = trackUnhandledRejections();

beforeAll(async () => {
  server = await startBinanceServer();
  journal = openJournal(':memory:');
  store = new CandleStore(journal.db);
});

afterEach(async () => {
  server.faults.clear();
  await Promise.all(services.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await server?.close();
  journal?.close();
  rejections.stop();
  expect(rejections.list).toEqual([]);
});

function serviceFor(live: Partial<CcxtLiveSourceOptions> = {}, watchlist = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT']) {
  const bus = new EventBus();
  const events: { name: EventName; payload: unknown }[] = [];
  bus.onAny((name, payload) => events.push({ name, payload }));
  const service = new MarketService({
    bus,
    store,
    replay: new ReplayService(store, bus),
    log: memoryLogger(),
    mode: 'none',
    createSimulated: () => new SimulatedSource({ seed: 1 }),
    createLive: (exchange) =>
      new CcxtLiveSource({
        exchange,
        store,
        endpoints: { rest: server.origin, ws: server.wsOrigin },
        historyCandles: 30,
        backoff: { baseMs: 50, maxMs: 400 },
        expectedEveryMs: { candles: 5_000, ticker: 5_000, book: 5_000 },
        ...live,
      }),
    probe: async () => ({ ok: true, reason: 'test' }),
    watchlist: memoryWatchlist(watchlist),
  });
  services.push(service);
  const of = <E extends EventName>(name: E) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);
  return { service, events, of };
}

describe('the market service on live data', () => {
  it('selects live BTC/USDT 1m: status live, candles and trades stamped live, the watchlist from the exchange', async () => {
    const { service, of } = serviceFor();
    const status = await service.select({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' });
    expect(status).toMatchObject({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m', status: 'live' });
    await waitFor('the kline subscription', () => server.ws.subscriptions().includes('btcusdt@kline_1m'));
    await waitFor('the ETH ticker subscription', () => server.ws.subscriptions().includes('ethusdt@ticker'));
    for (let i = 0; i < 6; i++) {
      server.clock.advance(15_000);
      await waitFor(`the push at step ${i}`, () => of('market.candle').some((c) => c.candle.t + MIN > server.clock.now() - 15_000));
    }
    await waitFor('a closed candle', () => of('market.candle').some((c) => c.closed));
    await waitFor('trades', () => of('market.trades').length > 0);
    expect(of('market.candle').every((c) => c.source === 'live' && c.series.exchange === 'binance')).toBe(true);
    expect(of('market.trades').every((t) => t.source === 'live' && t.exchange === 'binance' && t.symbol === 'BTC/USDT')).toBe(true);
    const closed = of('market.candle').filter((c) => c.closed)[0]!.candle;
    expect(closed).toEqual(btcMinutes().find((c) => c.t === closed.t));

    await waitFor('watchlist prices for BTC and ETH', () => {
      const items = of('market.watchlist').at(-1)?.items ?? [];
      return items.filter((i) => i.last !== null).length === 2 ? items : null;
    });
    const items = of('market.watchlist').at(-1)!.items;
    expect(items.map((i) => [i.symbol, i.available])).toEqual([
      ['BTC/USDT', true],
      ['ETH/USDT', true],
      ['SOL/USDT', false],
    ]);
    expect(of('market.watchlist').at(-1)).toMatchObject({ source: 'live', exchange: 'binance' });
    await waitFor('a book', () => service.book().book);
    expect(service.sources().active).toEqual({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' });
    expect((await service.markets({})).markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it("gives a strategy started on live data the exchange's last closed candles for its warm-up, none still forming", async () => {
    const { service } = serviceFor();
    await service.select({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' });
    const selection = service.selection()!;
    const got = (await service.strategyHistory(selection, 29))!;
    expect(got).toHaveLength(29);
    // The latest closed minute by the exchange's clock is the last; the one forming is not there.
    const now = server.clock.now();
    expect(got.at(-1)!.t + MIN).toBeLessThanOrEqual(now);
    expect(got.at(-1)!.t + 2 * MIN).toBeGreaterThan(now);
    expect(got).toEqual(btcMinutes().filter((c) => c.t >= got[0]!.t && c.t <= got.at(-1)!.t));
    // Another source's series is not streaming: nothing to ask it yet (null, not an empty history).
    expect(await service.strategyHistory({ ...selection, source: 'simulated', exchange: 'simulated' }, 5)).toBeNull();
  });

  it('refuses an unknown symbol with the list of valid ones and keeps the market it had', async () => {
    const { service } = serviceFor();
    await service.select({ source: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    await expect(service.select({ source: 'live', exchange: 'binance', symbol: 'SOL/USDT', timeframe: '1m' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'unknown symbol "SOL/USDT" on binance; valid symbols: BTC/USDT, ETH/USDT',
    });
    await expect(service.select({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '2m' as never })).rejects.toThrow(/valid timeframes: 1m, 3m, 5m/);
    expect(service.selection()).toMatchObject({ source: 'simulated' });
  });

  it('exchange faults reach the UI as market.status: delayed and offline with the reason, stale when silent, then live', async () => {
    const { service, of } = serviceFor({ transport: 'rest', pollMs: 250, backoff: { baseMs: 100, maxMs: 1_000, jitter: 0 }, offlineAfterFailures: 3 }, ['BTC/USDT']);
    await service.select({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' });
    await waitFor('live', () => service.status().status === 'live' && of('market.candle').length > 0);

    let mark = of('market.status').length;
    server.faults.status(503, { count: 4, path: '/api/v3/klines' });
    const after = (status: string) => waitFor(status, () => of('market.status').slice(mark).find((s) => s.status === status), 10_000);
    expect((await after('delayed')).reason).toBe('BTC/USDT 1m candles: binance is unavailable (HTTP 503); retrying in 100 ms');
    expect(await after('offline')).toMatchObject({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', reason: 'BTC/USDT 1m candles: binance is unavailable (HTTP 503) (3 failures in a row); retrying in 400 ms' });
    await after('live');

    // Klines stop answering for a while: nothing arrives for three polling periods, so it is stale, not live.
    mark = of('market.status').length;
    server.faults.delay(1_500, { path: '/api/v3/klines', count: 1 });
    expect((await after('stale')).reason).toBe('no BTC/USDT 1m candles from binance for over 750 ms (expected every 250 ms)');
    await after('live');
  });

  it('backfills the gaps of a stored series from the exchange, idempotently', async () => {
    const { service } = serviceFor();
    const now = server.clock.now();
    const minutes = btcMinutes().filter((c) => c.t < Math.floor(now / MIN) * MIN - 100 * MIN && c.t >= Math.floor(now / MIN) * MIN - 400 * MIN);
    const key = { ...BTC_1M, exchange: 'binance' };
    store.deleteSeries(key);
    store.upsert(key, minutes.filter((_, i) => i < 50 || (i >= 120 && i < 200) || i >= 230));
    expect(service.gaps(key, {}).map((g) => g.missing)).toEqual([70, 30]);
    const first = await service.backfill(key, {});
    expect(first).toMatchObject({ written: 100, remaining: [] });
    expect(store.read(key)).toEqual(minutes);
    const again = await service.backfill(key, {});
    expect(again).toEqual({ found: [], written: 0, remaining: [] });
  });
});

describe('createKeel start-up', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'keel-market-start-'));
    dirs.push(d);
    return d;
  };
  const ctx = { shell: 'browser' as const, peer: 'test' };

  it('without a network, the simulated market moves at once', async () => {
    const keel = createKeel({ dataDir: dataDir(), shell: 'browser', log: memoryLogger(), market: { mode: 'auto', probe: async () => ({ ok: false, reason: 'api.binance.com unreachable (ENOTFOUND)' }) } });
    try {
      const candles: EventPayload<'market.candle'>[] = [];
      keel.bus.on('market.candle', (c) => candles.push(c));
      // Generous: the first step comes a quarter second after start-up, but a CI machine running Chromium beside
      // this may take seconds to get there.
      await waitFor('a simulated candle', () => candles.length > 0, 20_000);
      expect(candles[0]).toMatchObject({ source: 'simulated', series: { exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' } });
      const status = await keel.dispatch('market.status', {}, ctx);
      expect(status).toMatchObject({ ok: true, result: { source: 'simulated', status: 'live', reason: expect.stringContaining('there is no network (api.binance.com unreachable (ENOTFOUND))') } });
      const history = await keel.dispatch('market.candles', { series: { exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' }, limit: 100 }, ctx);
      expect((history as { ok: true; result: { candles: unknown[] } }).result.candles).toHaveLength(100);
      // The simulated market never lands in the journal's series list.
      expect(await keel.dispatch('market.series', {}, ctx)).toEqual({ ok: true, result: { series: [] } });
      const refused = await keel.dispatch('market.select', { source: 'simulated', symbol: 'XRP/USDT', timeframe: '1m' }, ctx);
      expect(refused).toEqual({ ok: false, error: { code: 'not_found', message: 'unknown symbol "XRP/USDT" on simulated; valid symbols: BTC/USDT, ETH/USDT, SOL/USDT' } });
    } finally {
      await keel.close();
    }
  });

  it('with a network, live BTC/USDT 1m on binance', async () => {
    const keel = createKeel({
      dataDir: dataDir(),
      shell: 'browser',
      log: memoryLogger(),
      market: { mode: 'auto', probe: async () => ({ ok: true, reason: 'reachable' }), live: { endpoints: { rest: server.origin, ws: server.wsOrigin }, historyCandles: 10 } },
    });
    try {
      const statuses: EventPayload<'market.status'>[] = [];
      keel.bus.on('market.status', (st) => statuses.push(st));
      await waitFor('the live market', () => statuses.find((st) => st.source === 'live' && st.status === 'live'), 10_000);
      expect(await keel.dispatch('market.status', {}, ctx)).toMatchObject({ ok: true, result: { source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m', status: 'live' } });
      // ("choosing a market source" went out inside createKeel, before this test listened.)
      expect(statuses[0]).toMatchObject({ source: null, reason: 'connecting to binance for BTC/USDT 1m' });
    } finally {
      await keel.close();
    }
  });

  it('refuses a KEEL_MARKET it does not know before opening anything', () => {
    const saved = process.env.KEEL_MARKET;
    process.env.KEEL_MARKET = 'simulted';
    try {
      expect(() => createKeel({ dataDir: dataDir(), shell: 'browser', log: memoryLogger() })).toThrow('KEEL_MARKET must be one of auto, live, simulated, none; got "simulted"');
    } finally {
      if (saved === undefined) delete process.env.KEEL_MARKET;
      else process.env.KEEL_MARKET = saved;
    }
  });
});
