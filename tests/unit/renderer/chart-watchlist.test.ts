// The watchlist rows: 24 h change from stored candles, live prices moving the change, tick directions.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { applyPrice, candlesForDay, changeFromCandles, formatChangePct, mergeRows } from '../../../renderer/src/features/watchlist/watchlist-model.ts';

const HOUR = 3_600_000;
const bar = (h: number, c: number): Candle => ({ t: h * HOUR, o: c, h: c, l: c, c, v: 1 });

describe('watchlist rows', () => {
  it('takes the 24 h change against the close of the candle a day before the last', () => {
    const candles = Array.from({ length: 30 }, (_, h) => bar(h, 100 + h));
    expect(changeFromCandles('BTC/USDT', candles)).toEqual({ symbol: 'BTC/USDT', last: 129, change24hPct: (129 / 105 - 1) * 100, t: 29 * HOUR, available: true, reference: 105 });
  });

  it('has no change with less than a day of candles, and nothing without candles', () => {
    expect(changeFromCandles('X/Y', [bar(0, 1), bar(5, 2)]).change24hPct).toBeNull();
    expect(changeFromCandles('X/Y', [])).toMatchObject({ last: null, change24hPct: null });
  });

  it('asks for a day of candles plus the reference one', () => {
    expect(candlesForDay(60_000, 20_000)).toBe(1441);
    expect(candlesForDay(HOUR, 20_000)).toBe(25);
    expect(candlesForDay(1_000, 20_000)).toBe(20_000);
  });

  it('moves the last price and its change against the same reference, and ticks up or down', () => {
    const rows = mergeRows([], [{ ...changeFromCandles('BTC/USDT', [bar(0, 100), bar(24, 110)]), exchange: 'local' }]);
    const up = applyPrice(rows, 'BTC/USDT', 120, 25 * HOUR, 'local');
    expect(up[0]).toMatchObject({ last: 120, tick: 'up' });
    expect(up[0]!.change24hPct).toBeCloseTo(20, 10);
    const down = applyPrice(up, 'BTC/USDT', 90, 25 * HOUR, 'local');
    expect(down[0]).toMatchObject({ last: 90, tick: 'down' });
    expect(down[0]!.change24hPct).toBeCloseTo(-10, 10);
    // Another exchange's BTC/USDT, another symbol, or the same price change nothing.
    expect(applyPrice(down, 'BTC/USDT', 95, 0, 'binance')).toBe(down);
    expect(applyPrice(down, 'ETH/USDT', 95, 0)).toBe(down);
    expect(applyPrice(down, 'BTC/USDT', 90, 0)).toBe(down);
  });

  it('keeps tick directions across refreshes from the engine', () => {
    const a = mergeRows([], [{ symbol: 'ETH/USDT', last: 10, change24hPct: 1, t: 1, available: true }]);
    const b = mergeRows(a, [{ symbol: 'ETH/USDT', last: 9, change24hPct: 0.5, t: 2, available: true }]);
    const c = mergeRows(b, [{ symbol: 'ETH/USDT', last: 9, change24hPct: 0.5, t: 3, available: true }]);
    expect([a[0]!.tick, b[0]!.tick, c[0]!.tick]).toEqual(['flat', 'down', 'down']);
  });

  it('writes changes with a sign', () => {
    expect(formatChangePct(1.234)).toBe('+1.23%');
    expect(formatChangePct(-0.5)).toBe('−0.50%');
    expect(formatChangePct(0)).toBe('0.00%');
    // A change that rounds to zero at two decimals has no sign: "−0.00%" and "+0.00%" read as moves.
    expect(formatChangePct(-0.004)).toBe('0.00%');
    expect(formatChangePct(0.001)).toBe('0.00%');
    expect(formatChangePct(-0.005)).toBe('−0.01%');
    expect(formatChangePct(null)).toBe('—');
  });
});
