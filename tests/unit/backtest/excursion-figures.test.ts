// The figures under the report's run-up and drawdown chart (shared/backtest/excursion-figures.ts), worked
// out by hand: the winners' and losers' mean drawdown and the losers' median run-up, counting winners and
// losers as the metrics do (P&L above 0, below 0) and leaving out open trades and trades never measured.
import { describe, expect, it } from 'vitest';
import { excursionFigures, type ExcursionTrade } from '../../../shared/backtest/excursion-figures.ts';

const t = (pnl: number, runUpPct: number, drawdownPct: number, closed = true): ExcursionTrade => ({ closed, pnl, runUpPct, drawdownPct });

describe('excursionFigures', () => {
  it('means the drawdowns of winners and losers apart, and takes the losers’ middle run-up', () => {
    const f = excursionFigures([
      t(50, 4, -0.5),
      t(20, 2, -1.5), // winners: (-0.5 - 1.5) / 2 = -1
      t(-30, 0.5, -2),
      t(-10, 1.5, -1),
      t(-40, 0, -3), // losers: (-2 - 1 - 3) / 3 = -2; run-ups 0, 0.5, 1.5: the middle one is 0.5
    ]);
    expect(f).toEqual({ winners: 2, losers: 3, winnersMeanDrawdownPct: -1, losersMeanDrawdownPct: -2, losersMedianRunUpPct: 0.5 });
  });

  it('takes the mean of the two middle run-ups of an even number of losers', () => {
    // Run-ups 0.2, 1, 3, 7 sorted: (1 + 3) / 2 = 2.
    const f = excursionFigures([t(-1, 7, -1), t(-1, 0.2, -1), t(-1, 3, -1), t(-1, 1, -1)]);
    expect(f.losersMedianRunUpPct).toBe(2);
    expect(f.losersMeanDrawdownPct).toBe(-1);
  });

  it('counts neither a break-even trade, an open one nor one without excursions', () => {
    const f = excursionFigures([t(0, 3, -3), t(100, 9, -9, false), { closed: true, pnl: 5 }, { closed: true, pnl: -5 }, t(10, 1, -0.25)]);
    expect(f).toEqual({ winners: 1, losers: 0, winnersMeanDrawdownPct: -0.25, losersMeanDrawdownPct: Number.NaN, losersMedianRunUpPct: Number.NaN });
  });

  it('gives NaN for both sides of no trades', () => {
    expect(excursionFigures([])).toEqual({ winners: 0, losers: 0, winnersMeanDrawdownPct: Number.NaN, losersMeanDrawdownPct: Number.NaN, losersMedianRunUpPct: Number.NaN });
  });
});
