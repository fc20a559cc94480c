import { beforeEach, describe, expect, it, vi } from 'vitest';
import { KeelError, MAX_CANDLES_PER_CALL } from '../../../shared/contract/index.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { ChartFeed, type FeedReport } from '../../../renderer/src/features/chart/chart-feed.ts';
import type { ChartSink } from '../../../renderer/src/features/chart/chart-sink.ts';
import type { ChartRequest } from '../../../renderer/src/features/chart/chart-store.ts';
import { useNotices } from '../../../renderer/src/state/notices-store.ts';
import { fakeApi } from './fake-api.ts';

const MIN = 60_000;
const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const ETH = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' } as const;
const candle = (i: number, c = 100 + i): Candle => ({ t: i * MIN, o: c, h: c, l: c, c, v: 1 });
const STORED = Array.from({ length: 10 }, (_, i) => candle(i));

function recorder() {
  const log: string[] = [];
  const sink: ChartSink = {
    setHistory: (list) => log.push(`history ${list.map((c) => c.t / MIN).join(',')}`),
    update: (list) => log.push(`update ${list.map((c) => `${c.t / MIN}@${c.c}`).join(',')}`),
    dispose: () => log.push('dispose'),
  };
  return { sink, log };
}

function frames() {
  const queue: (() => void)[] = [];
  return { schedule: (f: () => void) => void queue.push(f), next: () => queue.splice(0).forEach((f) => f()) };
}

const request = (patch: Partial<ChartRequest> = {}): ChartRequest => ({ id: 1, series: BTC, until: null, source: 'stored', ...patch });

/** market.candles over STORED, honouring `to` and `limit` like the engine. */
function storedApi(gate?: Promise<void>) {
  return fakeApi({
    'market.candles': async ({ to, limit }) => {
      await gate;
      const inRange = STORED.filter((c) => to === undefined || c.t <= to);
      return { candles: inRange.slice(-(limit ?? 5000)) };
    },
  });
}

beforeEach(() => useNotices.setState({ notices: [] }));

describe('ChartFeed', () => {
  it('loads the latest stored candles, then applies events for its series once per frame', async () => {
    const api = storedApi();
    const { sink, log } = recorder();
    const clock = frames();
    const reports: FeedReport[] = [];
    const feed = new ChartFeed(api, sink, clock.schedule, (r) => reports.push(r));
    await feed.show(request());
    expect(api.calls).toEqual([{ name: 'market.candles', request: { series: BTC, limit: MAX_CANDLES_PER_CALL } }]);
    expect(log).toEqual(['history 0,1,2,3,4,5,6,7,8,9']);
    expect(reports.at(-1)).toEqual({ phase: 'ready', tally: { count: 10, lastTime: 9 * MIN, lastPrice: 109 }, source: 'stored' });

    api.emit('market.candle', { series: BTC, candle: candle(10, 200), closed: false, source: 'replay' });
    api.emit('market.candle', { series: BTC, candle: candle(10, 201), closed: false, source: 'replay' });
    api.emit('market.candle', { series: ETH, candle: candle(11, 999), closed: false, source: 'replay' });
    clock.next();
    expect(log.at(-1)).toBe('update 10@201');
    expect(reports.at(-1)).toEqual({ tally: { count: 11, lastTime: 10 * MIN, lastPrice: 201 }, source: 'replay' });
  });

  it('loads only the candles a replay has closed by its clock', async () => {
    const api = storedApi();
    const { sink, log } = recorder();
    const feed = new ChartFeed(api, sink, frames().schedule, () => {});
    await feed.show(request({ until: 5 * MIN + MIN / 2, source: 'replay' }));
    expect(api.calls[0]?.request).toEqual({ series: BTC, to: 5 * MIN + MIN / 2 - 1, limit: MAX_CANDLES_PER_CALL });
    expect(log).toEqual(['history 0,1,2,3,4']);
  });

  it('holds events that arrive while history loads and applies the ones after it', async () => {
    let open!: () => void;
    const api = storedApi(new Promise<void>((r) => (open = r)));
    const { sink, log } = recorder();
    const clock = frames();
    const feed = new ChartFeed(api, sink, clock.schedule, () => {});
    const shown = feed.show(request({ until: 5 * MIN }));
    api.emit('market.candle', { series: BTC, candle: candle(3, 1), closed: true, source: 'replay' });
    api.emit('market.candle', { series: BTC, candle: candle(5, 50), closed: false, source: 'replay' });
    clock.next();
    expect(log).toEqual([]);
    open();
    await shown;
    clock.next();
    expect(log).toEqual(['history 0,1,2,3,4', 'update 5@50']);
  });

  it('drops a load that a newer request overtook', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let first = true;
    const api = fakeApi({
      'market.candles': async ({ series }) => {
        if (first) {
          first = false;
          await gate;
        }
        return { candles: series.symbol === 'ETH/USDT' ? [candle(1)] : STORED };
      },
    });
    const { sink, log } = recorder();
    const feed = new ChartFeed(api, sink, frames().schedule, () => {});
    const slow = feed.show(request());
    await feed.show(request({ id: 2, series: ETH }));
    open();
    await slow;
    expect(log).toEqual(['history 1']);
  });

  it('reports a failed load to the user', async () => {
    const api = fakeApi({
      'market.candles': () => {
        throw new KeelError('not_found', 'no candles stored for local:BTC/USDT:1m');
      },
    });
    const reports: FeedReport[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const feed = new ChartFeed(api, recorder().sink, frames().schedule, (r) => reports.push(r));
    await feed.show(request());
    errors.mockRestore();
    expect(reports.at(-1)).toEqual({ phase: 'error' });
    expect(useNotices.getState().notices).toMatchObject([{ action: 'Load candles', code: 'not_found', message: 'no candles stored for local:BTC/USDT:1m' }]);
  });

  it('unsubscribes and removes the chart on dispose', () => {
    const api = storedApi();
    const { sink, log } = recorder();
    const feed = new ChartFeed(api, sink, frames().schedule, () => {});
    expect(api.listenerCount('market.candle')).toBe(1);
    feed.dispose();
    expect(api.listenerCount('market.candle')).toBe(0);
    expect(log).toEqual(['dispose']);
  });
});
