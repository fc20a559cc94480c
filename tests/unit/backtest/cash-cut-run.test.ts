// A backtest's all-in entry sized at a close and filled at a next open that gaps above it: the spot
// account's cash never goes below zero, the entry is cut to what the cash paid for at the open, the trade
// and metrics are of that quantity, and the notes say so once for all the cuts, not once per entry.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic, T0 } from './synthetic.ts';

/** sma-cross 2/3, all-in; `wide`: the loss limits opened wide, so losing trades do not pull the kill switch. */
function run(closes: number[], opens: number[], wide = false) {
  const { def, params } = strategyWithParams('sma-cross', { fast: 2, slow: 3 });
  const risk = wide ? riskModeSettings('aggressive', undefined, NO_STOPS) : riskModeSettings('aggressive');
  return runBacktest({ def, params, symbol: 'TST/USDT', candles: synthetic(closes, { opens }), barMs: 60_000, risk, capital: 1000, feePct: 0.1, slippageBps: 0 });
}

/** The cash after each fill, from the fills alone. */
function cashPath(fills: readonly { side: string; price: number; qty: number; fee: number }[]): number[] {
  let cash = 1000;
  return fills.map((f) => (cash += (f.side === 'buy' ? -1 : 1) * f.price * f.qty - f.fee));
}

describe('a backtest entry the next open gaps above', () => {
  it('is cut to what the cash pays for at the open: cash never below zero, the fill and the trade of the cut quantity', () => {
    // sma-cross 2/3 crosses up at bar 4's close (11) and down at bar 5's: sized all-in at 11, with the 0.1 %
    // left for the move to the fill, it is 1000 / (11 × 1.001 × 1.001) = 90.7 (the step 0.1); bar 5 opens
    // at 11.5, 4.5 % higher, where that costs 1,044.09 with the fee.
    const closes = [10, 10, 9, 11, 11, 9, 9, 9];
    const opens = [10, 10, 10, 9.5, 11, 11.5, 8.8, 9];
    const r = run(closes, opens);
    // The most on the 0.1 step 1,000 pays for at 11.5 with 0.1 %: 86.8 (86.9 would cost 1,000.35).
    expect(86.8 * 11.5 * 1.001).toBeLessThanOrEqual(1000);
    expect(86.9 * 11.5 * 1.001).toBeGreaterThan(1000);
    expect(r.fills.map((f) => [f.ts, f.side, f.price, f.qty])).toEqual([
      [T0 + 5 * 60_000, 'buy', 11.5, 86.8],
      [T0 + 6 * 60_000, 'sell', 8.8, 86.8],
    ]);
    for (const cash of cashPath(r.fills)) expect(cash).toBeGreaterThanOrEqual(0);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ qty: 86.8, entryPrice: 11.5, exitPrice: 8.8 });
    expect(r.metrics.trades).toBe(1);
    const cash = 1000 - 86.8 * 11.5 - r.fills[0]!.fee;
    expect(cash).toBeGreaterThanOrEqual(0);
    expect(r.equity[5]).toBeCloseTo(cash + 86.8 * 9, 8);
    expect(r.equity[7]).toBeCloseTo(cash + 86.8 * 8.8 - r.fills[1]!.fee, 8);
    for (let i = 0; i < r.equity.length; i++) expect(r.equity[i]).toBeGreaterThan(0);
    const said = r.notes.filter((m) => m.includes('cut to'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('sma-cross: buy 90.7 TST/USDT');
    expect(said[0]).toContain('cut to 86.8 TST');
    expect(said[0]).toContain('fill price 11.5');
  });

  it('says so once for many cuts, with their count and span', () => {
    // The same crosses up and down, four times over, every bar opening 0.5 above the close before it:
    // every all-in entry costs more at its fill than the cash holds, so every buy is cut.
    const closes: number[] = [];
    for (let k = 0; k < 4; k++) closes.push(10, 10, 9, 11, 11, 9, 9, 9);
    const opens = closes.map((c, i) => (i === 0 ? c : closes[i - 1]! + 0.5));
    const r = run(closes, opens, true);
    const buys = r.fills.filter((f) => f.side === 'buy');
    expect(buys.length).toBeGreaterThan(1);
    for (const cash of cashPath(r.fills)) expect(cash).toBeGreaterThanOrEqual(0);
    const said = r.notes.filter((m) => m.includes('cut to'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`(${buys.length} buys cut to what the cash paid for at their fill price, the first at`);
  });
});
