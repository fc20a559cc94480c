// Which sides a strategy trades (StrategyContext.direction) through the one engine: the signal built-ins'
// orders for long, short and both on hand-made bars; a short's stop above its entry; short sizing within
// the risk per trade; orders past flat to a side the run does not allow are refused, and a spot account
// refuses any direction but long.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { paperStack } from '../../../electron/backtest/paper-stack.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { historyOver } from '../../../electron/strategies/bar-history.ts';
import { signalOrders } from '../../../electron/strategies/builtins/signal-orders.ts';
import { EngineStrategyContext } from '../../../electron/strategies/engine-context.ts';
import { aiAssisted } from '../../../electron/strategies/builtins/ai-assisted.ts';
import { listSignals } from '../../../electron/backtest/run-setup.ts';
import { defineStrategy, type StrategyContext } from '../../../electron/strategies/strategy.ts';
import type { Direction } from '../../../shared/domain/direction.ts';
import { HAND_T0, HOUR, handBars } from '../../helpers/hand-bars.ts';
import type { RunExits } from '../../../shared/backtest/run-exits.ts';

const T0 = HAND_T0;
const MINUTE = 60_000;

const bars = (rows: readonly (readonly [number, number, number, number])[]) => handBars(rows);
const flat = (n: number, p = 100) => bars(Array.from({ length: n }, () => [p, p, p, p] as const));

function run(def: ReturnType<typeof defineStrategy>, candles: CandleColumns, direction: Direction, exits: RunExits = { stopLossPct: null, takeProfitPct: null }) {
  return runBacktest({ def, params: {}, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0, exits, direction });
}

/** The signal built-ins' body over a signal per bar index (+1 bullish, -1 bearish). */
const signalled = (signals: Record<number, number>) =>
  defineStrategy({ name: 'signalled', description: 'signals by bar', params: {}, indicators: () => [], create: (_p, ctx) => signalOrders(ctx, (bar) => signals[bar.index] ?? 0, { up: 'up', down: 'down' }) });

/** Each fill as [bar it filled at, side]. */
const fillBars = (r: ReturnType<typeof run>) => r.fills.map((f) => [(f.ts - T0) / HOUR, f.side]);

describe('direction', () => {
  const signals = { 1: 1, 4: -1, 7: 1, 10: -1 };

  it('long: a bullish signal buys at the next open, a bearish one sells it (as before)', () => {
    expect(fillBars(run(signalled(signals), flat(14), 'long'))).toEqual([
      [2, 'buy'],
      [5, 'sell'],
      [8, 'buy'],
      [11, 'sell'],
    ]);
  });

  it('short: a bearish signal sells short at the next open, a bullish one buys it back; bullish signals when flat do nothing', () => {
    const r = run(signalled(signals), flat(14), 'short');
    expect(fillBars(r)).toEqual([
      [5, 'sell'],
      [8, 'buy'],
      [11, 'sell'],
    ]);
    expect(r.trades.map((t) => [t.side, t.closed])).toEqual([
      ['short', true],
      ['short', false],
    ]);
  });

  it('both: a signal against the position exits at the next open, and the new side is entered at the open after', () => {
    const r = run(signalled(signals), flat(14), 'both');
    expect(fillBars(r)).toEqual([
      [2, 'buy'],
      [5, 'sell'],
      [6, 'sell'],
      [8, 'buy'],
      [9, 'buy'],
      [11, 'sell'],
      [12, 'sell'],
    ]);
    expect(r.trades.map((t) => t.side)).toEqual(['long', 'short', 'long', 'short']);
    // Each trade says which signal entered it and which closed it: a bullish one enters a long and closes a short.
    expect(r.trades.map((t) => [t.entryTag, t.exitTag ?? t.exit])).toEqual([
      ['up', 'down'],
      ['down', 'up'],
      ['up', 'down'],
      ['down', 'open'],
    ]);
    // The whole equity each time (flat bars, no fees): 100 BTC at 100 for a short; a long spends the cash, as
    // on a spot account, so it keeps the same allowance for the next price (market-move.ts): 99.90009.
    expect(r.fills.map((f) => f.qty)).toEqual([99.90009, 99.90009, 100, 100, 99.90009, 99.90009, 100]);
  });

  it("ai-assisted: a sell decision goes short when the run may short, a buy reverses, a close goes flat", () => {
    const at = (i: number) => T0 + (i + 1) * HOUR; // bar i's close
    const decision = (i: number, action: string) => ({ ts: at(i), symbol: 'BTC/USDT', kind: 'ai.decision', payload: { action, confidence: 0.9 } });
    const signals = [decision(1, 'sell'), decision(4, 'buy'), decision(8, 'close')];
    const runAi = (direction: Direction) =>
      runBacktest({ def: aiAssisted, params: { minConfidence: 0.6 }, symbol: 'BTC/USDT', candles: flat(12), barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0, direction, signals: listSignals(signals) });
    // Long only, as before: the sell finds nothing to exit; the buy goes long and the close exits it.
    expect(fillBars(runAi('long'))).toEqual([
      [5, 'buy'],
      [9, 'sell'],
    ]);
    expect(fillBars(runAi('short'))).toEqual([
      [2, 'sell'],
      [5, 'buy'],
    ]);
    expect(fillBars(runAi('both'))).toEqual([
      [2, 'sell'],
      [5, 'buy'],
      [6, 'buy'],
      [9, 'sell'],
    ]);
    // The orders carry the decision that placed them: a sell's short bought back by the buy, whose long the close ends.
    expect(runAi('both').trades.map((t) => [t.side, t.entryTag, t.exitTag])).toEqual([
      ['short', 'ai sell', 'ai buy'],
      ['long', 'ai buy', 'ai close'],
    ]);
  });

  it("a short's stop-loss sits above its entry and buys it back there; the loss is the move against it", () => {
    const shortOnce = defineStrategy({
      name: 'short-once',
      description: 'sells short at bar 0',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({ onBar: (bar) => void (bar.index === 0 && ctx.sell(10)) }),
    });
    // Short at bar 1's open (100); stop 2 % above: 102. Bar 1 goes 100 → 99 → 103 (the path visits the nearer low first): stopped at 102.
    const r = run(shortOnce, bars([[100, 100, 100, 100], [100, 103, 99, 101], [101, 101, 101, 101]]), 'short', { stopLossPct: 2, takeProfitPct: null });
    expect(r.fills.map((f) => [(f.ts - T0) / MINUTE, f.side, f.price, f.exit ?? 'own'])).toEqual([
      [60, 'sell', 100, 'own'],
      [100, 'buy', 102, 'stop-loss'],
    ]);
    expect(r.trades[0]).toMatchObject({ side: 'short', entryPrice: 100, exitPrice: 102, pnl: -20, exit: 'stop-loss' });
    expect(r.metrics.finalEquity).toBeCloseTo(9_980, 9);
  });

  it("sizes a short within the mode's share of equity and, with a stop, within the risk per trade to a stop above", () => {
    const sized: number[] = [];
    const probe = (stop: boolean) =>
      defineStrategy({
        name: 'probe',
        description: 'asks for the largest short',
        params: {},
        indicators: () => [],
        create: (_p, ctx: StrategyContext) => ({
          onBar: (bar) => {
            if (bar.index === 0) sized.push(ctx.maxSellQty(100, stop ? 105 : undefined), ctx.maxBuyQty(100));
          },
        }),
      });
    run(probe(false), flat(2), 'short');
    run(probe(true), flat(2), 'both');
    // Aggressive: the whole equity (10,000 at 100 = 100 BTC); a short may not buy.
    expect(sized.slice(0, 2)).toEqual([100, 0]);
    // A stop 5 above: aggressive risks 3 % of equity (300), so 60 BTC (less a hair, floored to the step).
    expect(sized[2]).toBeCloseTo(60, 4);
    expect(sized[2]).toBeLessThanOrEqual(60);
    // A long on the margin account is sized as on spot: it spends the cash, 1× collateral, with the allowance for the next price.
    expect(sized[3]).toBe(99.90009);
  });

  it('refuses an order past flat to a side the run does not allow, and says why', () => {
    const tries = defineStrategy({
      name: 'tries',
      description: 'buys when it may only short',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({
        onBar: (bar) => {
          if (bar.index === 0) ctx.buy(1);
          if (bar.index === 1) ctx.sell(1);
          if (bar.index === 3) ctx.buy(2);
        },
      }),
    });
    const r = run(tries, flat(5), 'short');
    expect(fillBars(r)).toEqual([[2, 'sell']]);
    expect(r.refusals).toBe(2);
    // Both refused for the run's direction: one kind of refusal, so one note (the first's words) with the count.
    expect(r.notes[0]).toBe('tries: buy 1 BTC/USDT refused: it would go long and the run trades short only (it is flat); use closePosition() to exit (2 refusals of this kind, the first at 2024-01-01T01:00:00Z, the last at 2024-01-01T04:00:00Z)');
    expect(r.notes.filter((n) => n.includes('refused'))).toHaveLength(1);
  });

  it('a long-only strategy on a short-only run (and a short entry on a long-only one) is told once why it sizes nothing', () => {
    // my-sma-cross (the example, long only) run with --direction short made no trade and said nothing.
    const longOnly = defineStrategy({
      name: 'long-only',
      description: 'sizes longs only',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({ onBar: (bar) => void (ctx.maxBuyQty(bar.c) > 0 && ctx.buy(ctx.maxBuyQty(bar.c))) }),
    });
    const r = run(longOnly, flat(5), 'short');
    expect(r.fills).toEqual([]);
    expect(r.notes.filter((n) => n.includes('maxBuyQty'))).toEqual([
      'long-only: maxBuyQty answers 0 on a short-only run (direction short): it sizes a long entry, which the run does not take; a strategy that enters long makes no such trade here (give the direction long or both, or read ctx.direction) (said once a run)',
    ]);
    const shortOnly = defineStrategy({ ...longOnly, name: 'short-only', create: (_p, ctx) => ({ onBar: (bar) => void ctx.maxSellQty(bar.c) }) });
    expect(run(shortOnly, flat(5), 'long').notes.filter((n) => n.includes('maxSellQty'))).toEqual([expect.stringContaining('short-only: maxSellQty answers 0 on a long-only run (direction long)')]);
    // Both ways, each side is sized and nothing is said.
    expect(run(longOnly, flat(5), 'both').notes.filter((n) => n.includes('answers 0'))).toEqual([]);
  });

  it('a spot account trades long only: any other direction is refused when the strategy is set up', () => {
    const candles = flat(3);
    const stack = paperStack({ symbol: 'BTC/USDT', samplePrices: candles.c, capital: 1000, feeRate: 0, slippageBps: 0, risk: riskModeSettings('aggressive', undefined, NO_STOPS), onFill: () => {} });
    try {
      const history = historyOver(candles, 3, { uses: [], strategy: 's' });
      const make = (direction: Direction) => new EngineStrategyContext({ id: 's', symbol: 'BTC/USDT', engine: stack.engine, rules: stack.rules, history: history.history, now: () => 0, positionShare: 1, takerFee: 0, slippage: 0, direction });
      expect(() => make('short')).toThrow('s: short only needs a margin account (shorts are sold with 1× collateral); the paper account is spot, so trade long only there');
      expect(() => make('both')).toThrow(/long and short needs a margin account/);
      expect(make('long').direction).toBe('long');
    } finally {
      stack.close();
    }
  });
});

describe('an entry the free cash cannot pay for', () => {
  // Two strategies on one paper account at 100 % each compete for its cash (docs/backtest.md, Sizing): the
  // first to enter takes it. The second's note blamed its equity and position share ("0.09 USDT, from equity
  // 9325 USDT at a position share of 100 %; … a mode with a larger position share sizes it above") when the
  // account's free cash was what was missing.
  it("sizes a second strategy's entry to the cash the first one's working order leaves, so it is not refused", () => {
    // Two strategies on one account crossing on one bar: the second sized from the whole cash, and its
    // order was refused ("needs 8,409.8 USDT … 9.44 USDT is free") instead of cut to what was left.
    const candles = flat(3);
    const stack = paperStack({ symbol: 'BTC/USDT', samplePrices: candles.c, capital: 1000, feeRate: 0, slippageBps: 0, risk: riskModeSettings('aggressive', undefined, NO_STOPS), onFill: () => {} });
    try {
      const history = historyOver(candles, 3, { uses: [], strategy: 's' });
      const refused: string[] = [];
      const make = (id: string) => new EngineStrategyContext({ id, symbol: 'BTC/USDT', engine: stack.engine, rules: stack.rules, history: history.history, now: () => 0, positionShare: 1, takerFee: 0, slippage: 0, direction: 'long', onNote: () => {}, onRefusal: (m) => refused.push(m) });
      const first = make('first');
      const second = make('second');
      const price = candles.c[0]!;
      stack.feed.onBar('BTC/USDT', candles.t[0]!, price, price, price, price, 1e9, HOUR);
      // Half the cash, working until the next bar.
      expect(first.buy(5)).toBe(true);
      const rest = second.maxBuyQty(price);
      expect(rest).toBeGreaterThan(4.9);
      expect(rest).toBeLessThanOrEqual(5);
      expect(second.buy(rest)).toBe(true);
      expect(refused).toEqual([]);
      stack.feed.onBar('BTC/USDT', candles.t[1]!, price, price, price, price, 1e9, HOUR);
      expect(first.position() + second.position()).toBeGreaterThan(9.9);
    } finally {
      stack.close();
    }
  });

  it("says the free cash cut it, not the equity or the position share", () => {
    const candles = flat(3);
    const stack = paperStack({ symbol: 'BTC/USDT', samplePrices: candles.c, capital: 1000, feeRate: 0, slippageBps: 0, risk: riskModeSettings('aggressive', undefined, NO_STOPS), onFill: () => {} });
    try {
      const history = historyOver(candles, 3, { uses: [], strategy: 's' });
      const notes: string[] = [];
      const make = (id: string) => new EngineStrategyContext({ id, symbol: 'BTC/USDT', engine: stack.engine, rules: stack.rules, history: history.history, now: () => 0, positionShare: 1, takerFee: 0, slippage: 0, direction: 'long', onNote: (m) => notes.push(m), onRefusal: (m) => notes.push(m) });
      const first = make('first');
      const second = make('second');
      const price = candles.c[0]!;
      stack.feed.onBar('BTC/USDT', candles.t[0]!, price, price, price, price, 1e9, HOUR);
      // All but 1 USDT of the cash, as an entry sized at the bar's close leaves a little of it when the next opens higher.
      expect(first.buy(9.99)).toBe(true);
      stack.feed.onBar('BTC/USDT', candles.t[1]!, price, price, price, price, 1e9, HOUR);
      expect(first.position()).toBeGreaterThan(0);
      expect(second.maxBuyQty(price)).toBe(0);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toBe(
        "second: an entry at 100 would be 0.00999 BTC (0.999 USDT, the account's free cash less the 0.1% left for the price's move to the fill: at a position share of 100% its equity of 1000 USDT allows 1000 USDT, but the rest of the cash is held by other positions or orders), below the market's smallest order value (5 USDT; its smallest quantity is 0.00001 BTC): no order was placed; it is sized above once that cash is free (another strategy's position closed, say) (said once)",
      );
    } finally {
      stack.close();
    }
  });
});
