// The trade list sorted by a header click: largest first, then smallest first, then back to the trades'
// order; ties keep that order, and trades a stored run never measured (no run-up) go last either way.
import { describe, expect, it } from 'vitest';
import type { RunTrade } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { nextSort, sortedTrades } from '../../../renderer/src/features/backtest/trade-sort.ts';

const trade = (pnl: number, held: number, runUpPct?: number) => ({ pnl, returnPct: pnl / 10, entryTs: 0, exitTs: held, runUpPct }) as unknown as RunTrade;

describe('the trade list order', () => {
  const trades = [trade(5, 30, 1), trade(-8, 10, 4), trade(5, 50), trade(12, 20, 2)];

  it('cycles largest first, smallest first, the trades\' order', () => {
    expect(nextSort(null, 'pnl')).toEqual({ key: 'pnl', dir: 'desc' });
    expect(nextSort({ key: 'pnl', dir: 'desc' }, 'pnl')).toEqual({ key: 'pnl', dir: 'asc' });
    expect(nextSort({ key: 'pnl', dir: 'asc' }, 'pnl')).toBeNull();
    expect(nextSort({ key: 'pnl', dir: 'asc' }, 'held')).toEqual({ key: 'held', dir: 'desc' });
  });

  it('sorts the indices by the column, ties in the trades\' order', () => {
    expect(sortedTrades(trades, null)).toEqual([0, 1, 2, 3]);
    expect(sortedTrades(trades, { key: 'pnl', dir: 'desc' })).toEqual([3, 0, 2, 1]);
    expect(sortedTrades(trades, { key: 'pnl', dir: 'asc' })).toEqual([1, 0, 2, 3]);
    expect(sortedTrades(trades, { key: 'held', dir: 'desc' })).toEqual([2, 0, 3, 1]);
  });

  it('puts trades without the figure last', () => {
    expect(sortedTrades(trades, { key: 'runUpPct', dir: 'desc' })).toEqual([1, 3, 0, 2]);
    expect(sortedTrades(trades, { key: 'runUpPct', dir: 'asc' })).toEqual([0, 3, 1, 2]);
  });
});
