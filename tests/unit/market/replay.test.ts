import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/app/event-bus.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { ReplayService } from '../../../electron/market/replay/replay-service.ts';
import { candleEvents } from '../../../electron/market/candle-events.ts';
import type { EventPayload } from '../../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../../shared/domain/candle.ts';
import type { CandleUpdate, SourceStatus, Ticker, Trade } from '../../../electron/market/market-source.ts';
import { manualTimers } from '../../helpers/manual-timers.ts';

const key: SeriesKey = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };
const T0 = Date.UTC(2024, 0, 1);
const candles: Candle[] = [
  { t: T0, o: 100, h: 110, l: 95, c: 105, v: 10 }, // low is nearer the open: path 100, 95, 110, 105
  { t: T0 + 60_000, o: 105, h: 106, l: 90, c: 92, v: 20 }, // high nearer: 105, 106, 90, 92
  { t: T0 + 120_000, o: 92, h: 93, l: 91, c: 93, v: null },
];

describe('replay', () => {
  let journal: Journal;
  let bus: EventBus;
  let store: CandleStore;
  let timers: ReturnType<typeof manualTimers>;
  let ticks: EventPayload<'market.candle'>[];
  let states: EventPayload<'replay.state'>[];

  beforeEach(() => {
    journal = openJournal(':memory:');
    store = new CandleStore(journal.db);
    store.upsert(key, candles);
    bus = new EventBus();
    timers = manualTimers();
    ticks = [];
    states = [];
    bus.on('market.candle', (p) => ticks.push(p));
    bus.on('replay.state', (s) => states.push(s));
  });
  afterEach(() => journal.close());

  /** A replay whose candles reach the bus as the market service sends them. */
  function newReplay(): ReplayService {
    const replay = new ReplayService(store, bus, timers);
    replay.subscribe(candleEvents(bus, 'replay'));
    return replay;
  }

  it('streams each candle as the four ticks of its intrabar path, then the stored candle closed', () => {
    const replay = newReplay();
    replay.start(key, { speed: 1, history: 0 });
    replay.step(8);
    expect(ticks.map((t) => t.candle.c)).toEqual([100, 95, 110, 105, 105, 106, 90, 92]);
    expect(ticks.map((t) => t.closed)).toEqual([false, false, false, true, false, false, false, true]);
    expect(ticks[3]!.candle).toEqual(candles[0]);
    // The forming candle only ever holds what has been seen so far.
    expect(ticks[1]!.candle).toMatchObject({ o: 100, h: 100, l: 95, c: 95 });
    expect(ticks.every((t) => t.source === 'replay')).toBe(true);
  });

  it('keeps candles before the start as history and reports the clock', () => {
    const replay = newReplay();
    const s = replay.start(key, { speed: 60, history: 1 });
    expect(s).toMatchObject({ status: 'playing', index: 1, total: 3, clock: T0 + 60_000, lastPrice: 105 });
    replay.step(1);
    expect(ticks[0]!.candle.t).toBe(T0 + 60_000);
  });

  it('plays in time with the chosen speed and finishes at the end', () => {
    const replay = newReplay();
    replay.start(key, { speed: 60, history: 0 }); // a 1m candle per second, a tick per 250 ms
    timers.advance(249);
    expect(ticks).toHaveLength(0);
    timers.advance(1);
    expect(ticks).toHaveLength(1);
    timers.advance(750);
    expect(ticks).toHaveLength(4);
    replay.setSpeed(120);
    timers.advance(125);
    expect(ticks).toHaveLength(5);
    timers.advance(10_000);
    expect(ticks).toHaveLength(12);
    expect(replay.state()).toMatchObject({ status: 'finished', index: 3, lastPrice: 93 });
    expect(states.at(-1)!.status).toBe('finished');
    expect(timers.pending()).toBe(0);
  });

  it('is deterministic: a burst after a stall sends the same ticks as smooth play', () => {
    const smooth = newReplay();
    smooth.start(key, { speed: 1000, history: 0 });
    for (let i = 0; i < 100; i++) timers.advance(5);
    const first = ticks.map((t) => [t.candle.t, t.candle.c, t.closed]);
    ticks.length = 0;
    const stalled = newReplay();
    stalled.start(key, { speed: 1000, history: 0 });
    timers.advance(10_000);
    expect(ticks.map((t) => [t.candle.t, t.candle.c, t.closed])).toEqual(first);
  });

  it('pauses and resumes without losing its place', () => {
    const replay = newReplay();
    replay.start(key, { speed: 60, history: 0 });
    timers.advance(500);
    expect(replay.pause().status).toBe('paused');
    timers.advance(60_000);
    expect(ticks).toHaveLength(2);
    replay.resume();
    timers.advance(250);
    expect(ticks.map((t) => t.candle.c)).toEqual([100, 95, 110]);
  });

  it('refuses what cannot be done, with the reason', () => {
    const replay = newReplay();
    expect(() => replay.pause()).toThrow(/replay is idle, so it cannot be paused/);
    expect(() => replay.start({ ...key, symbol: 'ETH/USDT' }, { speed: 1, history: 0 })).toThrow(/no candles stored for local:ETH\/USDT:1m; import some with keel import FILE --symbol ETH\/USDT --timeframe 1m$/);
    // The market is stored, under another exchange or timeframe: those are named, to be picked instead.
    expect(() => replay.start({ ...key, exchange: 'simulated' }, { speed: 1, history: 0 })).toThrow(/^no candles stored for simulated:BTC\/USDT:1m; BTC\/USDT is stored as local:BTC\/USDT:1m: pick "BTC\/USDT · local" in the market list to replay it$/);
    expect(() => replay.start({ ...key, timeframe: '5m' }, { speed: 1, history: 0 })).toThrow(/^no candles stored for local:BTC\/USDT:5m; BTC\/USDT is stored as local:BTC\/USDT:1m: switch the chart to 1m to replay it$/);
    expect(() => replay.start(key, { speed: 1, history: 0, from: T0 + 999_999_999 })).toThrow(/no candles at or after/);
  });

  it('stops cleanly: no timer left, state idle', () => {
    const replay = newReplay();
    replay.start(key, { speed: 1, history: 0 });
    expect(replay.stop()).toMatchObject({ status: 'idle', series: null, total: 0 });
    expect(timers.pending()).toBe(0);
  });
});

describe('replay as a MarketSource', () => {
  let journal: Journal;
  let store: CandleStore;
  let timers: ReturnType<typeof manualTimers>;
  let replay: ReplayService;

  beforeEach(() => {
    journal = openJournal(':memory:');
    store = new CandleStore(journal.db);
    store.upsert(key, candles);
    store.upsert({ ...key, timeframe: '1h' }, [{ ...candles[0]!, t: T0 }]);
    store.upsert({ exchange: 'binance', symbol: 'ETH/USDT', timeframe: '5m' }, [{ ...candles[0]!, t: T0 }]);
    timers = manualTimers();
    replay = new ReplayService(store, new EventBus(), timers);
  });
  afterEach(async () => {
    await replay.close();
    journal.close();
  });

  it('serves the stored symbols and timeframes, and refuses others with the list', async () => {
    expect(replay.kind).toBe('replay');
    expect((await replay.markets()).map((m) => [m.symbol, m.base, m.quote])).toEqual([
      ['BTC/USDT', 'BTC', 'USDT'],
      ['ETH/USDT', 'ETH', 'USDT'],
    ]);
    expect(await replay.timeframes()).toEqual(['1m', '5m', '1h']);
    await expect(replay.history({ symbol: 'SOL/USDT', timeframe: '1m' })).rejects.toThrow('unknown symbol "SOL/USDT" on the journal; valid symbols: BTC/USDT, ETH/USDT');
    await expect(replay.watch({ symbol: 'ETH/USDT', timeframe: '1m' }, {})).rejects.toThrow('unknown timeframe "1m" on the journal; valid timeframes: 5m');
    await expect(replay.watch({ symbol: 'BTC/USDT', timeframe: '1m', channels: ['book'] }, {})).rejects.toThrow(/no order book/);
  });

  it('history of the series playing stops at the replay clock: no peeking at the future', async () => {
    expect(await replay.history({ symbol: 'BTC/USDT', timeframe: '1m' })).toEqual(candles);
    replay.start(key, { speed: 1, history: 1 });
    expect(await replay.history({ symbol: 'BTC/USDT', timeframe: '1m' })).toEqual(candles.slice(0, 1));
    replay.step(5);
    expect(await replay.history({ symbol: 'BTC/USDT', timeframe: '1m' })).toEqual(candles.slice(0, 2));
    // Another series is not held back by this replay.
    expect(await replay.history({ symbol: 'BTC/USDT', timeframe: '1h' })).toHaveLength(1);
  });

  it('watch streams the watched series only: candles, ticks as trades, a ticker', async () => {
    const updates: CandleUpdate[] = [];
    const trades: Trade[] = [];
    const tickers: Ticker[] = [];
    const other: CandleUpdate[] = [];
    const w = await replay.watch({ symbol: 'btc/usdt', timeframe: '1m', channels: ['candles', 'trades', 'ticker'] }, { onCandle: (u) => updates.push(u), onTrades: (_s, t) => trades.push(...t), onTicker: (t) => tickers.push(t) });
    await replay.watch({ symbol: 'BTC/USDT', timeframe: '1h' }, { onCandle: (u) => other.push(u) });
    replay.start(key, { speed: 1, history: 0 });
    replay.step(5);
    expect(updates.map((u) => [u.candle.c, u.closed])).toEqual([[100, false], [95, false], [110, false], [105, true], [105, false]]);
    expect(other).toEqual([]);
    expect(trades.map((t) => [t.price, t.side])).toEqual([[100, null], [95, 'sell'], [110, 'buy'], [105, 'sell'], [105, null]]);
    // The candle's volume arrives with its ticks: the trades add up to it.
    expect(trades.slice(0, 4).reduce((s, t) => s + t.amount, 0)).toBe(10);
    expect(tickers.at(-1)).toMatchObject({ symbol: 'BTC/USDT', last: 105, high24h: 110, low24h: 95, volume24h: 10, change24hPct: 5 });
    await w.stop();
    replay.step(1);
    expect(updates).toHaveLength(5);
  });

  it('maps the replay to a source status: playing live, paused delayed, finished and idle offline', () => {
    const seen: SourceStatus[] = [];
    replay.onStatus((s) => seen.push(s));
    expect(replay.status()).toMatchObject({ status: 'offline', reason: 'no replay running' });
    replay.start(key, { speed: 60, history: 0 });
    replay.pause();
    replay.resume();
    replay.step(12);
    replay.stop();
    expect(seen.map((s) => s.status)).toEqual(['live', 'delayed', 'live', 'offline', 'offline']);
    expect(seen[0]!.reason).toBe('replaying stored local:BTC/USDT:1m at 60x: recorded data, not live');
    expect(seen[1]!.reason).toBe('replay of local:BTC/USDT:1m paused at 2024-01-01T00:00:00.000Z');
    expect(seen[3]!.reason).toBe('replay of local:BTC/USDT:1m finished: the stored candles end at 2024-01-01T00:03:00.000Z');
    expect(seen[4]!.reason).toBe('no replay running');
    expect(replay.exchange).toBe('local');
  });
});

