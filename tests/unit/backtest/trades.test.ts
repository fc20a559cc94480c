// Round trips from fills: in and out, in pieces, through zero, still open at the end.
import { describe, expect, it } from 'vitest';
import { tradesFrom, type FillRow } from '../../../electron/backtest/trades.ts';

const f = (ts: number, side: 'buy' | 'sell', price: number, qty: number, fee: number): FillRow => ({ ts, side, price, qty, fee });

describe('trades from fills', () => {
  it('a long bought in one piece and sold in two; P&L net of every fee', () => {
    const [t] = tradesFrom([f(1, 'buy', 100, 2, 0.2), f(2, 'sell', 110, 1, 0.11), f(3, 'sell', 120, 1, 0.12)], 0, 0);
    // Sold 230, bought 200, fees 0.43: 29.57 on 200 (14.785 %).
    expect(t).toMatchObject({ side: 'long', entryTs: 1, exitTs: 3, entryPrice: 100, exitPrice: 115, qty: 2, closed: true });
    expect(t!.pnl).toBeCloseTo(29.57, 10);
    expect(t!.returnPct).toBeCloseTo(14.785, 10);
  });

  it('a fill through zero closes one trade and opens the next with the rest (fee split by quantity)', () => {
    const ts = tradesFrom([f(1, 'buy', 100, 1, 0.1), f(2, 'sell', 90, 3, 0.3)], 80, 9);
    expect(ts.map((t) => [t.side, t.entryTs, t.exitTs, t.closed])).toEqual([
      ['long', 1, 2, true],
      ['short', 2, 9, false],
    ]);
    expect(ts[0]!.pnl).toBeCloseTo(-10 - 0.1 - 0.1, 10);
    // Short 2 at 90, valued at the last price 80: +20, less its 0.2 of fees.
    expect(ts[1]!.pnl).toBeCloseTo(20 - 0.2, 10);
  });

  it('keeps the quantity of a trade opened through zero free of float drift (0.18 − 0.1 is 0.07999999999999999 in floats)', () => {
    const ts = tradesFrom([f(1, 'buy', 100, 0.1, 0), f(2, 'sell', 100, 0.18, 0), f(3, 'buy', 90, 0.08, 0)], 90, 9);
    expect(ts.map((t) => t.qty)).toEqual([0.1, 0.08]);
    expect(ts[1]).toMatchObject({ side: 'short', closed: true });
  });
});
