// The depth panel's arithmetic: grouping, running totals, depth bars, spread.
import { describe, expect, it } from 'vitest';
import { depthView, groupingSteps, groupLevels } from '../../../renderer/src/features/orderbook/book-depth.ts';
import type { Book } from '../../../renderer/src/features/market/market-types.ts';

const BOOK: Book = {
  symbol: 'BTC/USDT',
  t: 0,
  bids: [
    [100.0, 1],
    [99.9, 2],
    [99.5, 3],
  ],
  asks: [
    [100.2, 0.5],
    [100.3, 1.5],
    [101.0, 4],
  ],
};

describe('order book depth', () => {
  it('runs a total per side from the best price and sizes depth bars against the deeper side', () => {
    const v = depthView(BOOK, 10);
    expect(v.bids.map((r) => [r.price, r.amount, r.total, r.depth])).toEqual([
      [100, 1, 1, 1 / 6],
      [99.9, 2, 3, 3 / 6],
      [99.5, 3, 6, 1],
    ]);
    expect(v.asks.map((r) => r.total)).toEqual([0.5, 2, 6]);
    expect(v.spread).toBeCloseTo(0.2, 10);
    expect(v.mid).toBeCloseTo(100.1, 10);
    expect(v.spreadBps).toBeCloseTo((0.2 / 100.1) * 10_000, 6);
  });

  it('shows at most the rows asked for, totals over those rows', () => {
    const v = depthView(BOOK, 2);
    expect(v.bids).toHaveLength(2);
    expect(v.bids[1]!.depth).toBe(1);
  });

  it('groups bids down and asks up so a grouped level never looks better than its orders', () => {
    expect(groupLevels(BOOK.bids, 1, 'bid')).toEqual([
      [100, 1],
      [99, 5],
    ]);
    expect(groupLevels(BOOK.asks, 1, 'ask')).toEqual([
      [101, 6],
    ]);
    expect(groupLevels(BOOK.asks, 0, 'ask')).toEqual(BOOK.asks);
  });

  it('is empty without a book, and has no spread with one side empty', () => {
    expect(depthView(null, 10)).toEqual({ asks: [], bids: [], spread: null, spreadBps: null, mid: null });
    expect(depthView({ ...BOOK, asks: [] }, 10).spread).toBeNull();
  });

  it('offers grouping steps that fit the price', () => {
    expect(groupingSteps(47_000, 0.01)).toEqual([0, 0.1, 1, 10]);
    expect(groupingSteps(0.5, 0.0001)).toEqual([0, 0.001, 0.01]);
    expect(groupingSteps(null, 0.01)).toEqual([0]);
  });
});
