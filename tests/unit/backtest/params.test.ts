// Strategy parameters: defaults, overrides, and refusals that say what is valid.
import { describe, expect, it } from 'vitest';
import { ParamError, parseParamText } from '../../../electron/strategies/params.ts';
import { STRATEGIES, strategyNames, strategyWithParams, warmupOf } from '../../../electron/strategies/registry.ts';
import { exampleGrid, gridSets, parseRanges } from '../../../electron/backtest/param-space.ts';

describe('strategy parameters', () => {
  it('defaults, overridden by name', () => {
    expect(strategyWithParams('sma-cross').params).toEqual({ fast: 10, slow: 30 });
    expect(strategyWithParams('sma-cross', parseParamText('fast=5, slow=50')).params).toEqual({ fast: 5, slow: 50 });
    const { def, params } = strategyWithParams('bollinger-reversion', { mult: 2.5 });
    expect(params).toEqual({ period: 20, mult: 2.5 });
    expect(warmupOf(def, params, 3_600_000)).toBe(19);
  });

  it('an unknown strategy lists the valid ones', () => {
    expect(() => strategyWithParams('sma-crossover')).toThrow(`unknown strategy "sma-crossover"; strategies: ${strategyNames().join(', ')}`);
    expect(strategyNames()).toEqual(['sma-cross', 'ema-cross', 'rsi-reversion', 'bollinger-reversion', 'donchian-breakout', 'ai-assisted']);
  });

  it('an unknown parameter lists the strategy\'s parameters with their types and ranges', () => {
    expect(() => strategyWithParams('sma-cross', { fats: 5 })).toThrow('sma-cross has no parameter "fats" (did you mean fast?); its parameters: fast (whole number 1..1000, default 10), slow (whole number 2..5000, default 30)');
  });

  it('a value outside its range, of the wrong type, or breaking a rule between parameters', () => {
    expect(() => strategyWithParams('rsi-reversion', { period: 1 })).toThrow('rsi-reversion: period = 1 is outside its range 2..500');
    expect(() => strategyWithParams('sma-cross', { fast: 2.5 })).toThrow(/fast must be a whole number, got 2\.5/);
    expect(() => strategyWithParams('sma-cross', { fast: 40, slow: 30 })).toThrow('sma-cross: fast (40) must be smaller than slow (30)');
    expect(() => strategyWithParams('sma-cross', { fast: 40, slow: 30 })).toThrow(ParamError);
  });

  it('the --params text: name=value pairs', () => {
    expect(parseParamText('')).toEqual({});
    expect(() => parseParamText('fast')).toThrow(/not name=value/);
    expect(() => parseParamText('fast=ten')).toThrow('parameter fast: "ten" is not a number');
    // Decimal notation only: Number() would read these as 16, 3 and 0.
    expect(() => parseParamText('fast=0x10')).toThrow('parameter fast: "0x10" is not a number');
    expect(() => parseParamText('fast=0b11')).toThrow('parameter fast: "0b11" is not a number');
    expect(() => parseParamText('fast= ')).toThrow('parameter fast: "" is not a number');
    expect(parseParamText('fast=1e1,slow=+30.0')).toEqual({ fast: 10, slow: 30 });
    expect(() => parseParamText('fast=10,slow=30,fast=12')).toThrow('parameter fast is given twice (10 and 12); give each parameter once');
  });

  it('a value that is no number, read for a strategy, names the parameter, its type and its range, as a value outside it does', () => {
    const sma = { strategy: 'sma-cross', specs: strategyWithParams('sma-cross').def.params };
    // Before, only 'parameter fast: "abc" is not a number': which numbers, then?
    expect(() => parseParamText('fast=abc', sma)).toThrow('sma-cross: fast "abc" is not a number; valid: fast (whole number 1..1000, default 10)');
    expect(() => parseParamText('slow=30,fast=0x10', sma)).toThrow('sma-cross: fast "0x10" is not a number; valid: fast (whole number 1..1000, default 10)');
    const bands = { strategy: 'bollinger-reversion', specs: strategyWithParams('bollinger-reversion').def.params };
    expect(() => parseParamText('mult=two', bands)).toThrow(/^bollinger-reversion: mult "two" is not a number; valid: mult \(number [\d.]+\.\.[\d.]+, default 2\)$/);
    // A name the strategy does not have is said as that, with its parameters.
    expect(() => parseParamText('fats=abc', sma)).toThrow('sma-cross has no parameter "fats" (did you mean fast?); its parameters: fast (whole number 1..1000, default 10), slow (whole number 2..5000, default 30)');
    expect(() => parseParamText('fast=abc', sma)).toThrow(ParamError);
  });
});

describe('the --grid a message suggests', () => {
  // "--optimize needs --grid … e.g. --grid fast=5:30:5" was told to a donchian-breakout search, whose
  // parameters are period and exit: the example must be the strategy's own, and must run as given.
  it.each(STRATEGIES.map((s) => [s.name, s] as const))('%s: names its own parameters, and every value is valid with sets to run', (_name, def) => {
    const text = exampleGrid(def);
    expect(text.split(',').map((p) => p.split('=')[0])).toEqual(Object.keys(def.params).slice(0, 2));
    const ranges = parseRanges(def, text);
    for (const values of Object.values(ranges)) expect(values.length).toBeGreaterThanOrEqual(2);
    expect(gridSets(def, strategyWithParams(def.name).params, ranges).length).toBeGreaterThan(1);
  });

  it('reads from half to twice the default in round steps', () => {
    expect(exampleGrid(strategyWithParams('sma-cross').def)).toBe('fast=5:20:5,slow=10:60:10');
    expect(exampleGrid(strategyWithParams('donchian-breakout').def)).toBe('period=10:40:10,exit=5:20:5');
  });
});
