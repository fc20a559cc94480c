// A drawdown breach heard inside a bar, deeper than any close: the kill switch's figure and the run's max
// drawdown differ, and the notes say why instead of leaving one of them to look wrong.
//
// The candles are made here: flat bars (open = high = low = close) but for the one that dips.
import { describe, expect, it } from 'vitest';
import { deeperPull, drawdownAtPullNote } from '../../../electron/backtest/drawdown-at-pull.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { runPortfolio } from '../../../electron/backtest/run-portfolio.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import type { LimitsPatch } from '../../../shared/risk/validate-limits.ts';
import { flatBars } from './synthetic.ts';

const T0 = Date.UTC(2024, 0, 2, 6, 10);
const MIN = 60_000;

/**
 * rsi-reversion (period 5) buys the fall with the whole account (filled at bar 11's open, 97). Bar 14
 * dips to 88, 9.3% under the buy, and closes at 95; the price then climbs back past 100.
 */
const PRICES = [100, 101, 100, 101, 100, 101, 100, 101, 100, 99, 98, 97, 96, 95, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104];
const DIP = 14;
const candles = () => flatBars(T0, PRICES, { [DIP]: { o: 95, h: 95, l: 88 } });
// The daily loss limit out of the way: the drawdown limit is the one that breaches.
const LIMITS: LimitsPatch = { maxDrawdownPct: 7, dailyLossLimitPct: 50 };

const run = (limits: LimitsPatch) => {
  const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
  return runBacktest({ def, params, symbol: 'BTC/USDT', candles: candles(), barMs: MIN, risk: riskModeSettings('moderate', undefined, limits), capital: 10_000, feePct: 0.1, slippageBps: 0 });
};

describe('a drawdown breach heard inside a bar', () => {
  it("pulls the kill switch at the bar's low while every close stays above the limit, and the notes say why the two figures differ", () => {
    const bt = run(LIMITS);
    expect(bt.fills[0]).toMatchObject({ side: 'buy', ts: T0 + 11 * MIN, price: 97 });
    const notes = bt.notes.join('\n');
    const at = new Date(T0 + DIP * MIN + 40_000).toISOString().replace('.000Z', 'Z');
    const pulled = new RegExp(`kill switch at ${at}: a drawdown of (\\d+(?:\\.\\d+)?)% from the equity peak reached the 7% limit`).exec(notes);
    expect(pulled).not.toBeNull();
    const depth = Number(pulled![1]);
    expect(depth).toBeGreaterThan(9);
    // The curve's worst close is bar 13's 95 (the dip's close too): about 2% under the buy and its fee.
    expect(bt.metrics.maxDrawdownPct).toBeGreaterThan(1.5);
    expect(bt.metrics.maxDrawdownPct).toBeLessThan(3);
    expect(bt.notes.at(-1)).toBe(
      `the kill switch's drawdown of ${depth}% (at ${at}) is deeper than the max drawdown of ${bt.metrics.maxDrawdownPct.toFixed(2)}%: ` +
        "the risk room hears the equity inside the bars (at their highs and lows, or at each finer bar's close with detail), as on paper, while the max drawdown is measured at the run's bar closes",
    );
  });

  it('says nothing when the breach closed the position there (closeOnLossLimit): the curve then holds the loss', () => {
    const bt = run({ ...LIMITS, closeOnLossLimit: true });
    expect(bt.fills.map((f) => [f.side, f.price])).toEqual([
      ['buy', 97],
      ['sell', 88],
    ]);
    expect(bt.metrics.maxDrawdownPct).toBeGreaterThan(9);
    expect(bt.notes.join('\n')).not.toContain('deeper than the max drawdown');
  });

  it('says nothing when no drawdown limit was reached', () => {
    const bt = run({ dailyLossLimitPct: 50 });
    expect(bt.notes.join('\n')).not.toContain('kill switch');
  });

  it('says the same of a portfolio run', () => {
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runPortfolio({ def, params, markets: [{ symbol: 'BTC/USDT', candles: candles() }], barMs: MIN, risk: riskModeSettings('moderate', undefined, LIMITS), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    expect(bt.notes.at(-1)).toMatch(/^the kill switch's drawdown of 9\.\d\d% \(at [^)]+\) is deeper than the max drawdown of [12]\.\d\d%/);
  });
});

describe('deeperPull and its note', () => {
  it('keeps the deepest pull, measured from the peak the room held', () => {
    const first = deeperPull(null, 1, 9_000, 10_000)!;
    expect(first.at).toBe(1);
    expect(first.depthPct).toBeCloseTo(10, 12);
    expect(deeperPull(first, 2, 9_500, 10_000)).toBe(first);
    const deeper = deeperPull(first, 3, 8_000, 10_000)!;
    expect(deeper.at).toBe(3);
    expect(deeper.depthPct).toBeCloseTo(20, 12);
    // No peak heard yet: nothing to measure from.
    expect(deeperPull(null, 4, 9_000, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('is silent when the figures agree to the printed hundredth, or the curve went deeper', () => {
    expect(drawdownAtPullNote(null, 3)).toBeNull();
    expect(drawdownAtPullNote({ at: 0, depthPct: 20.004 }, 20)).toBeNull();
    expect(drawdownAtPullNote({ at: 0, depthPct: 20 }, 61.48)).toBeNull();
    expect(drawdownAtPullNote({ at: Date.UTC(2023, 5, 9, 2, 40), depthPct: 20.06 }, 19.4)).toMatch(/^the kill switch's drawdown of 20\.1% \(at 2023-06-09T02:40:00Z\) is deeper than the max drawdown of 19\.40%: /);
  });
});
