// A trade's window of bars at full resolution: the bars opening inside it, the strategy's indicators at
// each with the values computed from the run's first bar (an EMA's value late in a run is not the one a
// window would warm up to), no more than MAX_WINDOW_BARS, and a clear refusal of a window with no bars.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { MAX_WINDOW_BARS, tradeWindow } from '../../../electron/backtest/trade-window.ts';
import type { IndicatorUse } from '../../../electron/strategies/strategy.ts';
import { ema } from '../../../shared/indicators/ema.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const HOUR = 3_600_000;

async function btc1h(toExclusive = Date.UTC(2022, 0, 1)) {
  const file = path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
  return (await candlesFromFile(file, { from: Date.UTC(2021, 0, 1), toExclusive })).candles;
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
});
