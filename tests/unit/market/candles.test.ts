// The candle toolbox: bucketing, resampling, trades into candles, gap finding and CSV rows.
import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../../electron/journal/candle-columns.ts';
import { bucketStart, nests } from '../../../electron/market/candles/bucket.ts';
import { mostDecimals, writeCandleCsv } from '../../../electron/market/candles/candle-csv.ts';
import { findGaps } from '../../../electron/market/candles/gaps.ts';
import { fromColumns, resample, resampleCandles } from '../../../electron/market/candles/resample.ts';
import { toColumns } from '../../../electron/journal/candle-columns.ts';
import { CandleBuilder, tradesToCandles } from '../../../electron/market/candles/trade-candles.ts';
import { candleProblem, type Candle } from '../../../shared/domain/candle.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1); // a Monday

/** A deterministic walk of 1m candles (no Math.random: the test must be the same every run). */
function minutes(n: number, start = T0): Candle[] {
  const out: Candle[] = [];
  let price = 100;
  for (let i = 0; i < n; i++) {
    const o = price;
    price = Math.round((price + Math.sin(i * 1.7) * 3 + Math.cos(i * 0.3)) * 100) / 100;
    const c = price;
    out.push({ t: start + i * MIN, o, h: Math.max(o, c) + (i % 3), l: Math.min(o, c) - (i % 2), c, v: (i % 7) + 0.5 });
  }
  return out;
}

describe('buckets', () => {
  it('puts a moment in its candle: epoch multiples, weeks from Monday', () => {
    expect(bucketStart(T0 + 4 * MIN + 59_999, '5m')).toBe(T0);
    expect(bucketStart(T0 + 5 * MIN, '5m')).toBe(T0 + 5 * MIN);
    expect(bucketStart(Date.UTC(2024, 0, 7, 23), '1w')).toBe(T0); // Sunday → the Monday before
    expect(new Date(bucketStart(Date.UTC(2024, 0, 10), '1w')).getUTCDay()).toBe(1);
    expect(bucketStart(Date.UTC(2024, 0, 1, 13, 7), '4h')).toBe(Date.UTC(2024, 0, 1, 12));
  });

  it('knows which timeframes nest', () => {
    expect(nests('1m', '1w')).toBe(true);
    expect(nests('1m', '1m')).toBe(true);
    expect(nests('15m', '1h')).toBe(true);
    expect(nests('1h', '15m')).toBe(false);
    expect(nests('3d', '1w')).toBe(false);
    expect(nests('1d', '1w')).toBe(true);
  });
});

describe('resampling', () => {
  const src = minutes(60 * 24 + 7); // a day and 7 minutes

  it('aggregates OHLCV correctly into 5m, 15m, 1h, 4h and 1d', () => {
    for (const [tf, size] of [['5m', 5], ['15m', 15], ['1h', 60], ['4h', 240], ['1d', 1440]] as const) {
      const { candles } = resampleCandles(src, '1m', tf);
      expect(candles).toHaveLength(Math.ceil(src.length / size));
      candles.forEach((c, k) => {
        const part = src.slice(k * size, (k + 1) * size);
        expect(c).toEqual({
          t: T0 + k * size * MIN,
          o: part[0]!.o,
          h: Math.max(...part.map((p) => p.h)),
          l: Math.min(...part.map((p) => p.l)),
          c: part.at(-1)!.c,
          v: part.reduce((s, p) => s + p.v!, 0),
        });
        expect(candleProblem(c)).toBeNull();
      });
    }
  });

  it('flags the last bucket partial only when the data stops before it ends', () => {
    expect(resampleCandles(src, '1m', '1h').partialLast).toBe(true); // 7 of 60 minutes
    expect(resampleCandles(src.slice(0, 1440), '1m', '1h').partialLast).toBe(false);
    expect(resampleCandles(src.slice(0, 1440), '1m', '1d').partialLast).toBe(false);
    expect(resampleCandles(src.slice(0, 1439), '1m', '1d').partialLast).toBe(true);
  });

  it('flags the first bucket partial only when the data starts inside it', () => {
    expect(resample(toColumns(src), '1m', '1h').partialFirst).toBe(false);
    expect(resample(toColumns(src.slice(60)), '1m', '4h').partialFirst).toBe(true);
    expect(resample(toColumns(src.slice(60)), '1m', '1h').partialFirst).toBe(false);
    expect(resample(allocateColumns(0), '1m', '1h').partialFirst).toBe(false);
  });

  it('keeps a bucket with a hole as one candle of what is there, and NaN volume when any is unknown', () => {
    const holey = src.slice(0, 60).filter((_, i) => i < 10 || i > 20);
    holey[3] = { ...holey[3]!, v: null };
    const { candles } = resampleCandles(holey, '1m', '15m');
    expect(candles.map((c) => c.t)).toEqual([T0, T0 + 15 * MIN, T0 + 30 * MIN, T0 + 45 * MIN]);
    expect(candles[0]!.v).toBeNull();
    expect(candles[1]!.o).toBe(src[21]!.o);
  });

  it('refuses timeframes that do not nest, and handles empty input', () => {
    expect(() => resample(toColumns(src), '1h', '15m')).toThrow(/cannot resample 1h candles into 15m/);
    expect(() => resample(toColumns(src), '3d', '1w')).toThrow(/not a whole number of 3d candles/);
    const empty = resample(allocateColumns(0), '1m', '1h');
    expect(empty.length).toBe(0);
    expect(empty.partialLast).toBe(false);
  });

  it('1m → 5m → 1h equals 1m → 1h', () => {
    const via = resample(resample(toColumns(src), '1m', '5m'), '5m', '1h');
    expect(fromColumns(via)).toEqual(resampleCandles(src, '1m', '1h').candles);
  });
});

describe('trades into candles', () => {
  // Trades every 7 s over 20 minutes at a moving price.
  const n = 20 * 60 / 7;
  const time = new Float64Array(n);
  const price = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = T0 + 1_000 + i * 7_000;
    price[i] = 100 + Math.round(Math.sin(i / 5) * 500) / 100;
    amount[i] = 0.25 + (i % 4) * 0.125;
  }

  it('builds 1m candles from trades, then any timeframe, agreeing with resampling', () => {
    const m1 = tradesToCandles(time, price, amount, '1m');
    expect(m1.length).toBe(20);
    const first = fromColumns(m1)[0]!;
    const inFirst = [...time.keys()].filter((i) => time[i]! < T0 + MIN);
    expect(first).toEqual({
      t: T0,
      o: price[inFirst[0]!],
      h: Math.max(...inFirst.map((i) => price[i]!)),
      l: Math.min(...inFirst.map((i) => price[i]!)),
      c: price[inFirst.at(-1)!],
      v: inFirst.reduce((s, i) => s + amount[i]!, 0),
    });
    const m5 = tradesToCandles(time, price, amount, '5m', T0 + 20 * MIN);
    expect(m5.partialLast).toBe(false);
    const viaMinutes = resample(m1, '1m', '5m');
    const withoutVolume = (c: Candle) => [c.t, c.o, c.h, c.l, c.c];
    expect(fromColumns(m5).map(withoutVolume)).toEqual(fromColumns(viaMinutes).map(withoutVolume));
    fromColumns(m5).forEach((c, i) => expect(c.v).toBeCloseTo(fromColumns(viaMinutes)[i]!.v!, 9));
    // Without saying the trades are complete, the last candle may still grow.
    expect(tradesToCandles(time, price, amount, '5m').partialLast).toBe(true);
    expect(tradesToCandles(time, price, amount, '1h').length).toBe(1);
  });

  it('refuses trades out of time order', () => {
    const t = Float64Array.of(T0 + 2, T0 + 1);
    expect(() => tradesToCandles(t, Float64Array.of(1, 1), Float64Array.of(1, 1), '1m')).toThrow(/time order/);
  });

  it('streams: add() says when a candle closed and where its values are', () => {
    const b = new CandleBuilder('1m');
    expect(b.add(T0 + 5, 10, 1)).toBe(true);
    expect(b.closedT).toBeNaN();
    expect(b.add(T0 + 6, 12, 2)).toBe(false);
    expect(b.add(T0 + 7, 9, 1)).toBe(false);
    expect(b.endsBy(T0 + MIN - 1)).toBe(false);
    expect(b.endsBy(T0 + MIN)).toBe(true);
    expect(b.add(T0 + MIN + 3, 11, 0.5)).toBe(true);
    expect([b.closedT, b.closedO, b.closedH, b.closedL, b.closedC, b.closedV]).toEqual([T0, 10, 12, 9, 9, 4]);
    expect([b.t, b.o, b.h, b.l, b.c, b.v, b.trades]).toEqual([T0 + MIN, 11, 11, 11, 11, 0.5, 1]);
    // A trade from a candle already closed is dropped and counted, not merged.
    expect(b.add(T0 + 10, 50, 1)).toBe(false);
    expect(b.late).toBe(1);
    expect(b.h).toBe(11);
  });
});

describe('gaps', () => {
  const t = [0, 1, 2, 5, 6, 9].map((i) => T0 + i * MIN);

  it('finds runs of missing open times between candles', () => {
    expect(findGaps(t, '1m')).toEqual([
      { from: T0 + 3 * MIN, to: T0 + 4 * MIN, missing: 2 },
      { from: T0 + 7 * MIN, to: T0 + 8 * MIN, missing: 2 },
    ]);
    expect(findGaps(t.slice(0, 3), '1m')).toEqual([]);
  });

  it('counts the edges of a range, and a whole empty range', () => {
    expect(findGaps(t, '1m', { from: T0 - 2 * MIN, to: T0 + 11 * MIN + 30_000 })).toEqual([
      { from: T0 - 2 * MIN, to: T0 - MIN, missing: 2 },
      { from: T0 + 3 * MIN, to: T0 + 4 * MIN, missing: 2 },
      { from: T0 + 7 * MIN, to: T0 + 8 * MIN, missing: 2 },
      { from: T0 + 10 * MIN, to: T0 + 11 * MIN, missing: 2 },
    ]);
    expect(findGaps([], '1h', { from: T0 + 1, to: T0 + 3 * 3_600_000 })).toEqual([{ from: T0 + 3_600_000, to: T0 + 3 * 3_600_000, missing: 3 }]);
    expect(findGaps(t, '1m', { from: T0 + 5 * MIN, to: T0 + 6 * MIN })).toEqual([]);
  });
});

describe('candle CSV', () => {
  it('writes ISO time, epoch ms and the exact numbers; no volume is an empty field', () => {
    const cols = toColumns([
      { t: T0, o: 0.1 + 0.2, h: 1, l: 0.1, c: 0.5, v: 12.5 },
      { t: T0 + MIN, o: 0.5, h: 0.5, l: 0.5, c: 0.5, v: null },
    ]);
    let text = '';
    expect(writeCandleCsv(cols, (c) => (text += c))).toBe(2);
    expect(text).toBe(
      'time,open_time_ms,open,high,low,close,volume\r\n' +
        `2024-01-01T00:00:00.000Z,${T0},0.30000000000000004,1,0.1,0.5,12.5\r\n` +
        `2024-01-01T00:01:00.000Z,${T0 + MIN},0.5,0.5,0.5,0.5,\r\n`,
    );
  });

  it('writes summed volumes to the decimals of their parts, without float noise', () => {
    expect(mostDecimals(Float64Array.of(2.131777, 0.5, 3, Number.NaN, 1e-7, 1.5e-7))).toBe(8);
    expect(mostDecimals(Float64Array.of(2, Number.NaN))).toBe(0);
    const parts = [2.131777, 0.881378, 1.2, 0.3];
    const sum = parts.reduce((a, b) => a + b); // 4.513155000000001
    const big = 123456789.12 + 0.01; // 123456789.13000001
    const noise = 0.1 + 0.2; // its parts float noise themselves: 15 significant digits
    const cols = toColumns([sum, big, noise, null, 7].map((v, i) => ({ t: T0 + i * MIN, o: 1, h: 1, l: 1, c: 1, v })));
    const volumes = (decimals: number | undefined) => {
      let text = '';
      writeCandleCsv(cols, (c) => (text += c), { volumeDecimals: decimals });
      return text.trim().split('\r\n').slice(1).map((r) => r.split(',')[6]);
    };
    expect(volumes(undefined)).toEqual([String(sum), String(big), '0.30000000000000004', '', '7']);
    expect(volumes(6)).toEqual(['4.513155', '123456789.13', '0.3', '', '7']);
    // Past what a float64 holds to 17 places: 15 significant digits.
    expect(volumes(17)).toEqual(['4.513155', '123456789.13', '0.3', '', '7']);
  });
});
