// A finished backtest's run as the strategy start form's draft: its parameters over the strategy's
// defaults, its market left on "chart" when the chart shows it, its exits as the boxes' text, its direction.
import { describe, expect, it } from 'vitest';
import { draftFromRun, type StrategyInfo } from '../../../renderer/src/features/strategies/strategy-form.ts';

const smaCross = {
  name: 'sma-cross',
  description: '',
  params: [
    { name: 'fast', type: 'int', default: 10, min: 1, max: 1000, step: 1, description: '' },
    { name: 'slow', type: 'int', default: 30, min: 2, max: 5000, step: 1, description: '' },
  ],
} as unknown as StrategyInfo;

describe('draftFromRun', () => {
  it("takes the run's parameters over the defaults, and its exits", () => {
    const run = { strategy: 'sma-cross', params: { fast: 3 }, series: { symbol: 'BTC/USDT', timeframe: '1h' }, stopLossPct: 2.5, takeProfitPct: null, trailingStopPct: undefined };
    expect(draftFromRun(run, smaCross, { symbol: 'BTC/USDT', timeframe: '1h' })).toEqual({ strategy: 'sma-cross', params: { fast: '3', slow: '30' }, symbol: '', timeframe: '', stopLoss: '2.5', takeProfit: '', trailingStop: '', direction: 'long' });
  });

  it('carries the sides the run took (a run sent before directions: long)', () => {
    const run = { strategy: 'sma-cross', params: { fast: 3 }, series: { symbol: 'BTC/USDT', timeframe: '1h' } };
    expect(draftFromRun({ ...run, direction: 'both' }, smaCross, { symbol: 'BTC/USDT', timeframe: '1h' }).direction).toBe('both');
    expect(draftFromRun({ ...run, direction: 'short' }, smaCross, { symbol: 'BTC/USDT', timeframe: '1h' }).direction).toBe('short');
    expect(draftFromRun(run, smaCross, { symbol: 'BTC/USDT', timeframe: '1h' }).direction).toBe('long');
  });

  it("names the run's market and timeframe when the chart shows others", () => {
    const run = { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, series: { symbol: 'ETH/USDT', timeframe: '4h' }, trailingStopPct: 3 };
    expect(draftFromRun(run, smaCross, { symbol: 'BTC/USDT', timeframe: '1h' })).toMatchObject({ symbol: 'ETH/USDT', timeframe: '4h', trailingStop: '3', stopLoss: '' });
    // Before the catalog has come: the run's own parameters alone.
    expect(draftFromRun(run, undefined, { symbol: null, timeframe: null }).params).toEqual({ fast: '5', slow: '20' });
  });
});
