// "Did you mean …?" after a name Keel does not know: one guess for flags, subcommands, strategies and
// their parameters, close enough to help and never a wild one.
import { describe, expect, it } from 'vitest';
import { didYouMean, nearestName } from '../../../shared/domain/nearest-name.ts';

describe('nearestName', () => {
  it('finds the slip of a letter, a swap, a dropped letter or the case', () => {
    expect(nearestName('sma-cros', ['sma-cross', 'ema-cross'])).toBe('sma-cross');
    expect(nearestName('fats', ['fast', 'slow'])).toBe('fast');
    expect(nearestName('rsiperiod', ['rsiPeriod', 'trend', 'low'])).toBe('rsiPeriod');
    expect(nearestName('lst', ['list', 'set', 'delete'])).toBe('list');
    expect(nearestName('dat', ['data', 'detail'])).toBe('data');
  });

  it('guesses nothing for a short name two letters from everything, or none close', () => {
    // "foo" is two letters from "low": no guess, rather than a wrong one.
    expect(nearestName('foo', ['rsiPeriod', 'trend', 'low'])).toBeNull();
    expect(nearestName('momentum', ['fast', 'slow'])).toBeNull();
    expect(nearestName('', ['fast'])).toBeNull();
  });

  it('takes the start of exactly one name, not of several', () => {
    expect(nearestName('bollinger', ['bollinger-reversion', 'donchian-breakout'])).toBe('bollinger-reversion');
    expect(nearestName('s', ['sma-cross', 'slow'])).toBeNull();
  });

  it('words it after the name a refusal quotes', () => {
    expect(`unknown strategy "sma-cros"${didYouMean('sma-cros', ['sma-cross'])}`).toBe('unknown strategy "sma-cros" (did you mean sma-cross?)');
    expect(didYouMean('zzz', ['sma-cross'])).toBe('');
  });
});
