// A run's fills on its thinned price line: each on the last point at or before it, one arrow per point and
// side (a protective exit's apart, in its colour), none past the cap. And the kill switch's pulls and re-arms on the equity line.
import { describe, expect, it } from 'vitest';
import { fillMarks, MAX_MARKS } from '../../../renderer/src/features/backtest/fill-marks.ts';
import { fillMarkers, MAX_LABELLED } from '../../../renderer/src/features/backtest/fill-markers.ts';
import { haltMarks } from '../../../renderer/src/features/backtest/halt-marks.ts';

const H = 3_600_000;
// Points every 3 hours (a thinned line), from hour 0 to hour 30.
const price = Array.from({ length: 11 }, (_, i) => [i * 3 * H, 100 + i] as const);

describe('fill marks', () => {
  it('puts each fill on the last price point at or before it', () => {
    const fills = [
      { ts: 0, side: 'buy' as const },
      { ts: 4 * H, side: 'sell' as const },
      { ts: 6 * H, side: 'buy' as const },
      { ts: 29 * H + 59 * 60_000, side: 'sell' as const },
      { ts: 40 * H, side: 'buy' as const },
    ];
    expect(fillMarks(price, fills)).toEqual([
      { time: 0, side: 'buy', count: 1, exit: null },
      { time: 3 * H, side: 'sell', count: 1, exit: null },
      { time: 6 * H, side: 'buy', count: 1, exit: null },
      { time: 27 * H, side: 'sell', count: 1, exit: null },
      { time: 30 * H, side: 'buy', count: 1, exit: null },
    ]);
  });

  it('makes the fills of a side on one point one arrow with their count, buys before sells', () => {
    // A busy stretch: five fills between two points of the thinned line (stacked arrows would widen the
    // price scale until the line was a sliver).
    const fills = [
      { ts: 3 * H, side: 'buy' as const },
      { ts: 3 * H + 1, side: 'sell' as const },
      { ts: 4 * H, side: 'buy' as const },
      { ts: 5 * H, side: 'sell' as const },
      { ts: 5 * H + 59 * 60_000, side: 'buy' as const },
      { ts: 6 * H, side: 'sell' as const },
    ];
    expect(fillMarks(price, fills)).toEqual([
      { time: 3 * H, side: 'buy', count: 3, exit: null },
      { time: 3 * H, side: 'sell', count: 2, exit: null },
      { time: 6 * H, side: 'sell', count: 1, exit: null },
    ]);
  });

  it('puts a fill before the line on its first point, and marks nothing without a line', () => {
    expect(fillMarks(price, [{ ts: -H, side: 'buy' }])).toEqual([{ time: 0, side: 'buy', count: 1, exit: null }]);
    expect(fillMarks([], [{ ts: 0, side: 'buy' }])).toEqual([]);
  });

  it('marks nothing past the cap, where arrows would be a smear', () => {
    const many = Array.from({ length: MAX_MARKS + 1 }, (_, i) => ({ ts: i, side: 'buy' as const }));
    expect(fillMarks(price, many)).toEqual([]);
    // Under the cap, the arrows of one point count every fill on it.
    expect(fillMarks(price, many.slice(1))).toEqual([{ time: 0, side: 'buy', count: MAX_MARKS, exit: null }]);
  });

  it("marks a protective exit's fills apart from the strategy's own, after them on a point", () => {
    const fills = [
      { ts: 3 * H, side: 'buy' as const },
      { ts: 4 * H, side: 'sell' as const, exit: 'stop-loss' as const },
      { ts: 5 * H, side: 'sell' as const },
      { ts: 6 * H, side: 'sell' as const, exit: 'take-profit' as const },
      { ts: 7 * H, side: 'sell' as const, exit: 'take-profit' as const },
    ];
    expect(fillMarks(price, fills)).toEqual([
      { time: 3 * H, side: 'buy', count: 1, exit: null },
      { time: 3 * H, side: 'sell', count: 1, exit: null },
      { time: 3 * H, side: 'sell', count: 1, exit: 'stop-loss' },
      { time: 6 * H, side: 'sell', count: 2, exit: 'take-profit' },
    ]);
  });

  it('writes a count or an exit\'s name beside an arrow only while the arrows are few enough to read it', () => {
    const few = [
      { time: 0, side: 'buy' as const, count: 2, exit: null },
      { time: 3 * H, side: 'sell' as const, count: 1, exit: 'stop-loss' as const },
      { time: 6 * H, side: 'sell' as const, count: 3, exit: 'take-profit' as const },
      { time: 9 * H, side: 'sell' as const, count: 1, exit: null },
    ];
    expect(fillMarkers(few).map((m) => m.text)).toEqual(['2', 'SL', 'TP 3', undefined]);
    // Four years of a busy strategy: hundreds of arrows a pixel or two apart, where every "2" beside them ran
    // into the next one's as a red and green smear over the price. The arrows and their colours stay.
    const busy = Array.from({ length: MAX_LABELLED + 1 }, (_, i) => ({ time: i * H, side: i % 2 ? ('sell' as const) : ('buy' as const), count: 2, exit: i % 4 === 1 ? ('stop-loss' as const) : null }));
    const markers = fillMarkers(busy);
    expect(markers).toHaveLength(busy.length);
    expect(markers.filter((m) => m.text !== undefined)).toEqual([]);
    expect(markers.slice(0, 2).map((m) => [m.shape, m.position])).toEqual([['arrowUp', 'belowBar'], ['arrowDown', 'aboveBar']]);
  });

  it('marks each pull of the kill switch and its re-arm on the equity line; the one never re-armed is marked final', () => {
    const halts = [
      { from: 4 * H, to: 13 * H, reason: "today's loss of 6% reached the 5% daily loss limit" },
      { from: 20 * H, to: null, reason: 'a drawdown of 21% from the equity peak reached the 20% limit' },
    ];
    expect(haltMarks(price, halts)).toEqual([
      { time: 3 * H, kind: 'pulled', final: false },
      { time: 12 * H, kind: 'rearmed', final: false },
      { time: 18 * H, kind: 'pulled', final: true },
    ]);
    expect(haltMarks([], halts)).toEqual([]);
  });
});
