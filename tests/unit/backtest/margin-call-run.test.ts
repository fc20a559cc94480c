// A margin call in a backtest: a short held while the price runs away is closed by the risk room when the
// margin level reaches 1.1, at the next bar's open, as a margin venue would; the equity stays above zero,
// the run says so, and the kill switch stays engaged (new entries refused), as after a drawdown breach.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';
import { HAND_T0, HOUR, handBars } from '../../helpers/hand-bars.ts';

/** Sells short with all it may on every bar it is flat: after the call, the engaged switch refuses it. */
const holdShort = defineStrategy({
  name: 'hold-short',
  description: 'short and hold',
  params: {},
  indicators: () => [],
  create: (_p, ctx) => ({
    onBar(bar) {
      if (ctx.hasOpenOrders() || ctx.position() !== 0) return;
      const qty = ctx.maxSellQty(bar.c);
      if (qty > 0) ctx.sell(qty);
    },
  }),
});

const closes = [100, 100, 150, 170, 185, 190, 260, 300];
const bars = handBars(closes.map((c, i) => [i === 0 ? 100 : closes[i - 1]!, Math.max(c, i === 0 ? 100 : closes[i - 1]!), Math.min(c, i === 0 ? 100 : closes[i - 1]!), c] as const));
const run = () =>
  runBacktest({
    def: holdShort,
    params: {},
    symbol: 'BTC/USDT',
    candles: bars,
    barMs: HOUR,
    risk: riskModeSettings('aggressive', undefined, NO_STOPS),
    capital: 10_000,
    feePct: 0,
    slippageBps: 0,
    direction: 'short',
  });

describe('a margin call in a backtest', () => {
  it('closes the short at the open after the close that reached the liquidation level; the equity stays above zero', () => {
    const r = run();
    // Sold 100 at bar 1's open (100): 20,000 of cash. At 185 it owes 18,500: level 1.081 at bar 4's close.
    expect(r.fills.map((f) => [(f.ts - HAND_T0) / HOUR, f.side, f.price, f.qty])).toEqual([
      [1, 'sell', 100, 100],
      [5, 'buy', 185, 100],
    ]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ side: 'short', closed: true, pnl: -8_500 });
    expect(r.metrics.finalEquity).toBe(1_500);
    expect(Math.min(...r.equity)).toBeGreaterThan(0);
    const said = r.notes.join('\n');
    expect(said).toContain('kill switch at 2024-01-01T05:00:00Z: margin call: the margin level fell to 1.08 (20,000 USDT of assets against 18,500 USDT owed on shorts)');
    expect(said).toContain("the risk room's kill switch was pulled once (a margin call that closed every position) and never re-armed; engaged at the end");
    // It tried to short again at the close of each of the three bars after: refused, the switch engaged.
    expect(r.refusals).toBe(3);
    expect(r.halts).toEqual([{ from: HAND_T0 + 5 * HOUR, to: null, reason: expect.stringMatching(/^margin call: /) }]);
  });
});
