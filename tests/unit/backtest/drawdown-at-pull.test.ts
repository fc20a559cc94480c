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
    // No close was higher than the capital, where the room's peak is too: the breach itself was inside the bar.
    expect(bt.notes.at(-1)).toBe(
      `the kill switch's drawdown of ${depth}% (at ${at}) is deeper than the max drawdown of ${bt.metrics.maxDrawdownPct.toFixed(2)}%, which is measured at the run's bar closes: ` +
        "the risk room also hears the equity inside the bars (their highs and lows, or each finer bar's close with detail), as on paper, and heard it inside a bar",
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
    expect(bt.notes.at(-1)).toMatch(/^the kill switch's drawdown of 9\.\d\d% \(at [^)]+\) is deeper than the max drawdown of [12]\.\d\d%, which is measured at the run's bar closes: .* as on paper, and heard it inside a bar(, and counted it from a peak of [\d,.]+ USDT heard inside a bar too \(the closes' highest: [\d,.]+ USDT\))?$/);
  });
});

describe('deeperPull and its note', () => {
  it('keeps the deepest pull, measured from the peak the room held', () => {
    const first = deeperPull(null, 1, 9_000, 10_000)!;
    expect(first.at).toBe(1);
    expect(first.peak).toBe(10_000);
    expect(first.depthPct).toBeCloseTo(10, 12);
    expect(deeperPull(first, 2, 9_500, 10_000)).toBe(first);
    const deeper = deeperPull(first, 3, 8_000, 10_000)!;
    expect(deeper.at).toBe(3);
    expect(deeper.depthPct).toBeCloseTo(20, 12);
    // No peak heard yet: nothing to measure from.
    expect(deeperPull(null, 4, 9_000, Number.POSITIVE_INFINITY)).toBeNull();
  });

  // Three 1m bars closing at 10,000, 9,500 and 9,000 from a capital of 10,000.
  const curve = { t: [0, 60_000, 120_000], equity: [10_000, 9_500, 9_000], barMs: 60_000, startEquity: 10_000, quote: 'USDT' };

  it('is silent when the figures agree to the printed hundredth, or the curve went deeper', () => {
    expect(drawdownAtPullNote(null, 3, curve)).toBeNull();
    expect(drawdownAtPullNote({ at: 120_000, depthPct: 10.004, peak: 10_000 }, 10, curve)).toBeNull();
    expect(drawdownAtPullNote({ at: 120_000, depthPct: 5, peak: 10_000 }, 10, curve)).toBeNull();
  });

  it('says the breach was heard inside a bar when it was not at a close', () => {
    expect(drawdownAtPullNote({ at: 100_000, depthPct: 12, peak: 10_000 }, 10, curve)).toBe(
      "the kill switch's drawdown of 12% (at 1970-01-01T00:01:40Z) is deeper than the max drawdown of 10.00%, which is measured at the run's bar closes: " +
        "the risk room also hears the equity inside the bars (their highs and lows, or each finer bar's close with detail), as on paper, and heard it inside a bar",
    );
  });

  it("names the peak heard at a bar's high above every close before the breach, the later closes left out", () => {
    const higherLater = { ...curve, equity: [10_000, 9_500, 10_400] };
    expect(drawdownAtPullNote({ at: 120_000, depthPct: 12, peak: 10_300 }, 10, higherLater)).toMatch(
      /: the risk room also hears .* and counted it from a peak of 10,300.00 USDT heard inside a bar \(the closes' highest: 10,000.00 USDT\)$/,
    );
    expect(drawdownAtPullNote({ at: 100_000, depthPct: 12, peak: 10_300 }, 10, curve)).toMatch(/as on paper, and heard it inside a bar, and counted it from a peak of 10,300.00 USDT heard inside a bar too \(the closes' highest: 10,000.00 USDT\)$/);
  });

  it('says only that the room counts what it heard when neither was inside a bar', () => {
    expect(drawdownAtPullNote({ at: 120_000, depthPct: 12, peak: 10_000 }, 10, curve)).toMatch(/: the risk room counts the equity as it heard it$/);
  });
});
