// The chart's window of candles: growing left with older history, right with live bars, and staying
// at about MAX_BARS by dropping bars from the side the user is not reading.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { CandleWindow, LIVE_SLACK, MAX_BARS } from '../../../renderer/src/features/chart/history/candle-window.ts';

const MIN = 60_000;
const bar = (i: number, c = 100): Candle => ({ t: i * MIN, o: c, h: c, l: c, c, v: 1 });
const bars = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => bar(from + k));
const span = (w: CandleWindow) => [w.first!.t / MIN, w.last!.t / MIN, w.length];

describe('CandleWindow', () => {
  it('applies live candles: amends the last bar, appends newer ones, refuses older ones', () => {
    const w = new CandleWindow();
    w.reset(bars(0, 9), true);
    const changes = w.applyLive([bar(9, 1), bar(9, 2), bar(10, 3), bar(5, 4), bar(10, 5), bar(11, 6)]);
    expect(changes.map((c) => [c.index, c.candle.c, c.appended])).toEqual([
      [9, 2, false],
      [10, 5, true],
      [11, 6, true],
    ]);
    expect(span(w)).toEqual([0, 11, 12]);
    expect(w.candles[5]!.c).toBe(100);
  });

  it('starts an empty window with the first live candle', () => {
    const w = new CandleWindow();
    w.reset([], true);
    expect(w.applyLive([bar(3)])).toEqual([{ index: 0, candle: bar(3), appended: true }]);
  });

  it('joins older history on the left, ignoring any overlap', () => {
    const w = new CandleWindow();
    w.reset(bars(100, 199), false);
    expect(w.prependOlder(bars(50, 120), false)).toEqual({ added: 50, droppedRight: 0 });
    expect(span(w)).toEqual([50, 199, 150]);
    expect(w.reachedStart).toBe(false);
    expect(w.prependOlder(bars(40, 49), true)).toEqual({ added: 10, droppedRight: 0 });
    expect(w.reachedStart).toBe(true);
    expect(w.atLiveEdge).toBe(true);
  });

  it(`drops the newest bars past ${MAX_BARS} and detaches from live; live candles wait aside`, () => {
    const w = new CandleWindow();
    w.reset(bars(10_000, 29_999), false);
    expect(w.prependOlder(bars(5_000, 9_999), false)).toEqual({ added: 5_000, droppedRight: 5_000 });
    expect(span(w)).toEqual([5_000, 24_999, MAX_BARS]);
    expect(w.atLiveEdge).toBe(false);
    // The newest dropped bar (possibly still forming, so not in the journal) is kept aside.
    expect(w.aheadCount).toBe(1);
    expect(w.applyLive([bar(30_000)])).toEqual([]);
    expect(w.aheadCount).toBe(2);
    expect(span(w)).toEqual([5_000, 24_999, MAX_BARS]);
  });

  it('pages forward towards the candles kept aside without fetching past them', () => {
    const w = new CandleWindow();
    w.reset(bars(10_000, 29_999), false);
    w.prependOlder(bars(0, 9_999), false);
    expect(span(w)).toEqual([0, 19_999, MAX_BARS]);
    // The gap runs to bar 29,998; a window of 5,000 does not close it.
    const first = w.nextNewerRange(5_000, MIN)!;
    expect(first).toEqual({ from: 19_999 * MIN + 1, to: 24_999 * MIN, closesGap: false });
    expect(w.appendNewer(bars(20_000, 24_999), first.closesGap)).toBe(5_000);
    expect(w.atLiveEdge).toBe(false);
    expect(w.overflow()).toBe(5_000);
    w.trimLeft(w.overflow());
    expect(span(w)).toEqual([5_000, 24_999, MAX_BARS]);

    const second = w.nextNewerRange(5_000, MIN)!;
    expect(second).toEqual({ from: 24_999 * MIN + 1, to: 29_999 * MIN - 1, closesGap: true });
    w.appendNewer(bars(25_000, 29_998), second.closesGap);
    expect(w.atLiveEdge).toBe(true);
    expect(w.last!.t).toBe(29_999 * MIN);
    expect(w.nextNewerRange(5_000, MIN)).toBeNull();
  });

  it('asks for no newer range while attached', () => {
    const w = new CandleWindow();
    w.reset(bars(0, 9), true);
    expect(w.nextNewerRange(5_000, MIN)).toBeNull();
  });

  it(`lets live bars run ${LIVE_SLACK} past ${MAX_BARS} before trimming the oldest in one go`, () => {
    const w = new CandleWindow();
    w.reset(bars(0, MAX_BARS - 1), true);
    w.applyLive(bars(MAX_BARS, MAX_BARS + LIVE_SLACK - 1));
    expect(w.liveOverflow()).toBe(0);
    w.applyLive([bar(MAX_BARS + LIVE_SLACK)]);
    expect(w.liveOverflow()).toBe(LIVE_SLACK + 1);
    w.trimLeft(w.liveOverflow());
    expect(w.length).toBe(MAX_BARS);
    expect(w.reachedStart).toBe(false);
  });

  it('hands over what it kept aside for a reload', () => {
    const w = new CandleWindow();
    w.reset(bars(10_000, 29_999), false);
    w.prependOlder(bars(5_000, 9_999), false);
    w.applyLive([bar(30_000, 1), bar(30_000, 2), bar(30_001)]);
    expect(w.firstAheadTime()).toBe(29_999 * MIN);
    expect(w.takeAhead().map((c) => [c.t / MIN, c.c])).toEqual([
      [29_999, 100],
      [30_000, 2],
      [30_001, 100],
    ]);
    expect(w.aheadCount).toBe(0);
  });
});
