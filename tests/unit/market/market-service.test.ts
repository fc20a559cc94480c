// The market service: picks the start-up source, turns source callbacks into bus events (candles as they
// come, trades/ticker/book/watchlist throttled), reports every source's health as market.status, refuses
// unknown markets with the valid list, and hands over to a replay and back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/app/event-bus.ts';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { MarketService, type MarketMode } from '../../../electron/market/market-service.ts';
import type { MarketSource } from '../../../electron/market/market-source.ts';
import type { NetworkProbe } from '../../../electron/market/network-probe.ts';
import { ReplayService } from '../../../electron/market/replay/replay-service.ts';
import { SimulatedSource } from '../../../electron/market/simulated/simulated-source.ts';
import { memoryWatchlist } from '../../../electron/market/watchlist-settings.ts';
import { KeelError, type EventName, type EventPayload } from '../../../shared/contract/index.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { manualTimers } from '../../helpers/manual-timers.ts';

const ORIGIN = Date.UTC(2024, 0, 1);
const NOW = ORIGIN + 3 * 86_400_000 + 15_000;
const T0 = Date.UTC(2023, 0, 1);
const stored: Candle[] = Array.from({ length: 20 }, (_, i) => ({ t: T0 + i * 60_000, o: 100 + i, h: 102 + i, l: 99 + i, c: 101 + i, v: 1 }));

let journal: Journal;
let store: CandleStore;
let bus: EventBus;
let timers: ReturnType<typeof manualTimers>;
let events: { name: EventName; payload: unknown }[];
let service: MarketService;

/** A live source that never connects: every watch is refused the way a failed markets() load is. */
function unreachableLive(exchange: string): MarketSource {
  const refuse = async () => {
    throw new KeelError('conflict', `markets from ${exchange} failed: ${exchange} is unreachable`);
  };
  return {
    kind: 'live',
    exchange,
    markets: refuse,
    timeframes: refuse,
    history: refuse,
    watch: refuse,
    status: () => ({ status: 'offline', reason: 'not connected', since: 0 }),
    onStatus: () => () => {},
    close: async () => {},
  };
}

function make(mode: MarketMode, probe: NetworkProbe = async () => ({ ok: false, reason: 'api.binance.com unreachable (ENOTFOUND)' })): MarketService {
  service = new MarketService({
    bus,
    store,
    replay: new ReplayService(store, bus, timers),
    log: memoryLogger(),
    mode,
    createSimulated: () => new SimulatedSource({ seed: 11, origin: ORIGIN, now: () => NOW + timers.now(), timers }),
    createLive: unreachableLive,
    probe,
    watchlist: memoryWatchlist(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'DOGE/USDT']),
    throttle: { timers, flushMs: 100, watchlistEveryMs: 1_000 },
  });
  return service;
}

function of<E extends EventName>(name: E): EventPayload<E>[] {
  return events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);
}

/** Lets the service's promises settle (the manual clock does not run microtasks). */
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  journal = openJournal(':memory:');
  store = new CandleStore(journal.db);
  store.upsert({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, stored);
  bus = new EventBus();
  timers = manualTimers();
  events = [];
  bus.onAny((name, payload) => events.push({ name, payload }));
});

afterEach(async () => {
  await service.close();
  expect(timers.pending()).toBe(0);
  journal.close();
});

describe('start-up', () => {
  it('auto without a network: the simulated market, saying why', async () => {
    await make('auto').start();
    expect(service.selection()).toEqual({ source: 'simulated', exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    expect(of('market.status')[0]).toMatchObject({ source: null, status: 'offline', reason: 'choosing a market source: checking the network' });
    expect(service.status()).toMatchObject({
      source: 'simulated',
      exchange: 'simulated',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      status: 'live',
      reason: 'simulated market (seed 11): generated prices, not an exchange; chosen at start-up because there is no network (api.binance.com unreachable (ENOTFOUND))',
    });
    expect(service.sources().sources[0]).toMatchObject({ source: 'live', available: false, note: 'at start-up: api.binance.com unreachable (ENOTFOUND)' });
  });

  it('auto with a network whose exchange then fails: still the simulated market', async () => {
    await make('auto', async () => ({ ok: true, reason: 'reachable' })).start();
    expect(service.selection()?.source).toBe('simulated');
    expect(service.status().reason).toContain('chosen at start-up because live binance failed (markets from binance failed: binance is unreachable)');
    expect(of('market.status').map((s) => s.reason)).toContain('connecting to binance for BTC/USDT 1m');
  });

  it('a selection made while the probe runs wins over the probe', async () => {
    let answer!: (r: { ok: false; reason: string }) => void;
    make('auto', () => new Promise((r) => (answer = r)));
    const started = service.start();
    await service.select({ source: 'simulated', symbol: 'ETH/USDT', timeframe: '5m' });
    answer({ ok: false, reason: 'slow' });
    await started;
    expect(service.selection()).toMatchObject({ source: 'simulated', symbol: 'ETH/USDT', timeframe: '5m' });
    expect(service.status().reason).not.toContain('chosen at start-up');
  });

  it('live mode without a network: offline with the reason, and nothing else opened', async () => {
    await make('live').start();
    expect(service.selection()).toBeNull();
    expect(service.status()).toMatchObject({ source: 'live', exchange: 'binance', status: 'offline', reason: 'live binance unavailable: markets from binance failed: binance is unreachable' });
  });

  it('none: no source, no events, until market.select', async () => {
    await make('none').start();
    timers.advance(5_000);
    expect(events).toEqual([]);
    expect(service.status()).toMatchObject({ source: null, status: 'offline', reason: expect.stringContaining('KEEL_MARKET=none') });
    await service.select({ source: 'simulated', symbol: 'SOL/USDT', timeframe: '1m' });
    expect(service.status()).toMatchObject({ source: 'simulated', symbol: 'SOL/USDT', status: 'live' });
  });
});

describe('streaming', () => {
  it('candles pass as they come, stamped simulated; trades, ticker and book are throttled', async () => {
    await make('simulated').start();
    await settle();
    timers.advance(120_000);
    const candles = of('market.candle');
    // A forming update whenever a trade changed the candle (about one every 1.5 s), the closes, nothing twice.
    expect(candles.length).toBeGreaterThan(50);
    expect(candles.every((c) => c.source === 'simulated' && c.series.exchange === 'simulated' && c.series.symbol === 'BTC/USDT')).toBe(true);
    expect(candles.filter((c) => c.closed)).toHaveLength(2);
    const trades = of('market.trades');
    // Never more than one batch per 100 ms flush.
    expect(trades.length).toBeLessThanOrEqual(1_200);
    expect(trades.length).toBeGreaterThan(20);
    const all = trades.flatMap((t) => t.trades);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    expect(trades.every((t) => t.source === 'simulated' && t.symbol === 'BTC/USDT')).toBe(true);
    expect(of('market.ticker').length).toBeLessThanOrEqual(121);
    expect(of('market.book').length).toBeLessThanOrEqual(241);
    expect(service.trades(5).trades).toEqual(all.slice(-5));
    expect(service.book().book?.bids.length).toBe(20);
    expect(service.ticker().ticker?.symbol).toBe('BTC/USDT');
  });

  it('the watchlist: prices of several symbols from the active source, at most once a second', async () => {
    await make('simulated').start();
    await settle();
    timers.advance(10_000);
    const lists = of('market.watchlist');
    expect(lists.length).toBeGreaterThan(3);
    expect(lists.length).toBeLessThanOrEqual(11);
    const last = lists.at(-1)!;
    expect(last.symbols).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'DOGE/USDT']);
    expect(last.items.map((i) => [i.symbol, i.available, i.last !== null, i.change24hPct !== null])).toEqual([
      ['BTC/USDT', true, true, true],
      ['ETH/USDT', true, true, true],
      ['SOL/USDT', true, true, true],
      ['DOGE/USDT', false, false, false],
    ]);
    const updated = await service.setWatchlist(['SOL/USDT']);
    expect(updated.symbols).toEqual(['SOL/USDT']);
    timers.advance(2_000);
    expect(of('market.watchlist').at(-1)!.items).toEqual([expect.objectContaining({ symbol: 'SOL/USDT', available: true })]);
  });

  it('refuses an unknown symbol or timeframe with the valid list, and keeps the market it had', async () => {
    await make('simulated').start();
    await expect(service.select({ source: 'simulated', symbol: 'DOGE/USDT', timeframe: '1m' })).rejects.toMatchObject({ code: 'not_found', message: 'unknown symbol "DOGE/USDT" on simulated; valid symbols: BTC/USDT, ETH/USDT, SOL/USDT' });
    expect(service.selection()?.symbol).toBe('BTC/USDT');
    await expect(service.select({ source: 'replay', symbol: 'ETH/USDT', timeframe: '1m' })).rejects.toThrow('no stored candles for (any exchange):ETH/USDT:1m; stored series: local:BTC/USDT:1m');
    expect(service.selection()?.source).toBe('simulated');
  });

  it('serves the simulated market\'s candles through market.candles, the journal\'s otherwise', async () => {
    make('none');
    const sim = await service.candles({ exchange: 'simulated', symbol: 'ETH/USDT', timeframe: '1h' }, { limit: 10 });
    expect(sim).toHaveLength(10);
    expect(sim.at(-1)!.t).toBe(NOW - 15_000 - 3_600_000);
    expect(await service.candles({ exchange: 'simulated', symbol: 'XRP/USDT', timeframe: '1h' }, { limit: 10 })).toEqual([]);
    expect(await service.candles({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, { limit: 3 })).toEqual(stored.slice(-3));
    expect((await service.markets({ source: 'simulated' })).markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(service.gaps({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, { to: T0 + 21 * 60_000 })).toEqual([{ from: T0 + 20 * 60_000, to: T0 + 21 * 60_000, missing: 2 }]);
    await expect(service.backfill({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, {})).rejects.toThrow(/not stored under an exchange Keel can ask/);
  });
});

describe('replay as the active source', () => {
  it('replay.start takes over (status playing → live), pause is delayed, stop returns to the market before', async () => {
    await make('simulated').start();
    await settle();
    timers.advance(1_000);
    const replayState = service.startReplay({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, { speed: 60, history: 5 });
    expect(replayState.status).toBe('playing');
    await settle();
    const mark = events.length;
    timers.advance(2_000);
    const during = events.slice(mark);
    const candles = during.filter((e) => e.name === 'market.candle').map((e) => e.payload as EventPayload<'market.candle'>);
    // Only the replay streams now: no simulated candle slips in.
    expect(candles.length).toBe(8);
    expect(candles.every((c) => c.source === 'replay' && c.series.exchange === 'local')).toBe(true);
    expect(service.status()).toMatchObject({ source: 'replay', exchange: 'local', status: 'live', reason: 'replaying stored local:BTC/USDT:1m at 60x: recorded data, not live' });
    expect(service.book().book).toBeNull();
    expect(service.trades(100).trades.length).toBeGreaterThan(0);

    expect(service.stopReplay().status).toBe('idle');
    await settle();
    await settle();
    expect(service.selection()).toEqual({ source: 'simulated', exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    expect(service.status()).toMatchObject({ source: 'simulated', status: 'live' });
    const statuses = of('market.status').map((s) => `${s.source} ${s.status}`);
    expect(statuses).toEqual(['simulated live', 'replay live', 'replay offline', 'simulated live']);
  });

  it('a market.select during a replay ends the replay', async () => {
    const replay = new ReplayService(store, bus, timers);
    service = new MarketService({
      bus,
      store,
      replay,
      log: memoryLogger(),
      mode: 'none',
      createSimulated: () => new SimulatedSource({ seed: 1, origin: ORIGIN, now: () => NOW + timers.now(), timers }),
      createLive: unreachableLive,
      probe: async () => ({ ok: false, reason: 'none' }),
      watchlist: memoryWatchlist(),
      throttle: { timers },
    });
    service.startReplay({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, { speed: 60, history: 0 });
    replay.pause();
    expect(service.status()).toMatchObject({ source: 'replay', status: 'delayed', reason: expect.stringContaining('paused') });
    await service.select({ source: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    expect(replay.state().status).toBe('idle');
    expect(of('replay.state').at(-1)!.status).toBe('idle');
    // replay.stop now has nothing to return from.
    expect(service.stopReplay().status).toBe('idle');
    expect(service.selection()?.source).toBe('simulated');
  });
});
