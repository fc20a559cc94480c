// A trader's own strategy module, checked before Keel runs it: what passes becomes a definition like a
// built-in one (optional fields filled in, warm-ups found), and every mistake is refused with the file's
// name, what is wrong and what would be valid.
import { describe, expect, it } from 'vitest';
import { checkDefinition, StrategyFileError } from '../../../electron/strategies/check-definition.ts';
import { gridSets } from '../../../electron/backtest/param-space.ts';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { HOUR, handBars } from '../../helpers/hand-bars.ts';
import { declaredWarmup } from '../../../electron/strategies/indicator-kinds.ts';
import { STRATEGIES } from '../../../electron/strategies/registry.ts';
import type { IndicatorUse } from '../../../electron/strategies/strategy.ts';

const FILE = '/home/trader/.keel/strategies/mine.ts';

const good = () => ({
  name: 'my-breakout',
  params: {
    period: { type: 'int', default: 20, min: 2, max: 500 },
    mult: { type: 'number', default: 2, min: 0.5, max: 4, step: 0.5, description: 'band width' },
  },
  indicators: (p: { period: number; mult: number }) => [
    { name: 'bollinger', params: { period: p.period, mult: p.mult }, output: 'upper' },
    { name: 'atr', params: { period: p.period } },
  ],
  create: () => ({ onBar() {} }),
});

/** The message checkDefinition refuses `value` with. */
function refusal(value: unknown): string {
  try {
    checkDefinition({ default: value }, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(StrategyFileError);
    const message = (err as Error).message;
    expect(message.startsWith(`${FILE}: `)).toBe(true);
    return message.slice(FILE.length + 2);
  }
  throw new Error('checkDefinition accepted it');
}

describe('a strategy file that passes', () => {
  it('becomes a definition with the optional fields filled in and every warm-up found', () => {
    const def = checkDefinition({ default: good() }, FILE);
    expect(def.name).toBe('my-breakout');
    expect(def.description).toBe('');
    expect(def.params).toEqual({
      period: { type: 'int', default: 20, min: 2, max: 500, description: '' },
      mult: { type: 'number', default: 2, min: 0.5, max: 4, step: 0.5, description: 'band width' },
    });
    // Bollinger(30) has its first value at bar 29; ATR(30) (Wilder's, from the first true range) at bar 30.
    expect(def.indicators({ period: 30, mult: 2 }).map((u) => u.warmup)).toEqual([29, 30]);
  });

  it('finds the warm-up each built-in declares for its indicators', () => {
    // The built-ins give theirs by hand, one bar more where they read the bar before the current one:
    // donchian-breakout its channel, the crosses the side their averages were on (CrossTracker.seed).
    const readsBarBefore = ['donchian-breakout', 'sma-cross', 'ema-cross'];
    for (const def of STRATEGIES.filter((s) => s.name !== 'ai-assisted')) {
      const defaults = Object.fromEntries(Object.entries(def.params).map(([k, p]) => [k, p.default]));
      for (const u of def.indicators(defaults)) {
        const found = declaredWarmup(u, def.name);
        expect(found, `${def.name} ${u.name}`).toBe(readsBarBefore.includes(def.name) ? u.warmup - 1 : u.warmup);
      }
    }
  });

  it('keeps a warm-up the file gives', () => {
    const d = { ...good(), indicators: () => [{ name: 'sma', params: { period: 5 }, warmup: 50 }] as IndicatorUse[] };
    expect(checkDefinition({ default: d }, FILE).indicators({}).map((u) => u.warmup)).toEqual([50]);
  });
});

describe('a strategy file that is refused', () => {
  it('without a strategy as its default export', () => {
    expect(() => checkDefinition({ strategy: good() }, FILE)).toThrow(`${FILE}: has no strategy as its default export; write export default { name, description, params, indicators, create }`);
  });

  it('with a name Keel cannot use on a command line', () => {
    expect(refusal({ ...good(), name: 'My Breakout' })).toBe('name must be 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit (like my-breakout), got "My Breakout"');
    expect(refusal({ ...good(), name: undefined })).toMatch(/^name must be .* got undefined$/);
  });

  it('with a parameter whose spec does not hold together', () => {
    const withParam = (spec: unknown) => ({ ...good(), params: { period: spec } });
    expect(refusal(withParam({ type: 'float', default: 1, min: 0, max: 2 }))).toBe('my-breakout: parameter period: type must be "int" or "number", got "float"');
    expect(refusal(withParam({ type: 'int', default: 2.5, min: 1, max: 5 }))).toBe('my-breakout: parameter period is an int, so default must be a whole number, got 2.5');
    expect(refusal(withParam({ type: 'int', default: 50, min: 2, max: 20 }))).toBe('my-breakout: parameter period: default 50 is outside its range 2..20');
    expect(refusal(withParam({ type: 'int', default: 5, min: 20, max: 2 }))).toBe('my-breakout: parameter period: min (20) is above max (2)');
    // Said as written: JSON would call Infinity null.
    expect(refusal(withParam({ type: 'number', default: 1, min: 0, max: Infinity }))).toBe('my-breakout: parameter period: max must be a finite number, got Infinity');
    expect(refusal(withParam({ type: 'number', default: 1, min: -Infinity, max: 2 }))).toBe('my-breakout: parameter period: min must be a finite number, got -Infinity');
    expect(refusal(withParam({ type: 'number', default: 1, min: 0, max: 2, step: 0 }))).toBe("my-breakout: parameter period: step must be a number above 0 (the optimizer's grid step), got 0");
    // A misspelt field was ignored: `setp: 5` searched every whole number, without a word.
    expect(refusal(withParam({ type: 'int', default: 20, min: 2, max: 50, setp: 5 }))).toBe('my-breakout: parameter period has no field "setp" (step?); a parameter\'s fields are type, default, min, max, step, description');
    expect(refusal(withParam({ type: 'int', default: 20, min: 2, max: 50, dflt: 5 }))).toBe('my-breakout: parameter period has no field "dflt"; a parameter\'s fields are type, default, min, max, step, description');
    expect(refusal({ ...good(), params: { 'fast,slow': { type: 'int', default: 1, min: 1, max: 2 } } })).toMatch(/^my-breakout: parameter name "fast,slow" must start with a letter/);
  });

  it('without create, or with indicators that are not a function', () => {
    expect(refusal({ ...good(), create: undefined })).toBe('my-breakout: create(params, ctx) must be a function returning { onBar(bar) { ... } }');
    expect(refusal({ ...good(), indicators: [{ name: 'sma' }] })).toMatch(/^my-breakout: indicators must be a function of the parameters/);
  });

  it('declaring an indicator Keel does not compute, or with parameters it does not take', () => {
    expect(refusal({ ...good(), indicators: () => [{ name: 'macd', params: {} }] })).toBe('my-breakout: indicator 1 is "macd", which Keel does not compute for strategies; known: sma, ema, wma, rsi, bollinger, donchian, atr');
    expect(refusal({ ...good(), indicators: () => [{ name: 'sma', params: { length: 5 } }] })).toBe('my-breakout: indicator 1 (sma) has no parameter "length"; it takes period');
    // The use's own option written inside params is told where it goes.
    expect(refusal({ ...good(), indicators: () => [{ name: 'rsi', params: { period: 5, source: 'h' } }] })).toBe(
      "my-breakout: indicator 1 (rsi) has no parameter \"source\"; it takes period; source is an option of the indicator itself, beside params: { name: 'rsi', params: { period: … }, source: … }",
    );
    expect(refusal({ ...good(), indicators: () => [{ name: 'sma', params: { period: 5 }, warmup: -1 }] })).toBe('my-breakout: indicator 1 (sma): warmup must be a whole number of bars from 0 (or left out), got -1');
    // Levels for its chart are a short list of numbers.
    expect(refusal({ ...good(), indicators: () => [{ name: 'rsi', params: { period: 14 }, levels: '30,70' }] })).toBe('my-breakout: indicator 1 (rsi): levels must be a list of up to 8 numbers (the values the strategy acts at, like [30, 70]), got "30,70"');
    expect(refusal({ ...good(), indicators: () => [{ name: 'rsi', params: { period: 14 }, levels: [30, Number.NaN] }] })).toMatch(/levels must be a list of up to 8 numbers .*got \[30,NaN\]$/);
  });

  it('declaring an indicator with an option Keel does not know: a misspelt one was ignored, and the strategy read another line', () => {
    // `outupt` read the middle band, `timeFrame` the strategy's own bars: numbers it did not ask for, without a word.
    const options = "a use's options are name, params, output, source, warmup, levels, timeframe";
    expect(refusal({ ...good(), indicators: () => [{ name: 'bollinger', params: { period: 20 }, outupt: 'upper' }] })).toBe(`my-breakout: indicator 1 (bollinger) has no option "outupt" (output?); ${options}`);
    expect(refusal({ ...good(), indicators: () => [{ name: 'sma', params: { period: 20 } }, { name: 'sma', params: { period: 50 }, timeFrame: '1d' }] })).toBe(`my-breakout: indicator 2 (sma) has no option "timeFrame" (timeframe?); ${options}`);
    expect(refusal({ ...good(), indicators: () => [{ name: 'sma', params: { period: 20 }, colour: 'red' }] })).toBe(`my-breakout: indicator 1 (sma) has no option "colour"; ${options}`);
    // With other parameters too (a run's, a search's set), not only the defaults.
    const def = checkDefinition({ default: { ...good(), indicators: (p: { period: number }) => [p.period > 100 ? { name: 'sma', params: { period: p.period }, sorce: 'h' } : { name: 'sma', params: { period: p.period } }] } }, FILE);
    expect(() => def.indicators({ period: 101, mult: 2 })).toThrow(`${FILE}: my-breakout: indicator 1 (sma) has no option "sorce" (source?); ${options}`);
  });

  it('whose default parameters fail its own check, or whose functions throw', () => {
    expect(refusal({ ...good(), check: () => 'period must be even' })).toBe('my-breakout: its default parameters fail its own check: period must be even');
    expect(
      refusal({
        ...good(),
        indicators: () => {
          throw new TypeError('p.fast is undefined');
        },
      }),
    ).toBe('my-breakout: indicators() with the default parameters threw: p.fast is undefined');
    // With other parameters (a run's, a search's): the function, the parameters, what it threw.
    const def = checkDefinition({ default: { ...good(), check: (p: { period: number }) => { if (p.period > 100) throw new RangeError('too long'); return null; }, indicators: (p: { period: number }) => { if (p.period === 50) throw new Error('no fifty'); return []; } } }, FILE);
    expect(() => def.indicators({ period: 50, mult: 2 })).toThrow(new StrategyFileError(`${FILE}: my-breakout: indicators() with period=50,mult=2 threw: no fifty`));
    expect(() => def.check!({ period: 101, mult: 2 })).toThrow(`${FILE}: my-breakout: check() with period=101,mult=2 threw: too long`);
  });

  it('whose check answers with anything but text or nothing; nothing is no problem, for a run and a search alike', () => {
    expect(refusal({ ...good(), check: () => true })).toBe('my-breakout: check(params) must return the problem as text, or null when the parameters are fine; got boolean true');
    // A check that forgot its `return null` passes the sets it says nothing about: before, a run took them and a search dropped them all.
    const def = checkDefinition({ default: { ...good(), check: (p: { period: number }) => (p.period % 2 ? 'period must be even' : undefined) } }, FILE);
    expect([def.check!({ period: 20, mult: 2 }), def.check!({ period: 21, mult: 2 })]).toEqual([null, 'period must be even']);
    expect(gridSets(def, { period: 20, mult: 2 }, { period: [20, 21, 22] })).toEqual([
      { period: 20, mult: 2 },
      { period: 22, mult: 2 },
    ]);
    const numberFor = checkDefinition({ default: { ...good(), check: (p: { period: number }) => (p.period > 100 ? 1 : null) } }, FILE);
    expect(() => numberFor.check!({ period: 101, mult: 2 })).toThrow(StrategyFileError);
    expect(() => numberFor.check!({ period: 101, mult: 2 })).toThrow(`${FILE}: my-breakout: check(params) must return the problem as text, or null when the parameters are fine; got number 1`);
  });
});

describe('what create(params, ctx) returns', () => {
  const ctx = {} as Parameters<ReturnType<typeof checkDefinition>['create']>[1];
  const created = (create: unknown) => () => checkDefinition({ default: { ...good(), create } }, FILE).create({ period: 20, mult: 2 }, ctx);
  const SHAPE = '{ onBar(bar) { ... } } (onTick(ts, price) and onFill(fill) optional)';

  it('must be the strategy: nothing, a promise, a function or an object without onBar is refused before the first bar, naming the file', () => {
    // Each failed at bar 0 as "Cannot read properties of undefined (reading 'onBar')" or "strategy.onBar is not a function".
    expect(created(() => {})).toThrow(new StrategyFileError(`create(params, ctx) in mine.ts returned undefined (a missing return?); it must return the strategy, ${SHAPE}`));
    expect(created(async () => ({ onBar() {} }))).toThrow(`create(params, ctx) in mine.ts returned a Promise (is create async?); it must return the strategy itself, not a promise of it: ${SHAPE}`);
    expect(created(() => () => {})).toThrow('returned a function; it must return the strategy, an object such as { onBar: thatFunction }');
    expect(created(() => ({ onbar() {} }))).toThrow(`returned an object without an onBar(bar) function (it has onbar); it must return the strategy, ${SHAPE}`);
    expect(created(() => ({ onBar() {}, onFill: 'log' }))).toThrow('returned a strategy whose onFill is string, not a function');
  });

  it('a misspelt hook is refused, as Keel would never call it; helper methods are the strategy\'s own', () => {
    // onfill and ontick ran nothing and said nothing: the strategy traded without them.
    expect(created(() => ({ onBar() {}, onfill() {} }))).toThrow('create(params, ctx) in mine.ts returned a strategy with onfill, which Keel never calls (did you mean onFill?); its hooks are onBar, onTick and onFill');
    expect(created(() => ({ onBar() {}, onTik() {} }))).toThrow('with onTik, which Keel never calls (did you mean onTick?)');
    // A class's method is found on its prototype.
    class Mine {
      onBar(): void {}
      onFills(): void {}
    }
    expect(created(() => new Mine())).toThrow('with onFills, which Keel never calls (did you mean onFill?)');
    expect(created(() => ({ onBar() {}, sizeFor() {}, reset() {}, onFill() {} }))).not.toThrow();
  });

  it('an async onBar (or onTick, onFill) is refused: Keel does not wait for it, so its orders would land bars later', () => {
    expect(created(() => ({ async onBar() {} }))).toThrow(/returned a strategy whose onBar is async: Keel calls it and goes on without waiting/);
    expect(created(() => ({ onBar() {}, async onFill() {} }))).toThrow(/whose onFill is async/);
    expect(created(() => ({ *onBar() {} }))).toThrow('returned a strategy whose onBar is a generator (function*), whose body a call does not run; make it a plain function');
  });

  it('an async create that fails is refused, not left to end the process as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listen = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', listen);
    try {
      expect(
        created(async () => {
          throw new Error('boom');
        }),
      ).toThrow(/returned a Promise/);
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('unhandledRejection', listen);
    }
    expect(unhandled).toEqual([]);
  });

  it('its functions run as methods of the default export, as written: `this` is the file\'s object', () => {
    const file = {
      ...good(),
      size: 0.25,
      period: () => 7,
      indicators(this: { period(): number }) {
        return [{ name: 'sma', params: { period: this.period() } }];
      },
      check(this: { size: number }) {
        return this.size > 1 ? 'too big' : null;
      },
      create(this: { size: number }) {
        const size = this.size;
        return { onBar: () => size };
      },
    };
    const def = checkDefinition({ default: file }, FILE);
    expect(def.indicators({}).map((u) => u.params)).toEqual([{ period: 7 }]);
    expect(def.check!({})).toBeNull();
    expect((def.create({}, ctx).onBar as unknown as (bar: unknown) => number)({ t: 0, o: 1, h: 1, l: 1, c: 1, v: 1, index: 0 })).toBe(0.25);
  });

  it('hears each bar as an object of its own, as in its thread on an account: a bar it keeps stays the bar it was', () => {
    // The backtest rewrites one object bar after bar: `prev = bar` read the current bar as the previous one.
    const seen: [number, number][] = [];
    const file = {
      name: 'keeper',
      params: {},
      create: () => {
        let prev: { c: number } | null = null;
        return {
          onBar(bar: { c: number }) {
            if (prev !== null) seen.push([prev.c, bar.c]);
            prev = bar;
          },
        };
      },
    };
    const def = checkDefinition({ default: file }, FILE);
    const candles = handBars([[100, 100, 100, 100], [100, 101, 99, 101], [101, 103, 100, 102]]);
    runBacktest({ def, params: {}, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0 });
    expect(seen).toEqual([
      [100, 101],
      [101, 102],
    ]);
  });

  it('hears each fill as a copy of the five fields a fill has, as on an account: writing to it leaves the run\'s fills alone', () => {
    const heard: string[] = [];
    const file = {
      name: 'scribbler',
      params: {},
      create: (_p: unknown, ctx: { buy(q: number): boolean; closePosition(): boolean }) => ({
        onBar(bar: { index: number }) {
          if (bar.index === 0) ctx.buy(1);
          if (bar.index === 2) ctx.closePosition();
        },
        onFill(f: Record<string, unknown>) {
          heard.push(Object.keys(f).join(','));
          f.price = 1;
          f.qty = 1000;
        },
      }),
    };
    const def = checkDefinition({ default: file }, FILE);
    const candles = handBars([[100, 100, 100, 100], [100, 101, 99, 100], [100, 101, 99, 100], [110, 110, 110, 110]]);
    const r = runBacktest({ def, params: {}, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0 });
    expect(heard).toEqual(['ts,side,price,qty,fee', 'ts,side,price,qty,fee']);
    expect(r.fills.map((f) => [f.side, f.price, f.qty])).toEqual([
      ['buy', 100, 1],
      ['sell', 110, 1],
    ]);
    expect(r.trades[0]!.pnl).toBe(10);
  });

  it('says a thrown value that is not an Error is one, with the value: it printed as if Keel had said "oops" or "[object Object]"', () => {
    const thrower = (value: unknown, hook: 'onBar' | 'onFill' | 'create') => {
      const file = {
        name: 'thrower',
        params: {},
        create: (_p: unknown, ctx: { buy(q: number): boolean }) => {
          if (hook === 'create') throw value;
          return {
            onBar(bar: { index: number }) {
              if (hook === 'onBar' && bar.index === 1) throw value;
              if (bar.index === 0) ctx.buy(1);
            },
            onFill() {
              if (hook === 'onFill') throw value;
            },
          };
        },
      };
      const def = checkDefinition({ default: file }, FILE);
      const candles = handBars([[100, 100, 100, 100], [100, 101, 99, 100], [100, 101, 99, 100]]);
      try {
        runBacktest({ def, params: {}, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0 });
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('the run did not stop');
    };
    const why = "(a thrown value that is not an Error has no stack, so no line of the file to show; throw new Error('…') says where)";
    expect(thrower('oops', 'onBar')).toBe(`thrower stopped the run at bar 1, closed at 2024-01-01T02:00:00Z: onBar(bar) threw a string, not an Error: "oops" ${why}`);
    expect(thrower(42, 'onBar')).toContain(': onBar(bar) threw a number, not an Error: 42 (');
    expect(thrower({ a: 1 }, 'onBar')).toContain(': onBar(bar) threw an object, not an Error: {"a":1} (');
    expect(thrower(undefined, 'onBar')).toContain(': onBar(bar) threw undefined, not an Error (');
    expect(thrower('no fill', 'onFill')).toContain('onFill(fill) threw a string, not an Error: "no fill" (');
    expect(thrower('no create', 'create')).toContain('create(params, ctx) threw a string, not an Error: "no create" (');
    // An Error is left as it is.
    expect(thrower(new RangeError('bad'), 'onBar')).toBe('thrower stopped the run at bar 1, closed at 2024-01-01T02:00:00Z: bad');
    // So are the file's check and indicators with other parameters.
    const def = checkDefinition({ default: { ...good(), check: (p: { period: number }) => { if (p.period > 100) throw 7; return null; } } }, FILE);
    expect(() => def.check!({ period: 101, mult: 2 })).toThrow(`${FILE}: my-breakout: check() with period=101,mult=2 threw: a number, not an Error: 7 ${why}`);
  });
});
