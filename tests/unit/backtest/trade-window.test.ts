// A trade's window of bars at full resolution: the bars opening inside it, the strategy's indicators at
// each with the values computed from the run's first bar (an EMA's value late in a run is not the one a
// window would warm up to), no more than MAX_WINDOW_BARS, and a clear refusal of a window with no bars.
// Asked with its lead-in, a window may start before the range, in the bars the run's indicators read
// first: the stored bars, as many as the run read, with the indicators' values there.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { MAX_WINDOW_BARS, tradeWindow } from '../../../electron/backtest/trade-window.ts';
import type { IndicatorUse } from '../../../electron/strategies/strategy.ts';
import { ema } from '../../../shared/indicators/ema.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const HOUR = 3_600_000;

const FILE = path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');

/** BTC/USDT 1h from 2021 to `toExclusive`, with `lead` bars before 2021 kept as its lead (a run's warm-up). */
async function btc1h(toExclusive = Date.UTC(2022, 0, 1), lead = 0) {
  return (await candlesFromFile(FILE, { from: Date.UTC(2021, 0, 1), toExclusive }, undefined, undefined, () => lead)).candles;
}

const EMA_50: IndicatorUse = { name: 'ema', params: { period: 50 }, warmup: 49 };

describe('tradeWindow', () => {
  it('gives the bars opening inside the window, each with the EMA the run computed at it', async () => {
    const c = await btc1h();
    const from = Date.UTC(2021, 5, 10, 7);
    const to = Date.UTC(2021, 5, 12, 19);
    const w = tradeWindow(c, HOUR, [EMA_50, { name: 'rsi', params: { period: 14 }, warmup: 14, levels: [30, 70] }], 'x', from, to);
    expect(w.cut).toBe(false);
    expect(w.candles.length).toBe((to - from) / HOUR + 1);
    const first = Array.from(c.t).indexOf(from);
    expect(w.candles[0]).toEqual([from, c.o[first], c.h[first], c.l[first], c.c[first]]);
    expect(w.candles.at(-1)![0]).toBe(to);
    // The EMA over the whole year, cut to the window: not an EMA started at the window's first bar.
    const whole = ema(c.c, 50);
    expect(w.indicators[0]!.points).toEqual(w.candles.map(([t]) => [t, whole[Array.from(c.t).indexOf(t)]]));
    const fresh = ema(c.c.subarray(first), 50);
    expect(fresh[49]).not.toBe(whole[first + 49]);
    expect(w.indicators.map((l) => [l.label, l.overlay, l.levels])).toEqual([
      ['EMA 50', true, []],
      ['RSI 14', false, [30, 70]],
    ]);
  });

  it('leaves out an indicator still warming up at the window, and bars between bar opens are no bars', async () => {
    const c = await btc1h();
    const w = tradeWindow(c, HOUR, [EMA_50], 'x', c.t[0]! - HOUR / 2, c.t[59]! + HOUR / 2);
    expect(w.candles.length).toBe(60);
    expect(w.indicators[0]!.points.map(([t]) => t)).toEqual(Array.from(c.t.subarray(49, 60)));
  });

  it('stops at MAX_WINDOW_BARS bars and says it did', async () => {
    const c = await btc1h(Date.UTC(2023, 0, 1));
    const w = tradeWindow(c, HOUR, [], 'x', c.t[0]!, c.t[c.length - 1]!);
    expect(c.length).toBeGreaterThan(MAX_WINDOW_BARS);
    expect(w.cut).toBe(true);
    expect(w.candles.length).toBe(MAX_WINDOW_BARS);
    expect(w.candles[0]![0]).toBe(c.t[0]);
  });

  it('refuses a window with no bars, or one that ends before it starts, saying what the run has', async () => {
    const c = await btc1h();
    expect(() => tradeWindow(c, HOUR, [], 'x', Date.UTC(2023, 0, 1), Date.UTC(2023, 0, 2))).toThrow('the run has no bars from 2023-01-01T00:00:00Z to 2023-01-02T00:00:00Z; its bars open from 2021-01-01T00:00:00Z to 2021-12-31T23:00:00Z');
    expect(() => tradeWindow(c, HOUR, [], 'x', Date.UTC(2021, 1, 2), Date.UTC(2021, 1, 1))).toThrow('a window runs from its start to its end: 2021-02-02T00:00:00Z is after 2021-02-01T00:00:00Z');
  });

  describe('with its lead-in', () => {
    it('starts before the range in the stored bars the run read first, as many as it read, with the indicators over them', async () => {
      // The run's warm-up is the EMA 50's 49 bars; the loader kept more (a search's larger set, say): the window gives the run's 49.
      const c = await btc1h(Date.UTC(2022, 0, 1), 80);
      const whole = (await candlesFromFile(FILE, { toExclusive: Date.UTC(2022, 0, 1) })).candles;
      const start = Array.from(whole.t).indexOf(Date.UTC(2021, 0, 1));
      const w = tradeWindow(c, HOUR, [EMA_50, { name: 'sma', params: { period: 10 }, warmup: 9 }], 'x', 0, c.t[9]!, true);
      expect(w.leadIn).toBe(49);
      expect(w.cut).toBe(false);
      expect(w.candles.length).toBe(49 + 10);
      // The bars before the range are the stored ones, oldest first, and the range's first follows them.
      const stored = Array.from({ length: 59 }, (_, k) => start - 49 + k).map((i) => [whole.t[i], whole.o[i], whole.h[i], whole.l[i], whole.c[i]]);
      expect(w.candles).toEqual(stored);
      expect(w.candles[49]![0]).toBe(c.t[0]);
      // The EMA the run read, from the first of those 49 bars: its first value at the range's first bar.
      const ema49 = ema(whole.c.subarray(start - 49, start + 10), 50);
      expect(w.indicators[0]!.points).toEqual(w.candles.slice(49).map(([t], k) => [t, ema49[49 + k]]));
      // The SMA 10 has values across most of the lead-in: the mean of the 10 stored closes to each bar.
      const sma10 = w.indicators[1]!.points;
      expect(sma10.length).toBe(59 - 9);
      expect(sma10.filter(([t]) => t < c.t[0]!).length).toBe(40);
      for (const [t, v] of sma10) {
        const i = Array.from(whole.t).indexOf(t);
        expect(v).toBeCloseTo(whole.c.subarray(i - 9, i + 1).reduce((x, y) => x + y, 0) / 10, 6);
      }
    });

    it('gives only the lead-in when the window ends before the range, and none without the flag', async () => {
      const c = await btc1h(Date.UTC(2022, 0, 1), 49);
      const w = tradeWindow(c, HOUR, [EMA_50], 'x', 0, c.t[0]! - 1, true);
      expect([w.leadIn, w.candles.length, w.candles.at(-1)![0]]).toEqual([49, 49, c.t[0]! - HOUR]);
      const plain = tradeWindow(c, HOUR, [EMA_50], 'x', 0, c.t[9]!);
      expect([plain.leadIn, plain.candles.length, plain.candles[0]![0]]).toEqual([0, 10, c.t[0]]);
      expect(() => tradeWindow(c, HOUR, [EMA_50], 'x', 0, c.t[0]! - 1)).toThrow('the run has no bars from 1970-01-01T00:00:00Z to 2020-12-31T23:59:59.999Z; its bars open from 2021-01-01T00:00:00Z to 2021-12-31T23:00:00Z');
    });

    it('reads no bars before the range for a strategy without a warm-up', async () => {
      const c = await btc1h(Date.UTC(2022, 0, 1), 49);
      const w = tradeWindow(c, HOUR, [], 'x', 0, c.t[2]!, true);
      expect([w.leadIn, w.candles.length]).toEqual([0, 3]);
    });

    it('cut, leaves out the oldest bars of the lead-in first, keeping those next to the range', async () => {
      const use: IndicatorUse = { name: 'sma', params: { period: MAX_WINDOW_BARS + 500 }, warmup: MAX_WINDOW_BARS + 499 };
      // From mid-2022: the file has more than 10,499 hours before it.
      const c = (await candlesFromFile(FILE, { from: Date.UTC(2022, 6, 1), toExclusive: Date.UTC(2022, 7, 1) }, undefined, undefined, () => MAX_WINDOW_BARS + 499)).candles;
      const w = tradeWindow(c, HOUR, [use], 'x', 0, c.t[0]!, true);
      expect(w.cut).toBe(true);
      expect([w.leadIn, w.candles.length]).toEqual([MAX_WINDOW_BARS - 1, MAX_WINDOW_BARS]);
      expect(w.candles.at(-1)![0]).toBe(c.t[0]);
      expect(w.candles[0]![0]).toBe(c.t[0]! - (MAX_WINDOW_BARS - 1) * HOUR);
    });
  });
});
