// How many worker threads a comparison gets when --workers is not given: none for one run or little work
// (starting a thread costs more than it saves), else one per core, at most one per run and at most 8.
import { describe, expect, it } from 'vitest';
import { PARALLEL_FROM_BARS, runWorkers } from '../../../electron/cli/commands/backtest.ts';

describe('runWorkers', () => {
  it('runs one run inline however long it is', () => {
    expect(runWorkers(1, 50_000_000, 16)).toBe(0);
  });

  it('runs a comparison with little work inline', () => {
    expect(runWorkers(12, 12 * 35_000, 16)).toBe(0);
    expect(runWorkers(4, PARALLEL_FROM_BARS - 1, 16)).toBe(0);
  });

  it('gives a large comparison a thread per core, at most one per run and 8 in all', () => {
    expect(runWorkers(8, PARALLEL_FROM_BARS, 2)).toBe(2);
    expect(runWorkers(3, 3_000_000 * 3, 16)).toBe(3);
    expect(runWorkers(24, 24_000_000, 16)).toBe(8);
  });

  it('a single core gets no threads', () => {
    expect(runWorkers(24, 24_000_000, 1)).toBe(0);
  });
});
