// The indicators a strategy declares are computed by the host and handed over as ctx.indicators: whole in
// a backtest, one closed bar at a time live. A strategy must see the same numbers either way, at every
// bar, on real candles; it must not see a value before its bar closes; and a declaration Keel cannot
// compute is refused with what would be valid.
import { describe, expect, it } from 'vitest';
import { growingHistory, historyOver, LookAheadError, type IndicatorPlan } from '../../../electron/strategies/bar-history.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import type { IndicatorUse } from '../../../electron/strategies/strategy.ts';
import { readBtc1m } from '../../helpers/indicator-candles.ts';

const USES: IndicatorUse[] = [
  { name: 'sma', params: { period: 10 }, warmup: 9 },
  { name: 'ema', params: { period: 26 }, warmup: 25 },
  { name: 'wma', params: { period: 9 }, source: 'h', warmup: 8 },
  { name: 'rsi', params: { period: 14 }, warmup: 14 },
  { name: 'bollinger', params: { period: 20, mult: 2.5 }, output: 'upper', warmup: 19 },
  { name: 'bollinger', params: { period: 20, mult: 2.5 }, output: 'lower', warmup: 19 },
  { name: 'bollinger', params: { period: 20 }, warmup: 19 },
  { name: 'donchian', params: { period: 55 }, output: 'upper', warmup: 54 },
  { name: 'donchian', params: { period: 20 }, output: 'middle', warmup: 19 },
  { name: 'atr', params: { period: 14 }, warmup: 14 },
];
const PLAN: IndicatorPlan = { uses: USES, strategy: 'test' };

describe('declared indicators', () => {
  const bars = readBtc1m(5000);
  const cols = { t: bars.time, o: bars.open, h: bars.high, l: bars.low, c: bars.close, v: bars.volume };
  const n = bars.close.length;

  it('a backtest and live trading give a strategy the same value of every indicator at every bar', () => {
    const backtest = historyOver(cols, n, PLAN);
    const live = growingHistory(16, PLAN);
    expect(backtest.history.indicators).toHaveLength(USES.length);
    let compared = 0;
    for (let i = 0; i < n; i++) {
      backtest.advance();
      live.push(cols.t[i]!, cols.o[i]!, cols.h[i]!, cols.l[i]!, cols.c[i]!, cols.v[i]!);
      for (let k = 0; k < USES.length; k++) {
        const a = backtest.history.indicators[k]!.ago(0);
        const b = live.history.indicators[k]!.ago(0);
        if (!Object.is(a, b)) throw new Error(`${USES[k]!.name} #${k} at bar ${i}: backtest ${a}, live ${b}`);
        if (a === a) compared++;
      }
    }
    // Every indicator has values past its warm-up, and the warm-up is NaN in both.
    expect(compared).toBe(USES.reduce((s, u) => s + n - u.warmup, 0));
  });

  it('the values are the indicator itself: SMA(10) of the closes, the lower band below the upper, the 55-bar high', () => {
    const h = historyOver(cols, n, PLAN);
    for (let i = 0; i < 100; i++) h.advance();
    const [sma, , , , upper, lower, middle, high55] = h.history.indicators;
    let sum = 0;
    for (let i = 90; i < 100; i++) sum += cols.c[i]!;
    expect(sma!.ago(0)).toBeCloseTo(sum / 10, 8);
    expect(lower!.ago(0)).toBeLessThan(middle!.ago(0));
    expect(upper!.ago(0)).toBeGreaterThan(middle!.ago(0));
    expect(high55!.ago(0)).toBe(Math.max(...cols.h.slice(45, 100)));
    expect(high55!.get(53)).toBeNaN();
  });

  it('an indicator view shows nothing past the closed bars', () => {
    const h = historyOver(cols, n, PLAN);
    for (let i = 0; i < 50; i++) h.advance();
    const sma = h.history.indicators[0]!;
    expect(sma.length).toBe(50);
    expect(() => sma.get(50)).toThrow(LookAheadError);
    expect(() => sma.ago(-1)).toThrow(/look-ahead: bar 50 has not closed yet/);
    expect(Object.isFrozen(h.history.indicators)).toBe(true);
  });

  it('an index that is not a whole number reads no bar: refused, naming what is valid, so no object can index a later one', () => {
    const h = historyOver(cols, n, PLAN);
    for (let i = 0; i < 10; i++) h.advance();
    const c = h.history.c;
    // An object whose valueOf passes the range test while its toString names a later bar read bar 110 at bar 9.
    const sly = { valueOf: () => 0, toString: () => '110' } as unknown as number;
    expect(() => c.get(sly)).toThrow('get(i) takes a bar index, a whole number from 0 to 9 (ago(k) counts back from the current bar), got an object');
    let calls = 0;
    const shifty = { valueOf: () => (calls++ === 0 ? -101 : 1) } as unknown as number;
    expect(() => c.ago(shifty)).toThrow('ago(k) takes a whole number of bars back, 0 for the current bar, got an object');
    // A fraction read no slot (undefined); ago() with nothing read NaN, so every comparison with it was false.
    expect(() => c.get(1.5)).toThrow(/got 1\.5$/);
    expect(() => (c.ago as () => number)()).toThrow('ago(k) takes a whole number of bars back, 0 for the current bar, got undefined');
    expect(() => h.history.indicators[0]!.ago('1' as unknown as number)).toThrow(/got text "1"$/);
    expect(c.ago(9)).toBe(bars.close[0]);
    expect(c.ago(10)).toBeNaN();
  });

  it('reading an indicator the strategy does not declare says so, listing what it declares', () => {
    const h = historyOver(cols, n, { uses: USES.slice(0, 2), strategy: 'mine' });
    h.advance();
    const indicators = h.history.indicators;
    expect(() => indicators[2]).toThrow("ctx.indicators[2] is not declared: mine's indicators(params) declares 2: [0] SMA 10, [1] EMA 26; add the indicator there to read it");
    expect(() => growingHistory(16, { uses: [], strategy: 'bare' }).history.indicators[0]).toThrow("ctx.indicators[0] is not declared: bare's indicators(params) declares none");
    // The declared ones read, spread and destructure as a list.
    const [sma, ema, none] = indicators;
    expect(sma).toBe(indicators[0]);
    expect(ema).toBe(indicators[1]);
    expect(none).toBeUndefined();
    expect(indicators.length).toBe(2);
    expect(Array.isArray(indicators)).toBe(true);
  });

  it('the built-in strategies are handed the indicators they declare', () => {
    for (const name of ['sma-cross', 'ema-cross', 'rsi-reversion', 'bollinger-reversion', 'donchian-breakout']) {
      const { def, params } = strategyWithParams(name);
      const h = historyOver(cols, n, { uses: def.indicators(params), strategy: name });
      expect(h.history.indicators.length, name).toBe(def.indicators(params).length);
    }
  });

  it('a declaration Keel cannot compute is refused, naming what is valid', () => {
    const plan = (u: IndicatorUse): IndicatorPlan => ({ uses: [u], strategy: 'mine' });
    expect(() => historyOver(cols, n, plan({ name: 'hma', params: { period: 9 }, warmup: 8 }))).toThrow('mine: indicator 1 is "hma", which Keel does not compute for strategies; known: sma, ema, wma, rsi, bollinger, donchian, atr');
    expect(() => growingHistory(16, plan({ name: 'sma', params: { length: 9 }, warmup: 8 }))).toThrow('mine: indicator 1 (sma) has no parameter "length"; it takes period');
    expect(() => historyOver(cols, n, plan({ name: 'bollinger', params: { period: 20 }, output: 'top', warmup: 19 }))).toThrow('has no output "top"; it has middle, upper, lower');
    expect(() => historyOver(cols, n, plan({ name: 'sma', params: {}, warmup: 0 }))).toThrow('mine: indicator 1 (sma) needs a number for "period"');
    expect(() => historyOver(cols, n, plan({ name: 'sma', params: { period: 0 }, warmup: 0 }))).toThrow(/period/);
  });
});
