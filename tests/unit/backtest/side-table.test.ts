// The Sides table (side-table.ts) over hand-made trades: each side's count, win rate, P&L and profit
// factor, worked out by hand; and the rows a comparison adds, only when a run could short.
import { describe, expect, it } from 'vitest';
import { sideBreakdown } from '../../../shared/backtest/sides.ts';
import { sideSummaryRows, sidesExtra } from '../../../electron/backtest/side-table.ts';
import { runLabel } from '../../../electron/backtest/summary-table.ts';

const t = (side: 'long' | 'short', pnl: number, returnPct: number, closed = true) => ({ side, pnl, returnPct, closed });
// Longs: +100, -50 (one open +999 is not counted). Shorts: +30, +20, -10.
const trades = [t('long', 100, 2), t('short', 30, 1), t('long', -50, -1), t('short', 20, 0.5), t('short', -10, -0.3), t('long', 999, 9, false)];

describe('trades by side', () => {
  it('counts closed trades per side: win rate, P&L, averages and profit factor', () => {
    const [long, short] = sideBreakdown(trades);
    expect(long).toEqual({ side: 'long', trades: 2, winRatePct: 50, pnl: 50, avgPnl: 25, avgReturnPct: 0.5, profitFactor: 2 });
    expect(short!.side).toBe('short');
    expect(short!.trades).toBe(3);
    expect(short!.winRatePct).toBeCloseTo(200 / 3, 10);
    expect(short!.pnl).toBe(40);
    expect(short!.avgReturnPct).toBeCloseTo(0.4, 12);
    expect(short!.profitFactor).toBe(5);
    // A side without a loser has an infinite profit factor; a side without a closed trade is left out.
    expect(sideBreakdown([t('short', 5, 1)])).toEqual([{ side: 'short', trades: 1, winRatePct: 100, pnl: 5, avgPnl: 5, avgReturnPct: 1, profitFactor: Infinity }]);
    expect(sideBreakdown([t('long', 5, 1, false)])).toEqual([]);
  });

  it('is a table for a run that could short, titled with its direction, and nothing for a long-only run', () => {
    expect(sidesExtra({ direction: 'both', trades })!.rows).toEqual([
      ['side', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return', 'profit factor'],
      ['long', '2', '50.00%', '50.00', '25.00', '0.50%', '2.00'],
      ['short', '3', '66.67%', '40.00', '13.33', '0.40%', '5.00'],
    ]);
    expect(sidesExtra({ direction: 'short', trades: [] })).toEqual({ title: 'Sides (short only)', rows: [['side', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return', 'profit factor'], ['(no closed trade)', '0', '–', '–', '–', '–', '–']] });
    expect(sidesExtra({ direction: 'long', trades })).toBeNull();
    expect(sidesExtra({ trades })).toBeNull();
  });

  it('adds long and short rows to a comparison only when a run could short, and names the direction in the label', () => {
    const longOnly = { direction: 'long' as const, trades: [t('long', 10, 1)] };
    expect(sideSummaryRows([longOnly, longOnly])).toEqual([]);
    expect(sideSummaryRows([{ direction: 'both', trades }])).toEqual([]);
    expect(sideSummaryRows([longOnly, { direction: 'both', trades }])).toEqual([
      ['long trades', '1', '2'],
      ['long P&L', '10.00', '50.00'],
      ['short trades', '0', '3'],
      ['short P&L', '0.00', '40.00'],
    ]);
    const base = { strategy: 'sma-cross', params: { fast: 10 }, mode: 'moderate' };
    expect(runLabel(base)).toBe('sma-cross(fast=10) moderate');
    expect(runLabel({ ...base, direction: 'long' })).toBe('sma-cross(fast=10) moderate');
    expect(runLabel({ ...base, direction: 'short' })).toBe('sma-cross(fast=10) moderate short');
    expect(runLabel({ ...base, direction: 'both' })).toBe('sma-cross(fast=10) moderate long+short');
  });
});
