// Trades gathered into candles, on hand-made trades whose candles are worked out by hand below.
import { describe, expect, it } from 'vitest';
import { fromColumns } from '../../../electron/market/candles/resample.ts';
import { GrowingTrades } from '../../../electron/market/import/growing-trades.ts';
import { candlesFromTrades } from '../../../electron/market/import/trades-into-candles.ts';
import type { Timeframe } from '../../../shared/domain/timeframe.ts';

const SEC = 1000;
const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1); // Monday 2024-01-01 00:00 UTC

type Trade = [t: number, price: number, amount: number];

function gather(trades: Trade[], timeframe: Timeframe = '1m') {
  const rows = new GrowingTrades();
  for (const [t, p, q] of trades) rows.push(t, p, q);
  const { columns, order } = candlesFromTrades(rows.finish(), timeframe);
  return { candles: fromColumns(columns), order };
}

// Four trades in the first minute, one in the second, none in the third, two in the fourth.
const TRADES: Trade[] = [
  [T0 + 5 * SEC, 100, 1],
  [T0 + 20 * SEC, 103, 0.5],
  [T0 + 40 * SEC, 99, 2],
  [T0 + MIN - 1, 101, 1],
  [T0 + MIN, 102, 3],
  [T0 + 3 * MIN + 1, 98, 0.25],
  [T0 + 3 * MIN + 30 * SEC, 97.5, 0.75],
];

describe('candlesFromTrades', () => {
  it('opens at the first trade, closes at the last, takes the extremes and sums the amounts', () => {
    expect(gather(TRADES).candles).toEqual([
      { t: T0, o: 100, h: 103, l: 99, c: 101, v: 4.5 },
      { t: T0 + MIN, o: 102, h: 102, l: 102, c: 102, v: 3 },
      // 00:02 had no trade: no candle is invented for it.
      { t: T0 + 3 * MIN, o: 98, h: 98, l: 97.5, c: 97.5, v: 1 },
    ]);
  });

  it('puts a trade at a candle boundary in the candle it opens, and one a millisecond before in the one before', () => {
    const { candles } = gather([
      [T0 + 5 * MIN - 1, 10, 1],
      [T0 + 5 * MIN, 20, 2],
      [T0 + 10 * MIN - 1, 30, 3],
      [T0 + 10 * MIN, 40, 4],
    ], '5m');
    expect(candles).toEqual([
      { t: T0, o: 10, h: 10, l: 10, c: 10, v: 1 },
      { t: T0 + 5 * MIN, o: 20, h: 30, l: 20, c: 30, v: 5 },
      { t: T0 + 10 * MIN, o: 40, h: 40, l: 40, c: 40, v: 4 },
    ]);
  });

  it('counts candles from 00:00 UTC, and weeks from Mondays', () => {
    const wed = T0 + 2 * 86_400_000 + 13 * 3_600_000; // Wednesday 13:00
    expect(gather([[wed + 17 * MIN, 5, 1]], '4h').candles[0]!.t).toBe(T0 + 2 * 86_400_000 + 12 * 3_600_000);
    expect(gather([[wed, 5, 1]], '1d').candles[0]!.t).toBe(T0 + 2 * 86_400_000);
    expect(gather([[wed, 5, 1]], '1w').candles[0]!.t).toBe(T0);
  });

  it('gives one candle when every trade falls in one bucket', () => {
    const { candles } = gather(TRADES, '1h');
    expect(candles).toEqual([{ t: T0, o: 100, h: 103, l: 97.5, c: 97.5, v: 8.5 }]);
  });

  it('sorts trades out of time order first, and says so', () => {
    const shuffled = [TRADES[4]!, TRADES[0]!, TRADES[6]!, TRADES[2]!, TRADES[1]!, TRADES[5]!, TRADES[3]!];
    const got = gather(shuffled);
    expect(got.order).toBe('unordered');
    expect(got.candles).toEqual(gather(TRADES).candles);
    expect(gather(TRADES).order).toBe('ascending');
  });

  it('reads a newest-first file backwards', () => {
    const got = gather([...TRADES].reverse());
    expect(got.order).toBe('descending');
    expect(got.candles).toEqual(gather(TRADES).candles);
  });

  it('keeps trades of the same millisecond in file order, so the later line closes the candle', () => {
    const t = T0 + 30 * SEC;
    const unordered = gather([
      [T0 + 20 * SEC, 1, 1],
      [t, 5, 1],
      [t, 6, 1],
      [T0 + 10 * SEC, 7, 1],
    ]);
    expect(unordered.order).toBe('unordered');
    expect(unordered.candles).toEqual([{ t: T0, o: 7, h: 7, l: 1, c: 6, v: 4 }]);
    expect(gather([[t, 5, 1], [t, 6, 1], [t, 4, 1]]).candles).toEqual([{ t: T0, o: 5, h: 6, l: 4, c: 4, v: 3 }]);
  });
});
