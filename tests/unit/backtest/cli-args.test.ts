// Pieces of `keel backtest`'s argument handling and of its search's ranking, in-process: a single-valued
// flag given twice is found (node's parseArgs keeps the last without a word), a search whose objective
// has no value for any set is told apart from one that ranked, and a random search asked for more sets
// than its ranges hold takes them all at once.
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repeatedOption } from '../../../electron/cli/args.ts';
import { unranked, type RankedSet } from '../../../electron/backtest/optimize.ts';
import { gridSets, randomSets } from '../../../electron/backtest/param-space.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import { findStrategy } from '../../../electron/strategies/registry.ts';

const OPTIONS = { limits: { type: 'string' }, data: { type: 'string', multiple: true }, anchored: { type: 'boolean' } } as const;
const tokens = (args: string[]) => parseArgs({ args, options: OPTIONS, strict: true, tokens: true }).tokens;

describe('repeatedOption', () => {
  it('finds a single-valued flag given twice, with every value it was given', () => {
    expect(repeatedOption(tokens(['--limits', 'a=1', '--data', 'x', '--limits=b=2', '--limits', 'c=3']), OPTIONS)).toEqual({ name: 'limits', values: ['a=1', 'b=2', 'c=3'] });
  });

  it('leaves alone flags given once, flags taken many times, and booleans', () => {
    expect(repeatedOption(tokens(['--limits', 'a=1', '--data', 'x', '--data', 'y', '--anchored', '--anchored']), OPTIONS)).toBeNull();
  });
});

describe('a search ranking', () => {
  const set = (score: number): RankedSet => ({ params: {}, score, metrics: {} as Metrics });

  it('is unranked only when no set has a value for the objective (each scored as −∞)', () => {
    expect(unranked([set(-Infinity), set(-Infinity)])).toBe(true);
    expect(unranked([set(0.5), set(-Infinity)])).toBe(false);
    // A profit factor without a losing trade is +∞: a value, and the best.
    expect(unranked([set(Infinity), set(-Infinity)])).toBe(false);
    // One set is not a ranking to be misread.
    expect(unranked([set(-Infinity)])).toBe(false);
  });

  it('takes every valid set at once when asked for as many as the ranges hold or more', () => {
    const sma = findStrategy('sma-cross');
    const ranges = { fast: [5, 10, 40], slow: [30, 60] };
    const all = gridSets(sma, { fast: 10, slow: 30 }, ranges);
    expect(all).toHaveLength(5);
    expect(randomSets(sma, { fast: 10, slow: 30 }, ranges, 6, 3)).toEqual(all);
    expect(randomSets(sma, { fast: 10, slow: 30 }, ranges, 1_000_000, 3)).toEqual(all);
    // Fewer: a seeded draw of that many.
    expect(randomSets(sma, { fast: 10, slow: 30 }, ranges, 3, 3)).toHaveLength(3);
  });
});
