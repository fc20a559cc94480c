// How many app backtests run at once: one per core unless KEEL_BACKTEST_WORKERS says otherwise, read
// strictly (a typo stops start-up with what is valid rather than quietly running one or a hundred).
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runWorkersFrom } from '../../../electron/backtest/backtest-service.ts';

describe('KEEL_BACKTEST_WORKERS', () => {
  it('defaults to one run per core', () => {
    expect(runWorkersFrom({})).toBe(availableParallelism());
    expect(runWorkersFrom({ KEEL_BACKTEST_WORKERS: ' ' })).toBe(availableParallelism());
  });

  it('takes a whole number from 1 to 64', () => {
    expect(runWorkersFrom({ KEEL_BACKTEST_WORKERS: '1' })).toBe(1);
    expect(runWorkersFrom({ KEEL_BACKTEST_WORKERS: ' 64 ' })).toBe(64);
  });

  it('refuses anything else, saying what is valid', () => {
    for (const bad of ['0', '65', '1.5', 'two', '-3']) {
      expect(() => runWorkersFrom({ KEEL_BACKTEST_WORKERS: bad })).toThrow(`KEEL_BACKTEST_WORKERS must be a whole number of backtest runs at once from 1 to 64 (unset: one per core, ${availableParallelism()} here), got "${bad}"`);
    }
  });
});
