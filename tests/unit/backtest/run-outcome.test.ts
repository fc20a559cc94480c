// What the app's run worker sends the page for a run of one market (run-outcome.ts): beside its equity, the
// market's buy and hold as the HTML report draws it (the capital buying the first open with the fee on top,
// held), at the equity's points, so the page can draw it as it draws a portfolio's basket. Its last point is
// the buy and hold the runs table lists (metrics.buyHoldReturnPct).
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { runOutcome } from '../../../electron/backtest/run-outcome.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';

const HOUR = 3_600_000;
// More bars than the page's 2,000 points a curve: the equity is thinned, the benchmark sampled at its points.
const N = 3_000;
const closes = Array.from({ length: N }, (_, i) => 100 * 4 ** (i / (N - 1)) * (1 + 0.05 * Math.sin(i / 7)));
// The first bar opens away from its close: the benchmark buys at the open, not the close.
const candles = synthetic(closes, { barMs: HOUR, opens: [98] });

describe("the app's outcome of a run of one market", () => {
  it("carries the market's buy and hold at the equity's points, ending where the run's buy and hold says", () => {
    const { def, params } = strategyWithParams('sma-cross', { fast: 5, slow: 20 });
    const r = runBacktest({ def, params, symbol: 'TST/USDT', candles, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    const out = runOutcome(r, candles, null);

    expect(out.equity.length).toBeLessThan(N);
    expect(out.basket?.map(([t]) => t)).toEqual(out.equity.map(([t]) => t));
    // The capital buys the first open with the fee on top: 10,000 / (98 × 1.001) units, worth their close.
    expect(out.basket![0]![1]).toBeCloseTo((10_000 / (98 * 1.001)) * closes[0]!, 6);
    const bh = out.metrics['buyHoldReturnPct']!;
    expect(bh).toBeGreaterThan(200);
    expect(out.basket!.at(-1)![1]).toBeCloseTo(10_000 * (1 + bh / 100), 6);
    // Still no markets: it is no portfolio.
    expect(out.markets).toBeUndefined();
  });
});
