// A search's headline (the line the backtest page's list of searches shows), on hand-made outcomes: a
// holdout search's best set and held-out run, a walk-forward's last winner and its folds' mean scores
// (undefined scores left out, as walkForward's efficiency leaves them out), and nothing when nothing ranked.
import { describe, expect, it } from 'vitest';
import type { OptimizeOutcome, WalkForwardOutcome } from '../../../electron/backtest/optimize-worker.ts';
import { searchHeadline } from '../../../electron/backtest/search-headline.ts';

const span = { from: 0, to: 1 };
const metrics = (ret: number) => ({ totalReturnPct: ret, sharpe: 1 });

function outcome(over: Partial<OptimizeOutcome>): OptimizeOutcome {
  return { sets: [], setCount: 0, inSample: null, outOfSample: null, warnings: [], walkForward: null, ...over };
}

function fold(params: Record<string, number>, is: number | null, oos: number | null): WalkForwardOutcome['folds'][number] {
  return { inSample: span, outOfSample: span, params, inSampleScore: is, outOfSampleScore: oos, inSampleMetrics: metrics(1), outOfSampleMetrics: metrics(2) };
}

describe('search headline', () => {
  it("a holdout search: the best set, its in-sample score, and the held-out score and return", () => {
    const o = outcome({
      sets: [
        { params: { fast: 10, slow: 30 }, score: 1.8, metrics: metrics(40) },
        { params: { fast: 5, slow: 20 }, score: 0.9, metrics: metrics(12) },
      ],
      setCount: 2,
      outOfSample: { ...span, score: -0.3, metrics: metrics(-6.5) },
      warnings: ['WARNING: the best in-sample result does not hold out of sample'],
    });
    expect(searchHeadline(o)).toEqual({ params: { fast: 10, slow: 30 }, inSampleScore: 1.8, outOfSampleScore: -0.3, outOfSampleReturnPct: -6.5, warnings: 1 });
  });

  it('a search with no holdout has no out-of-sample figures', () => {
    const o = outcome({ sets: [{ params: { fast: 10 }, score: null, metrics: metrics(3) }], setCount: 1, warnings: ['in-sample only'] });
    expect(searchHeadline(o)).toEqual({ params: { fast: 10 }, inSampleScore: null, outOfSampleScore: null, outOfSampleReturnPct: null, warnings: 1 });
  });

  it("a walk-forward: the last fold's winner and the mean of the folds' defined scores", () => {
    const wf: WalkForwardOutcome = {
      folds: [fold({ fast: 5 }, 2, 1), fold({ fast: 10 }, null, 0.5), fold({ fast: 15 }, 1, null)],
      equity: [],
      outOfSampleReturnPct: 12.25,
      efficiency: 0.5,
      warnings: [],
    };
    expect(searchHeadline(outcome({ walkForward: wf, setCount: 3 }))).toEqual({ params: { fast: 15 }, inSampleScore: 1.5, outOfSampleScore: 0.75, outOfSampleReturnPct: 12.25, warnings: 0 });
  });

  it('nothing ranked, nothing to head', () => {
    expect(searchHeadline(outcome({}))).toBeNull();
    expect(searchHeadline(outcome({ walkForward: { folds: [], equity: [], outOfSampleReturnPct: 0, efficiency: null, warnings: [] } }))).toBeNull();
  });
});
