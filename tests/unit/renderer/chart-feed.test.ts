import { beforeEach, describe, expect, it, vi } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { ChartFeed, type FeedReport } from '../../../renderer/src/features/chart/chart-feed.ts';
import type { ChartRequest } from '../../../renderer/src/features/chart/chart-store.ts';
import { SLICE_BARS } from '../../../renderer/src/features/chart/history/render-slice.ts';
import { INITIAL_WINDOW } from '../../../renderer/src/features/chart/history/window-sizes.ts';
import { useNotices } from '../../../renderer/src/state/notices-store.ts';
import type { ChartSink, SinkListener } from '../../../renderer/src/features/chart/chart-sink.ts';
import { fakeApi } from './fake-api.ts';

const MIN = 60_000;
const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const ETH = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' } as const;
const candle = (i: number, c = 100 + i): Candle => ({ t: i * MIN, o: c, h: c, l: c, c, v: 1 });
const STORED = Array.from({ length: 10 }, (_, i) => candle(i));

/** A sink that logs what it is asked to draw; scroll() and hover() act as the user. */
function recorder() {
  const log: string[] = [];
  let listener: SinkListener | null = null;
  const sink: ChartSink = {
    setHistory: (all, runs, slice, shift) => {
      const list = all.slice(slice.start, slice.end);
      log.push(`history ${list.length > 12 ? `${list[0]!.t / MIN}..${list.at(-1)!.t / MIN} (${list.length})` : list.map((c) => c.t / MIN).join(',')}${shift === null ? '' : ` shift ${shift}`}${runs.length ? ` runs ${runs.map((r) => r.id).join(',')}` : ''}`);
    },
    update: (_list, changes) =>
      log.push(`update ${changes.length > 6 ? `${changes[0]!.candle.t / MIN}..${changes.at(-1)!.candle.t / MIN} (${changes.length})` : changes.map((c) => `${c.candle.t / MIN}@${c.candle.c}${c.appended ? '+' : ''}`).join(',')}`),
    syncIndicators: (runs) => log.push(`indicators ${runs.map((r) => r.id).join(',')}`),
    setPriceLines: () => {},
    setMarkers: () => {},
    listen: (l) => void (listener = l),
    dispose: () => log.push('dispose'),
  };
  return {
    sink,
    log,
    scroll: (from: number, to: number) => listener?.onVisibleRange(from, to),
    hover: (index: number | null) => listener?.onHover(index),
  };
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
    const feed = new ChartFeed(api, sink, clock.schedule, (r) => reports.push(r), { tallyEveryMs: 0 });
    await feed.show(request());
    expect(api.calls).toEqual([{ name: 'market.candles', request: { series: BTC, limit: INITIAL_WINDOW } }]);
    expect(log).toEqual(['history 0,1,2,3,4,5,6,7,8,9']);
    expect(reports.at(-1)).toMatchObject({ phase: 'ready', tally: { count: 10, lastTime: 9 * MIN, lastPrice: 109 }, source: 'stored' });

    api.emit('market.candle', { series: BTC, candle: candle(10, 200), closed: false, source: 'replay' });
    api.emit('market.candle', { series: BTC, candle: candle(10, 201), closed: false, source: 'replay' });
    api.emit('market.candle', { series: ETH, candle: candle(11, 999), closed: false, source: 'replay' });
    clock.next();
    expect(log.at(-1)).toBe('update 10@201+');
    expect(reports.at(-1)).toEqual({ tally: { count: 11, lastTime: 10 * MIN, lastPrice: 201 }, source: 'replay' });
  });

  it('loads only the candles a replay has closed by its clock', async () => {
    const api = storedApi();
    const { sink, log } = recorder();
    const feed = new ChartFeed(api, sink, frames().schedule, () => {});
    await feed.show(request({ until: 5 * MIN + MIN / 2, source: 'replay' }));
    expect(api.calls[0]?.request).toEqual({ series: BTC, to: 5 * MIN + MIN / 2 - 1, limit: INITIAL_WINDOW });
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
    expect(log).toEqual(['history 0,1,2,3,4', 'update 5@50+']);
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

  it('reports live tallies at most once per interval, the latest one last', async () => {
    const api = storedApi();
    const { sink } = recorder();
    const clock = frames();
    const reports: FeedReport[] = [];
    const feed = new ChartFeed(api, sink, clock.schedule, (r) => reports.push(r), { tallyEveryMs: 40 });
    await feed.show(request());
    const before = reports.length;
    for (let i = 0; i < 5; i++) {
      api.emit('market.candle', { series: BTC, candle: candle(10, 200 + i), closed: false, source: 'replay' });
      clock.next();
    }
    expect(reports.length - before).toBe(1);
    await vi.waitFor(() => expect(reports.at(-1)?.tally?.lastPrice).toBe(204));
    expect(reports.length - before).toBe(2);
    feed.dispose();
  });

  it('updates the latest bar’s legend at the tally pace, and a hovered older bar’s not at all', async () => {
    const api = storedApi();
    const { sink, hover } = recorder();
    const clock = frames();
    const legends: { index: number | null; bar: { close: string } | null }[] = [];
    const feed = new ChartFeed(api, sink, clock.schedule, () => {}, { onLegend: (m) => legends.push(m), tallyEveryMs: 40 });
    await feed.show(request());
    const before = legends.length;
    for (let i = 0; i < 5; i++) {
      api.emit('market.candle', { series: BTC, candle: candle(9, 300 + i), closed: false, source: 'replay' });
      clock.next();
    }
    // Five frames inside one interval: at most the first at once, then the latest once the interval passed.
    await vi.waitFor(() => expect(legends.at(-1)?.bar?.close).toBe('304.0000'));
    expect(legends.length - before).toBeLessThanOrEqual(2);
    hover(2);
    const hovered = legends.length;
    api.emit('market.candle', { series: BTC, candle: candle(9, 400), closed: false, source: 'replay' });
    clock.next();
    await new Promise((r) => setTimeout(r, 60));
    expect(legends.length).toBe(hovered);
    feed.dispose();
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

/** market.candles over `n` stored 1m candles 0..n-1, honouring from, to and limit like the engine. */
function journalApi(n: number) {
  const all = Array.from({ length: n }, (_, i) => candle(i, 100 + (i % 50)));
  return fakeApi({
    'market.candles': ({ from, to, limit }) => {
      const inRange = all.filter((c) => (from === undefined || c.t >= from) && (to === undefined || c.t <= to));
      return { candles: inRange.slice(-(limit ?? 5000)) };
    },
  });
}

/**
 * Scrolls the way the chart does: the view goes to window bars [from, to]; whenever the feed moves
 * its slice, the library reports the view again in the new logical positions.
 */
async function scrollWindow(feed: ChartFeed, scroll: (from: number, to: number) => void, from: number, to: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const before = feed.drawn.start;
    scroll(from - before, to - before);
    // A moved slice re-reports at once; a page of history being fetched ends the gesture.
    if (feed.drawn.start === before) return;
  }
}

const span = (feed: ChartFeed) => [feed.candles[0]!.t / MIN, feed.candles.at(-1)!.t / MIN, feed.candles.length];

describe('ChartFeed history windows', () => {
  it('hands the chart library a slice of the loaded bars and moves it along as the user scrolls', async () => {
    const api = journalApi(30_000);
    const { sink, log, scroll } = recorder();
    const feed = new ChartFeed(api, sink, frames().schedule, () => {});
    await feed.show(request());
    expect(span(feed)).toEqual([10_000, 29_999, 20_000]);
    expect(feed.drawn).toEqual({ start: 20_000 - SLICE_BARS, end: 20_000 });
    expect(log.at(-1)).toBe(`history ${30_000 - SLICE_BARS}..29999 (${SLICE_BARS})`);

    // Scrolled back into the middle: the slice centres on the view, and the view stays on its bars.
    await scrollWindow(feed, scroll, 9_000, 9_200);
    expect(feed.drawn).toEqual({ start: 9_100 - SLICE_BARS / 2, end: 9_100 + SLICE_BARS / 2 });
    expect(api.calls).toHaveLength(1);
  });

  it('loads older windows at the left edge, dropping the newest bars past 20,000 and keeping the view', async () => {
    const api = journalApi(30_000);
    const { sink, scroll } = recorder();
    const reports: FeedReport[] = [];
    const feed = new ChartFeed(api, sink, frames().schedule, (r) => reports.push(r), { tallyEveryMs: 0 });
    await feed.show(request());
    await scrollWindow(feed, scroll, 40, 200);
    await vi.waitFor(() => expect(span(feed)).toEqual([5_000, 24_999, 20_000]));
    expect(api.calls.at(-1)).toEqual({ name: 'market.candles', request: { series: BTC, to: 10_000 * MIN - 1, limit: 5000 } });
    // The bars the user was reading (10,040 on) are still in the slice.
    const { start, end } = feed.drawn;
    expect(feed.candles[start]!.t / MIN).toBeLessThanOrEqual(10_040);
    expect(feed.candles[end - 1]!.t / MIN).toBeGreaterThanOrEqual(10_200);
    await vi.waitFor(() => expect(reports.at(-1)?.history).toEqual({ paging: null, reachedStart: false, atLiveEdge: false, firstTime: 5000 * MIN }));
  });

  it('while detached keeps live candles aside and joins them back when the user scrolls forward', async () => {
    const api = journalApi(30_000);
    const { sink, log, scroll } = recorder();
    const clock = frames();
    const reports: FeedReport[] = [];
    const feed = new ChartFeed(api, sink, clock.schedule, (r) => reports.push(r), { tallyEveryMs: 0 });
    await feed.show(request());
    await scrollWindow(feed, scroll, 10, 100);
    await vi.waitFor(() => expect(span(feed)).toEqual([5_000, 24_999, 20_000]));

    // A live candle while detached: counted, not drawn far to the right of what the user reads.
    const drawnBefore = log.length;
    api.emit('market.candle', { series: BTC, candle: candle(30_000, 7), closed: false, source: 'replay' });
    clock.next();
    expect(log.length).toBe(drawnBefore);
    expect(reports.at(-1)?.tally?.lastTime).toBe(30_000 * MIN);

    // Scrolled to the right edge: the gap up to the first candle kept aside is fetched, then it joins.
    await scrollWindow(feed, scroll, 19_800, 19_990);
    await vi.waitFor(() => expect(span(feed)).toEqual([10_001, 30_000, 20_000]));
    expect(api.calls.at(-1)?.request).toEqual({ series: BTC, from: 24_999 * MIN + 1, to: 29_999 * MIN - 1, limit: 5000 });
    expect(feed.candles.at(-1)).toEqual(candle(30_000, 7));

    // Attached again: once the view reaches the newest bars, live candles draw.
    await scrollWindow(feed, scroll, 19_900, 19_999);
    api.emit('market.candle', { series: BTC, candle: candle(30_000, 8), closed: true, source: 'replay' });
    clock.next();
    expect(log.at(-1)).toBe('update 30000@8');
  });

  it('stops asking for older bars once the journal has none', async () => {
    const api = journalApi(100);
    const { sink, scroll } = recorder();
    const reports: FeedReport[] = [];
    const feed = new ChartFeed(api, sink, frames().schedule, (r) => reports.push(r), { tallyEveryMs: 0 });
    await feed.show(request());
    expect(reports.at(-1)?.history?.reachedStart).toBe(true);
    scroll(0, 50);
    expect(api.calls).toHaveLength(1);
  });

  it('trims the oldest bars when live candles grow the window past its slack; the slice lets go of its oldest too', async () => {
    const api = journalApi(20_000);
    const { sink, log } = recorder();
    const clock = frames();
    const feed = new ChartFeed(api, sink, clock.schedule, () => {});
    await feed.show(request());
    for (let i = 20_000; i <= 21_000; i++) api.emit('market.candle', { series: BTC, candle: candle(i), closed: true, source: 'replay' });
    clock.next();
    expect(log.slice(-2)).toEqual(['update 20000..21000 (1001)', `history ${21_001 - SLICE_BARS}..21000 (${SLICE_BARS}) shift -1001`]);
    expect(span(feed)).toEqual([1001, 21_000, 20_000]);
  });

  it('Back to latest reloads the newest bars and the live candles kept aside', async () => {
    const api = journalApi(30_000);
    const { sink, log, scroll } = recorder();
    const clock = frames();
    const feed = new ChartFeed(api, sink, clock.schedule, () => {});
    await feed.show(request());
    await scrollWindow(feed, scroll, 10, 100);
    await vi.waitFor(() => expect(span(feed)).toEqual([5_000, 24_999, 20_000]));
    api.emit('market.candle', { series: BTC, candle: candle(30_000, 9), closed: false, source: 'replay' });
    clock.next();
    await feed.showLatest();
    expect(span(feed)).toEqual([10_001, 30_000, 20_000]);
    expect(log.at(-1)).toBe(`history ${30_001 - SLICE_BARS}..30000 (${SLICE_BARS})`);
    expect(api.calls.at(-1)?.request).toEqual({ series: BTC, to: 29_999 * MIN - 1, limit: INITIAL_WINDOW - 2 });
  });
});

describe('ChartFeed indicators', () => {
  const sma3 = { id: 'sma-1', kind: 'sma', params: { period: 3 } } as const;

  it('computes indicators over the history and streams live bars with the same numbers as a batch', async () => {
    const api = journalApi(50);
    const { sink, log } = recorder();
    const clock = frames();
    const legends: unknown[] = [];
    const feed = new ChartFeed(api, sink, clock.schedule, () => {}, { onLegend: (m) => legends.push(m), tallyEveryMs: 0 });
    feed.setIndicators([sma3]);
    await feed.show(request());
    expect(log).toEqual(['indicators sma-1', 'history 0..49 (50) runs sma-1']);

    // A forming bar, amended, then closed, then the next one: replace() then add().
    api.emit('market.candle', { series: BTC, candle: { ...candle(50), c: 90 }, closed: false, source: 'replay' });
    clock.next();
    api.emit('market.candle', { series: BTC, candle: { ...candle(50), c: 120 }, closed: true, source: 'replay' });
    api.emit('market.candle', { series: BTC, candle: { ...candle(51), c: 130 }, closed: false, source: 'replay' });
    clock.next();
    const closes = feed.candles.map((c) => c.c);
    const expected = (i: number) => (closes[i]! + closes[i - 1]! + closes[i - 2]!) / 3;
    expect(legends.at(-1)).toMatchObject({ hovering: false, index: 51, indicators: [{ id: 'sma-1', values: [{ text: expected(51).toFixed(4).replace(/^(\d+)/, (d) => Number(d).toLocaleString('en-US')) }] }] });
  });

  it('keeps unchanged indicators and recomputes one whose parameters changed', async () => {
    const api = journalApi(50);
    const { sink, log } = recorder();
    const feed = new ChartFeed(api, sink, frames().schedule, () => {});
    await feed.show(request());
    feed.setIndicators([sma3, { id: 'rsi-1', kind: 'rsi', params: { period: 14 } }]);
    feed.setIndicators([sma3, { id: 'rsi-1', kind: 'rsi', params: { period: 7 } }]);
    feed.setIndicators([{ id: 'rsi-1', kind: 'rsi', params: { period: 7 } }]);
    expect(log.slice(1)).toEqual(['indicators sma-1,rsi-1', 'indicators sma-1,rsi-1', 'indicators rsi-1']);
  });

  it('shows the hovered bar in the legend, and the latest when the crosshair leaves', async () => {
    const api = journalApi(50);
    const { sink, hover } = recorder();
    const legends: { hovering: boolean; index: number | null }[] = [];
    const feed = new ChartFeed(api, sink, frames().schedule, () => {}, { onLegend: (m) => legends.push(m) });
    await feed.show(request());
    hover(10);
    expect(legends.at(-1)).toMatchObject({ hovering: true, index: 10 });
    hover(null);
    expect(legends.at(-1)).toMatchObject({ hovering: false, index: 49 });
  });
});
