// A strategy's refused order reaches onRefusal with what refused it as data: the risk rule's id when the
// gate refused it, the engine's own reason otherwise, with the order's side and market. The run's notes
// group refusals by it and a strategy's row reads it; neither finds it in the words.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { paperStack } from '../../../electron/backtest/paper-stack.ts';
import { historyOver } from '../../../electron/strategies/bar-history.ts';
import { EngineStrategyContext } from '../../../electron/strategies/engine-context.ts';
import type { Direction } from '../../../shared/domain/direction.ts';
import type { OrderRefusalInfo } from '../../../shared/trading/refusal-kind.ts';
import { HOUR, handBars } from '../../helpers/hand-bars.ts';

function rig(direction: Direction = 'long') {
  const candles = handBars(Array.from({ length: 3 }, () => [100, 100, 100, 100] as const));
  const stack = paperStack({ symbol: 'BTC/USDT', samplePrices: candles.c, capital: 1000, feeRate: 0, slippageBps: 0, risk: riskModeSettings('aggressive', undefined, NO_STOPS), onFill: () => {}, ...(direction === 'long' ? {} : { account: 'margin' as const }) });
  const history = historyOver(candles, 3, { uses: [], strategy: 's' });
  const refusals: { message: string; refusal: OrderRefusalInfo }[] = [];
  const ctx = new EngineStrategyContext({ id: 's', symbol: 'BTC/USDT', engine: stack.engine, rules: stack.rules, history: history.history, now: () => candles.t[0]!, positionShare: 1, takerFee: 0, slippage: 0, direction, onRefusal: (message, refusal) => refusals.push({ message, refusal }) });
  stack.feed.onBar('BTC/USDT', candles.t[0]!, 100, 100, 100, 100, 1e9, HOUR);
  return { stack, ctx, refusals };
}

describe("a strategy's refusal carries its kind", () => {
  it("names the risk rule that refused it, whatever the rule's words", () => {
    const { stack, ctx, refusals } = rig();
    try {
      stack.risk.kill({ flatten: false, actor: 'user', via: 'ui', reason: 'enough' });
      expect(ctx.buy(1)).toBe(false);
      expect(refusals).toEqual([{ message: expect.stringMatching(/^s: buy 1 BTC\/USDT refused: risk: kill-switch: /), refusal: { kind: 'kill-switch', side: 'buy', symbol: 'BTC/USDT' } }]);
    } finally {
      stack.close();
    }
  });

  it("gives the engine's own reason: the cash, the market's minimum", () => {
    const { stack, ctx, refusals } = rig();
    try {
      expect(ctx.buy(50)).toBe(false);
      expect(ctx.buy(1e-9)).toBe(false);
      expect(refusals.map((r) => r.refusal)).toEqual([
        { kind: 'insufficient-funds', side: 'buy', symbol: 'BTC/USDT' },
        { kind: 'below-minimum', side: 'buy', symbol: 'BTC/USDT' },
      ]);
      expect(refusals[0]!.message).toMatch(/^s: buy 50 BTC\/USDT refused: buying 50 BTC at 100 needs 5,000 USDT/);
    } finally {
      stack.close();
    }
  });

  it('says a side the run does not trade is refused for its direction', () => {
    const { stack, ctx, refusals } = rig('short');
    try {
      expect(ctx.buy(1)).toBe(false);
      expect(refusals.map((r) => r.refusal)).toEqual([{ kind: 'direction', side: 'buy', symbol: 'BTC/USDT' }]);
    } finally {
      stack.close();
    }
  });
});
