// A run on daily bars counts each day's loss from the day before's last point, as on hours: the farther
// extreme of the bar before, the last price the app's replay plays before midnight. Before, the end of the
// room's day was set from a daily bar's close (always at midnight) a day late: every other day's last
// point went unheard, its loss counted from two days back, and the kill switch was pulled on days that
// lost 4%: "today's loss of 8.24%" where the day lost 4.30%.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { runPortfolio } from '../../../electron/backtest/run-portfolio.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';
import { handBars } from '../../helpers/hand-bars.ts';

const DAY = 86_400_000;

/** Buys all it may at bar 0's close and holds. */
const holder = defineStrategy({
  name: 'holder',
  description: 'buys once and holds',
  params: {},
  indicators: () => [],
  create(_p, ctx) {
    return {
      onBar(bar) {
        if (bar.index === 0) ctx.buy(ctx.maxBuyQty(bar.c));
      },
    };
  },
});

// A slide of about 4% a day (each day's low under the one before's), then a gap of 10% on day 8.
const days = handBars(
  [
    [100, 100, 100, 100],
    [100, 100, 97, 97],
    [97, 97, 93, 93],
    [93, 93, 89, 89],
    [89, 89, 85, 85],
    [85, 85, 82, 82],
    [82, 82, 78, 78],
    [70, 70, 70, 70],
    [70, 70, 70, 70],
  ],
  DAY,
);
const terms = { def: holder, params: {}, barMs: DAY, risk: riskModeSettings('moderate', undefined, { maxDrawdownPct: 50 }), capital: 10_000, feePct: 0.1, slippageBps: 0 };

describe('the daily loss on daily bars', () => {
  it("counts each day from the day before's last point: no day of the slide reaches 5%, the gap does", () => {
    const r = runBacktest({ ...terms, symbol: 'BTC/USDT', candles: days });
    const pulls = r.notes.filter((n) => n.startsWith('kill switch at'));
    // 2024-01-08 opens at 70 after 78 the day before: 10.3% down, heard at the bar's first point inside it (a third in).
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatch(/^kill switch at 2024-01-08T08:00:00Z: today's loss of 10\.\d+% reached the 5% daily loss limit$/);
    expect(r.halts.map((h) => new Date(h.from).toISOString())).toEqual(['2024-01-08T08:00:00.000Z']);
  });

  it('alike in a portfolio run, which hears the day the same way', () => {
    const p = runPortfolio({ ...terms, markets: [{ symbol: 'BTC/USDT', candles: days }] });
    expect(p.notes.filter((n) => n.startsWith('kill switch at'))).toEqual(runBacktest({ ...terms, symbol: 'BTC/USDT', candles: days }).notes.filter((n) => n.startsWith('kill switch at')));
  });
});
