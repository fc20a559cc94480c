// How a failed run names itself: the strategy, its parameters and the run's exits, so the set a search
// tried (exits included) can be run again with --params; a portfolio adds the market whose strategy threw.
import { describe, expect, it } from 'vitest';
import { runWho } from '../../../electron/backtest/run-who.ts';
import { NO_EXITS } from '../../../shared/backtest/run-exits.ts';

describe('runWho', () => {
  it('names the parameters, the exits a search varied, and the market', () => {
    expect(runWho('sma-cross', { fast: 7, slow: 30 }, NO_EXITS)).toBe('sma-cross with fast=7, slow=30');
    // Before, a set varying stopLossPct read as if only fast and slow had been tried.
    expect(runWho('sma-cross', { fast: 7, slow: 30 }, { stopLossPct: 2, takeProfitPct: 4, trailingStopPct: null })).toBe('sma-cross with fast=7, slow=30, stopLossPct=2, takeProfitPct=4');
    expect(runWho('breakout', {}, { stopLossPct: null, takeProfitPct: null, trailingStopPct: 3 }, 'ETH/USDT')).toBe('breakout with trailingStopPct=3 on ETH/USDT');
    expect(runWho('buy-hold', {}, undefined)).toBe('buy-hold');
  });
});
