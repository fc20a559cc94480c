// A backtest without finer bars tells the risk room of each bar's extremes as paper trading does (its
// replay plays a bar as four ticks: open, nearer extreme, farther extreme, close, and the room hears each):
// a loss limit reached at a bar's low and left by its close pulls the kill switch there, and a new equity
// peak at a bar's high is the peak the drawdown counts from. Margin calls stay at closes (margin-spike.ts).
//
// The candles are made here: flat bars (open = high = low = close) but for the one whose extreme matters,
// inside one UTC day.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { flatBars } from './synthetic.ts';

const T0 = Date.UTC(2024, 0, 2, 6, 10);
const MIN = 60_000;

/** Flat bars at `prices`, a minute apart from T0; `shaped` gives some bars their own open, high and low. */
const bars = (prices: readonly number[], shaped: Record<number, { o: number; h: number; l: number }> = {}): CandleColumns => flatBars(T0, prices, shaped);

/**
 * rsi-reversion (period 5) buys the fall to 97 (filled at 96) with the whole account and holds it down to
 * 92.35, 4.84% down on the day at that close; bar 16's low of 92 is 5.2% down, past the 5% daily loss
 * limit, and its close is back at 92.35. Then the price recovers, the strategy sells, and buys the next fall.
 */
const DIP_PRICES = [100, 101, 100, 101, 100, 101, 100, 101, 100, 99, 98, 97, 96, 95, 94, 93, 92.35, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 102, 101, 100, 99, 98, 97, 96, 95];
const DIP_BAR = 16;
const dipBars = () => bars(DIP_PRICES, { [DIP_BAR]: { o: 92.35, h: 92.35, l: 92 } });

const run = (candles: CandleColumns) => {
  const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
  return runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: MIN, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 1 });
};

describe("a backtest without detail hears a bar's extremes for the loss limits", () => {
  it('a daily loss past the limit at a bar\'s low, left by its close, pulls the kill switch at the low, and the next entry is refused', () => {
    const bt = run(dipBars());
    // The low is the bar's farther extreme (the path goes to the nearer one, its open, first): two thirds in.
    const at = T0 + DIP_BAR * MIN + 40_000;
    expect(bt.halts).toEqual([{ from: at, to: null, reason: expect.stringMatching(/^today's loss of 5\.\d+% reached the 5% daily loss limit$/) as unknown as string }]);
    expect(bt.notes.join('\n')).toContain(`kill switch at ${new Date(at).toISOString().replace('.000Z', 'Z')}: today's loss of 5.`);
    // Bought the fall, sold the recovery; the buy at the next fall refused by the engaged switch.
    expect(bt.fills.map((f) => f.side)).toEqual(['buy', 'sell']);
    expect(bt.notes.join('\n')).toMatch(/buy [\d.]+ BTC\/USDT refused: risk: kill-switch/);
    // The equity curve is still the closes': the dip does not show in it.
    expect(Math.min(...bt.equity)).toBeGreaterThan(10_000 * 0.95);
  });

  it('the same closes without the dip pull nothing, and the next entry fills', () => {
    const bt = run(bars(DIP_PRICES));
    expect(bt.halts).toEqual([]);
    expect(bt.fills.map((f) => f.side)).toEqual(['buy', 'sell', 'buy']);
  });

  it('a new equity peak at a bar\'s high is what the drawdown counts from, though the close fell back', () => {
    // Bought at 97 (bar 12's open); bar 12 goes down to 96.5, up to 110 (the account about 13% up) and
    // closes at 97.5: about 11% under the peak at the high, past a 10% drawdown limit, never past it from
    // the peak of the closes (about 0.5% above the start).
    const prices = [100, 101, 100, 101, 100, 101, 100, 101, 100, 99, 98, 97, 97.5, 98, 99, 100, 101, 102, 103, 102, 101, 100, 99, 98, 97, 96, 95];
    const candles = bars(prices, { 12: { o: 97, h: 110, l: 96.5 } });
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: MIN, risk: riskModeSettings('moderate', undefined, { maxDrawdownPct: 10 }), capital: 10_000, feePct: 0.1, slippageBps: 1 });
    expect(bt.halts).toEqual([{ from: T0 + 13 * MIN, to: null, reason: expect.stringMatching(/^a drawdown of 11\.\d+% from the equity peak reached the 10% limit$/) as unknown as string }]);
  });
});

describe('a drawdown past its limit while a daily-loss pull holds the switch', () => {
  it('takes the pull over: the next day does not re-arm it, and no new entry is made', () => {
    // The dip's buy at 96 held on down to 85, flat to the day's end: 5% down on the day pulls the switch
    // (daily loss), then more than 10% from the peak passes the drawdown limit while it is engaged. The next
    // day the price climbs back (the strategy's sell passes, as exits do) and falls again.
    const fall = [...DIP_PRICES.slice(0, DIP_BAR), 92, 91, 90, 89, 88, 87, 86, 85];
    const dayEnd = Date.UTC(2024, 0, 3);
    const flat = Array.from({ length: (dayEnd - T0) / MIN - fall.length + 5 }, () => 85);
    const nextDay = [86, 88, 90, 92, 94, 96, 98, 100, 102, 104, 103, 102, 101, 100, 99, 98, 97, 96, 95, 94, 93];
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles: bars([...fall, ...flat, ...nextDay]), barMs: MIN, risk: riskModeSettings('moderate', undefined, { maxDrawdownPct: 10 }), capital: 10_000, feePct: 0.1, slippageBps: 1 });
    expect(bt.halts).toHaveLength(1);
    expect(bt.halts[0]!.to).toBeNull();
    expect(bt.halts[0]!.reason).toMatch(/^a drawdown of 1\d\.\d+% from the equity peak reached the 10% limit$/);
    expect(bt.notes.join('\n')).toMatch(/kill switch at [^:]+:\d\d:\d\dZ: a drawdown of 1\d\.\d+% from the equity peak reached the 10% limit \(the switch was held for a daily loss since [^;]+:\d\d:\d\dZ; the drawdown keeps it\)/);
    // Bought the dip, sold the climb back; the next fall's buy refused.
    expect(bt.fills.map((f) => f.side)).toEqual(['buy', 'sell']);
    expect(bt.notes.join('\n')).toMatch(/buy [\d.]+ BTC\/USDT refused: risk: kill-switch: the kill switch is engaged \(a drawdown/);
  });
});
