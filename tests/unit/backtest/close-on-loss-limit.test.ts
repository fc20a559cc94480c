// A backtest whose loss limits close the positions (--limits closeOnLossLimit=true): the breach closes the
// position where the risk room heard it, at the point of the bar's path that reached the limit when that
// was an extreme (as the app's next tick would fill it), not at the next bar's open; at the next open when
// the breach was at a close. The drawdown then stops near the limit instead of riding the position down.
//
// The candles are made here: flat bars (open = high = low = close) but for the ones whose extremes matter.
import { describe, expect, it } from 'vitest';
import { drawdownHint } from '../../../electron/backtest/halted-hint.ts';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import type { LimitsPatch } from '../../../shared/risk/validate-limits.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { flatBars } from './synthetic.ts';

const T0 = Date.UTC(2024, 0, 2, 6, 10);
const MIN = 60_000;

/**
 * rsi-reversion (period 5) buys the fall (filled at bar 11's open, 97) with the whole account. Bar 16 dips
 * to 90 (7% under the buy, past the 5% daily loss limit) and closes back at 93; the price then slides to
 * 80 and stays there, under any exit the strategy would take.
 */
const PRICES = [100, 101, 100, 101, 100, 101, 100, 101, 100, 99, 98, 97, 96, 95, 94, 93.5, 93, 92, 90, 88, 86, 84, 82, 80, 80, 80, 80, 80];
const DIP = 16;
const candles = () => flatBars(T0, PRICES, { [DIP]: { o: 93.5, h: 93.5, l: 90 } });

const run = (limits: LimitsPatch) => {
  const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
  return runBacktest({ def, params, symbol: 'BTC/USDT', candles: candles(), barMs: MIN, risk: riskModeSettings('moderate', undefined, limits), capital: 10_000, feePct: 0.1, slippageBps: 0 });
};

describe('a backtest whose loss limits close the positions', () => {
  it("sells at the low that breached the daily loss limit, two thirds into the bar, and the drawdown stops there", () => {
    const bt = run({ closeOnLossLimit: true });
    const at = T0 + DIP * MIN + 40_000;
    expect(bt.fills.map((f) => [f.side, f.ts, f.price])).toEqual([
      ['buy', T0 + 11 * MIN, 97],
      ['sell', at, 90],
    ]);
    expect(bt.trades[0]).toMatchObject({ exitTag: 'kill switch', exitPrice: 90 });
    // The bar's close counts the cash the sale left, not the position it no longer holds.
    const flat = bt.equity[DIP]!;
    expect(flat).toBeCloseTo(bt.equity.at(-1)!, 9);
    expect(bt.metrics.maxDrawdownPct).toBeLessThan(7.5);
    expect(bt.notes.join('\n')).toContain(`kill switch at ${new Date(at).toISOString().replace('.000Z', 'Z')}: today's loss of 7.`);
    expect(bt.notes.join('\n')).toContain('every open position is closed at the next price (closeOnLossLimit)');
    expect(bt.notes.at(-1)).toBe(
      "the risk room's kill switch was pulled once, closing the open positions (closeOnLossLimit), and never re-armed; engaged at the end (today's loss of 7.23% reached the 5% daily loss limit), so new entries were refused from then on",
    );
    expect(bt.lossLimits).toEqual({ dailyLossLimitPct: 5, maxDrawdownPct: 20, closeOnLossLimit: true, rearmAfterDays: null });
    expect(drawdownHint(bt)).toBeNull();
    // The report's title names it after the mode, as the app's runs table does.
    expect(reportHtml(bt, candles(), { timeframe: '1m', source: 'made here' })).toContain('<h1>rsi-reversion period=5 lower=30 upper=70 · BTC/USDT 1m · moderate · closes at loss limit</h1>');
  });

  it('by default keeps the position through the slide: the drawdown runs past its 10% limit, and the hint says how to close at the breach', () => {
    const bt = run({ maxDrawdownPct: 10 });
    expect(bt.fills.map((f) => f.side)).toEqual(['buy']);
    expect(bt.metrics.maxDrawdownPct).toBeGreaterThan(15);
    expect(reportHtml(bt, candles(), { timeframe: '1m', source: 'made here' })).toContain('<h1>rsi-reversion period=5 lower=30 upper=70 · BTC/USDT 1m · moderate</h1>');
    expect(drawdownHint(bt)).toMatch(
      /^the drawdown reached 1\d\.\d+%, past the 10% limit: a breach blocks new entries and leaves an open position to its stop and the strategy's exit; --limits closeOnLossLimit=true closes them at the breach/,
    );
  });

  it('a limit reached while flat (a stop took the loss) closes nothing, and the notes do not say it did', () => {
    // The whole account in the buy at 97 (custom mode, a 6% stop risking 6%); the stop fills at 91.18 inside
    // the dip, and the bar closes flat, 6% down on the day.
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles: candles(), barMs: MIN, risk: riskModeSettings('custom', 1, { closeOnLossLimit: true, defaultStopPct: 6 }), capital: 10_000, feePct: 0.1, slippageBps: 0, exits: { stopLossPct: 6, takeProfitPct: null } });
    expect(bt.fills.map((f) => [f.side, f.price])).toEqual([
      ['buy', 97],
      ['sell', 91.18],
    ]);
    const notes = bt.notes.join('\n');
    expect(notes).toMatch(/kill switch at [^:]+:\d\d:\d\dZ: today's loss of 6\.\d+% reached the 5% daily loss limit\n/);
    expect(notes).not.toContain('every open position is closed');
    expect(notes).toContain("the risk room's kill switch was pulled once and never re-armed");
  });

  it('on bars without a dip, sells at the first point of the bar whose price breached the limit', () => {
    // Bar 17 opens, stays and closes at 92, 5.2% under the buy: heard at its first point, a third in.
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles: flatBars(T0, PRICES), barMs: MIN, risk: riskModeSettings('moderate', undefined, { closeOnLossLimit: true }), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    expect(bt.fills.map((f) => [f.side, f.ts, f.price])).toEqual([
      ['buy', T0 + 11 * MIN, 97],
      ['sell', T0 + 17 * MIN + 20_000, 92],
    ]);
  });
});
