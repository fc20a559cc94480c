import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/app/event-bus.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { ReplayService } from '../../../electron/market/replay/replay-service.ts';
import type { EventPayload } from '../../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../../shared/domain/candle.ts';
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

  it('streams each candle as the four ticks of its intrabar path, then the stored candle closed', () => {
    const replay = new ReplayService(store, bus, timers);
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
    const replay = new ReplayService(store, bus, timers);
    const s = replay.start(key, { speed: 60, history: 1 });
    expect(s).toMatchObject({ status: 'playing', index: 1, total: 3, clock: T0 + 60_000, lastPrice: 105 });
    replay.step(1);
    expect(ticks[0]!.candle.t).toBe(T0 + 60_000);
  });

  it('plays in time with the chosen speed and finishes at the end', () => {
    const replay = new ReplayService(store, bus, timers);
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
    const smooth = new ReplayService(store, bus, timers);
    smooth.start(key, { speed: 1000, history: 0 });
    for (let i = 0; i < 100; i++) timers.advance(5);
    const first = ticks.map((t) => [t.candle.t, t.candle.c, t.closed]);
    ticks.length = 0;
    const stalled = new ReplayService(store, bus, timers);
    stalled.start(key, { speed: 1000, history: 0 });
    timers.advance(10_000);
    expect(ticks.map((t) => [t.candle.t, t.candle.c, t.closed])).toEqual(first);
  });

  it('pauses and resumes without losing its place', () => {
    const replay = new ReplayService(store, bus, timers);
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
    const replay = new ReplayService(store, bus, timers);
    expect(() => replay.pause()).toThrow(/replay is idle, so it cannot be paused/);
    expect(() => replay.start({ ...key, symbol: 'ETH/USDT' }, { speed: 1, history: 0 })).toThrow(/no candles stored for local:ETH\/USDT:1m; import some/);
    expect(() => replay.start(key, { speed: 1, history: 0, from: T0 + 999_999_999 })).toThrow(/no candles at or after/);
  });

  it('stops cleanly: no timer left, state idle', () => {
    const replay = new ReplayService(store, bus, timers);
    replay.start(key, { speed: 1, history: 0 });
    expect(replay.stop()).toMatchObject({ status: 'idle', series: null, total: 0 });
    expect(timers.pending()).toBe(0);
  });
});
