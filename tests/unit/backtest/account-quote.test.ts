// A backtest's account holds what its markets are quoted in: a market quoted in ETH trades from an ETH
// account (with a USDT one every order was refused), and the report says which asset the capital is in.
import { describe, expect, it } from 'vitest';
import { accountQuote } from '../../../shared/backtest/account-quote.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';

describe("a backtest account's asset", () => {
  it("is the markets' quote asset when they share one, else USDT", () => {
    expect(accountQuote(['XRP/ETH'])).toBe('ETH');
    expect(accountQuote(['BTC/USDT', 'ETH/USDT'])).toBe('USDT');
    expect(accountQuote(['BTC/USDT:USDT'])).toBe('USDT');
    expect(accountQuote(['BTC/USDT', 'ETH/BTC'])).toBe('USDT');
    expect(accountQuote(['ASSET'])).toBe('USDT');
  });

  it('lets a market quoted in ETH trade, and the report names the capital in ETH', () => {
    // XRP at a few ten-thousandths of an ETH, in waves: sma-cross crosses both ways.
    const closes = Array.from({ length: 1500 }, (_, i) => 0.0003 * (1 + 0.1 * Math.sin(i / 25)));
    // No wicks: half a unit around prices of 0.0003 would take the lows below zero, a loss the risk room hears.
    const candles = synthetic(closes, { wick: 0 });
    const { def, params } = strategyWithParams('sma-cross', { fast: 5, slow: 20 });
    const r = runBacktest({ def, params, symbol: 'XRP/ETH', candles, barMs: 60_000, risk: riskModeSettings('aggressive'), capital: 10, feePct: 0.1, slippageBps: 0 });
    expect(r.notes.join('\n')).not.toMatch(/quoted in/);
    expect(r.metrics.trades).toBeGreaterThan(5);
    expect(reportHtml(r, candles, { timeframe: '1m', source: 'synthetic' }, [], [])).toContain('capital 10.00 ETH');
  });
});
