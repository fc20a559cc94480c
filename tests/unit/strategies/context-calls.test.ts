// What a strategy hands the context's smaller calls, checked as the account's path would take it: a note is
// text (an object went into the run's notes and JSON report as it was, where the strategy's thread on an
// account sends String(note)); a signal's kind is text and its payload what JSON holds (the backtest's
// journal kept anything, an account's SQLite insert failed on it, so the strategy stopped only live).
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { defineStrategy, type StrategyContext } from '../../../electron/strategies/strategy.ts';
import { HOUR, handBars } from '../../helpers/hand-bars.ts';

function runWith(call: (ctx: StrategyContext) => void) {
  const def = defineStrategy({
    name: 'caller',
    description: 'makes one call at its first bar',
    params: {},
    indicators: () => [],
    create: (_p, ctx) => ({
      onBar(bar) {
        if (bar.index === 0) call(ctx);
      },
    }),
  });
  const candles = handBars([[100, 100, 100, 100], [100, 100, 100, 100]]);
  return runBacktest({ def, params: {}, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0 });
}

describe("the context's notes and signals", () => {
  it('keeps every note as text, objects as JSON, as the thread sends it on an account', () => {
    const r = runWith((ctx) => {
      ctx.note({ level: 3 } as unknown as string);
      ctx.note(42 as unknown as string);
      ctx.note(undefined as unknown as string);
      ctx.note([1, 'a'] as unknown as string);
      ctx.note(new Error('late fill') as unknown as string);
    });
    // An object or a list as JSON (String gave "[object Object]"), an Error as its name and message.
    expect(r.notes).toEqual(['{"level":3}', '42', 'undefined', '[1,"a"]', 'Error: late fill']);
  });

  it('refuses a signal the journal of an account could not keep, naming the argument and what is valid', () => {
    expect(() => runWith((ctx) => ctx.signal(42 as unknown as string, { x: 1 }))).toThrow(
      'caller stopped the run at bar 0, closed at 2024-01-01T01:00:00Z: caller: signal(kind, payload): kind must be text such as "enter-long", got 42',
    );
    expect(() => runWith((ctx) => ctx.signal('', 1))).toThrow('kind must be text such as "enter-long", got empty text');
    expect(() => runWith((ctx) => ctx.signal('level', () => 1))).toThrow(
      'caller: signal(kind, payload): payload must be what JSON holds (a number, text, true or false, null, or a list or object of them), got a function',
    );
    // What JSON holds is journaled, as before.
    expect(runWith((ctx) => ctx.signal('level', { price: 100, why: ['breakout'] })).notes).toEqual([]);
    expect(runWith((ctx) => ctx.signal('level')).notes).toEqual([]);
  });
});
