// Indicators on a longer timeframe than the strategy's bars ({ ..., timeframe: '4h' } on 1h bars): the bars
// rolled up on the timeframe's boundaries, the indicator computed on them, and at each bar the value of the
// last longer bar closed by its close. Held to hand-worked bars, to the resampler and kernels Keel already
// trusts, to the same numbers live as in a backtest, and to never showing a longer bar before it closes.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { indicatorLines } from '../../../electron/backtest/indicator-lines.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { resample } from '../../../electron/market/candles/resample.ts';
import { growingHistory, historyOver, type IndicatorPlan } from '../../../electron/strategies/bar-history.ts';
import { rollUp } from '../../../electron/strategies/longer-timeframe.ts';
import { warmupOf } from '../../../electron/strategies/registry.ts';
import { defineStrategy, type IndicatorUse } from '../../../electron/strategies/strategy.ts';
import { sma } from '../../../shared/indicators/sma.ts';
import { HOUR, handBars } from '../../helpers/hand-bars.ts';
import { readBtc1m } from '../../helpers/indicator-candles.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1);

/** `n` 1h bars from `start`, each closing `i + 1` (so a 4h bar's close is its last hour's), high close + 0.5, low close - 0.5. */
function hours(n: number, start = T0): CandleColumns {
  return handBars(
    Array.from({ length: n }, (_, i) => [i + 0.5, i + 1.5, i, i + 1] as const),
    HOUR,
    start,
  );
}

const columnsOf = (c: CandleColumns) => [c.t, c.o, c.h, c.l, c.c, c.v];
const same = (a: number, b: number) => Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

describe('rolling bars up into a longer timeframe', () => {
  it('leaves out the 4h bar the data starts inside of, and shows each 4h bar from the close of its last hour', () => {
    // From 01:00: 01..03 are the rest of the 00:00 bar (left out); 04..07 and 08..11 make two whole 4h bars.
    const c = hours(11, T0 + HOUR);
    const { cols, at } = rollUp(columnsOf(c), c.length, HOUR, '4h');
    expect(Array.from(cols[0]!, (t) => (t - T0) / HOUR)).toEqual([4, 8]);
    // Open of the first hour, highest high, lowest low, close of the last, summed volume.
    expect([cols[1]![0], cols[2]![0], cols[3]![0], cols[4]![0], cols[5]![0]]).toEqual([3.5, 7.5, 3, 7, 4e6]);
    // Each is shown from the close of its last hour (07:00 and 11:00).
    expect(Array.from(at)).toEqual([-1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 1]);
  });

  it('counts a 4h bar with hours missing inside it, and shows it once a later bar has started', () => {
    // Hours 0..11 without 06:00 and 07:00: the 04:00 bar ends without its last two hours.
    const keep = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11];
    const gapped = handBars(keep.map((i) => [i + 0.5, i + 1.5, i, i + 1] as const));
    keep.forEach((hour, k) => (gapped.t[k] = T0 + hour * HOUR));
    const { cols, at } = rollUp(columnsOf(gapped), gapped.length, HOUR, '4h');
    expect(Array.from(cols[4]!)).toEqual([4, 6, 12]);
    // It is shown from the close of 08:00, the first hour after it.
    expect(Array.from(at)).toEqual([-1, -1, -1, 0, 0, 0, 1, 1, 1, 2]);
  });

  it('keeps every longer bar of sparse data, where each holds a single bar', () => {
    // One hour in every 4h bar (00:00, 04:00, ... for two days): twelve 4h bars of one hour each.
    const sparse = handBars(Array.from({ length: 12 }, (_, i) => [i + 0.5, i + 1.5, i, i + 1] as const), 4 * HOUR);
    const { cols, at } = rollUp(columnsOf(sparse), sparse.length, HOUR, '4h');
    expect(Array.from(cols[4]!)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // Each is shown from the next bar's close, when a later one has started.
    expect(Array.from(at)).toEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives the bars, the opens and the closes the resampler gives for whole buckets', () => {
    const bars = readBtc1m(3000);
    const c: CandleColumns = { t: bars.time, o: bars.open, h: bars.high, l: bars.low, c: bars.close, v: bars.volume, length: bars.close.length };
    const { cols } = rollUp(columnsOf(c), c.length, MINUTE, '15m');
    const r = resample(c, '1m', '15m');
    // The resampler keeps a first bucket the data starts inside of; the roll-up does not.
    const skip = r.t[0] === c.t[0] ? 0 : 1;
    const whole = cols[0]!.length;
    expect(whole).toBeGreaterThan(150);
    for (const [k, col] of cols.entries()) expect(Array.from(col)).toEqual(Array.from(columnsOf(r)[k]!.subarray(skip, skip + whole)));
  });
});

describe('an indicator on a longer timeframe', () => {
  const SMA3_4H: IndicatorUse = { name: 'sma', params: { period: 3 }, warmup: 2, timeframe: '4h' };

  it('reads, at each hour, the SMA of the last three 4h closes closed by then', () => {
    const c = hours(24);
    const h = historyOver(c, c.length, { uses: [SMA3_4H], strategy: 't', barMs: HOUR });
    const seen: number[] = [];
    for (let i = 0; i < c.length; i++) {
      h.advance();
      seen.push(h.history.indicators[0]!.ago(0));
    }
    // 4h closes: 4, 8, 12, 16, 20, 24, closed at hours 3, 7, 11, 15, 19, 23. SMA(3) from the third: 8, 12, 16, 20.
    expect(seen.slice(0, 11).every(Number.isNaN)).toBe(true);
    expect(seen.slice(11)).toEqual([8, 8, 8, 8, 12, 12, 12, 12, 16, 16, 16, 16, 20]);
  });

  it('never shows a longer bar before it closes: each bar reads the same on the whole data as on the data up to it', () => {
    const bars = readBtc1m(1500);
    const c: CandleColumns = { t: bars.time, o: bars.open, h: bars.high, l: bars.low, c: bars.close, v: bars.volume, length: bars.close.length };
    const uses: IndicatorUse[] = [
      { name: 'ema', params: { period: 5 }, warmup: 4, timeframe: '15m' },
      { name: 'atr', params: { period: 3 }, warmup: 3, timeframe: '1h' },
    ];
    const whole = indicatorLines(uses, 't', c, MINUTE).map((l) => l.values);
    for (let i = 100; i < c.length; i += 37) {
      const prefix: CandleColumns = { t: c.t.subarray(0, i + 1), o: c.o.subarray(0, i + 1), h: c.h.subarray(0, i + 1), l: c.l.subarray(0, i + 1), c: c.c.subarray(0, i + 1), v: c.v.subarray(0, i + 1), length: i + 1 };
      const upTo = indicatorLines(uses, 't', prefix, MINUTE).map((l) => l.values);
      for (let k = 0; k < uses.length; k++) expect(Object.is(upTo[k]![i], whole[k]![i])).toBe(true);
    }
    expect(whole.every((col) => col.some(Number.isFinite))).toBe(true);
  });

  it('gives a strategy the same numbers live, a bar at a time, as in a backtest, gaps included', () => {
    const bars = readBtc1m(4000);
    // An outage: 90 minutes missing in the middle.
    const keep = Array.from({ length: bars.close.length }, (_, i) => i).filter((i) => i < 2000 || i >= 2090);
    const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
    const cols = { t: pick(bars.time), o: pick(bars.open), h: pick(bars.high), l: pick(bars.low), c: pick(bars.close), v: pick(bars.volume) };
    const n = keep.length;
    const plan: IndicatorPlan = {
      uses: [
        { name: 'sma', params: { period: 4 }, warmup: 3, timeframe: '15m' },
        { name: 'rsi', params: { period: 14 }, warmup: 14, timeframe: '5m' },
        { name: 'bollinger', params: { period: 5 }, output: 'lower', warmup: 4, timeframe: '15m' },
        { name: 'sma', params: { period: 4 }, warmup: 3 },
      ],
      strategy: 't',
      barMs: MINUTE,
    };
    const backtest = historyOver(cols, n, plan);
    const live = growingHistory(16, plan);
    let valued = 0;
    for (let i = 0; i < n; i++) {
      backtest.advance();
      live.push(cols.t[i]!, cols.o[i]!, cols.h[i]!, cols.l[i]!, cols.c[i]!, cols.v[i]!);
      for (let k = 0; k < plan.uses.length; k++) {
        const a = backtest.history.indicators[k]!.ago(0);
        expect(same(a, live.history.indicators[k]!.ago(0))).toBe(true);
        if (Number.isFinite(a)) valued++;
      }
    }
    expect(valued).toBeGreaterThan(3 * n);
  });

  it('is what a backtest strategy reads: the SMA of the resampled closes, stepping at each 4h close', () => {
    const bars = readBtc1m(6000);
    const c: CandleColumns = { t: bars.time, o: bars.open, h: bars.high, l: bars.low, c: bars.close, v: bars.volume, length: bars.close.length };
    const read: number[] = [];
    const def = defineStrategy({
      name: 'reader',
      description: 'records its 1h SMA',
      params: {},
      indicators: () => [{ name: 'sma', params: { period: 3 }, warmup: 2, timeframe: '1h' }],
      create: (_p, ctx) => ({ onBar: () => void read.push(ctx.indicators[0]!.ago(0)) }),
    });
    runBacktest({ def, params: {}, symbol: 'BTC/USDT', candles: c, barMs: MINUTE, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0 });
    const hourly = resample(c, '1m', '1h');
    const first = hourly.t[0] === c.t[0] ? 0 : 1;
    const want = sma(hourly.c.subarray(first), 3);
    for (let i = 0; i < c.length; i++) {
      // The last whole hour closed by this minute's close.
      let k = -1;
      for (let j = first; j < hourly.length && hourly.t[j]! + HOUR <= c.t[i]! + MINUTE; j++) k = j - first;
      expect(Object.is(read[i], k < 0 ? Number.NaN : want[k]!)).toBe(true);
    }
    expect(read.filter(Number.isFinite).length).toBeGreaterThan(5000);
  });

  it('counts its warm-up in its own bars, and one more for the first whole one', () => {
    const def = defineStrategy({ name: 'w', description: '', params: {}, indicators: () => [SMA3_4H, { name: 'sma', params: { period: 5 }, warmup: 4 }], create: () => ({ onBar() {} }) });
    // Three 4h bars after up to three hours of a 4h bar the data starts inside of: (2 + 2) × 4 − 2.
    expect(warmupOf(def, {}, HOUR)).toBe(14);
    // On 15m bars: (2 + 2) × 16 − 2.
    expect(warmupOf(def, {}, 15 * MINUTE)).toBe(62);
  });

  it('refuses a timeframe that is not longer than the bars or not made of them, naming the ones that are', () => {
    const c = hours(10);
    const on = (timeframe: string, barMs: number) => () => historyOver(c, c.length, { uses: [{ ...SMA3_4H, timeframe: timeframe as '4h' }], strategy: 'trend', barMs });
    expect(on('1h', HOUR)).toThrow('trend: indicator 1 is on 1h, which is not a longer timeframe of whole 1h bars; on 1h bars an indicator can be on 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w');
    expect(on('4h', 3 * HOUR * 24)).toThrow('trend: indicator 1 is on 4h, which is not a longer timeframe of whole 3d bars; on 3d bars an indicator can be on no longer timeframe');
    expect(on('5h', HOUR)).toThrow('trend: indicator 1 (sma): timeframe "5h" is not one Keel knows; use one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w');
    expect(() => growingHistory(16, { uses: [{ ...SMA3_4H, timeframe: '15m' }], strategy: 'trend', barMs: HOUR })).toThrow(/is on 15m, which is not a longer timeframe of whole 1h bars/);
  });
});
