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
    expect(searchHeadline(o, 'sharpe')).toEqual({ params: { fast: 10, slow: 30 }, inSampleScore: 1.8, outOfSampleScore: -0.3, outOfSampleReturnPct: -6.5, warnings: 1 });
  });

  it('a search with no holdout has no out-of-sample figures', () => {
    const o = outcome({ sets: [{ params: { fast: 10 }, score: null, metrics: metrics(3) }], setCount: 1, warnings: ['in-sample only'] });
    expect(searchHeadline(o, 'sharpe')).toEqual({ params: { fast: 10 }, inSampleScore: null, outOfSampleScore: null, outOfSampleReturnPct: null, warnings: 1 });
  });

  it("a walk-forward: the last fold's winner and the mean of the folds' defined scores", () => {
    const wf: WalkForwardOutcome = {
      folds: [fold({ fast: 5 }, 2, 1), fold({ fast: 10 }, null, 0.5), fold({ fast: 15 }, 1, null)],
      equity: [],
      outOfSampleReturnPct: 12.25,
      efficiency: 0.5,
      warnings: [],
    };
    expect(searchHeadline(outcome({ walkForward: wf, setCount: 3 }), 'sharpe')).toEqual({ params: { fast: 15 }, inSampleScore: 1.5, outOfSampleScore: 0.75, outOfSampleReturnPct: 12.25, warnings: 0 });
  });

  it('an infinite score (every trade a winner) is said as such, which JSON cannot carry as a number', () => {
    // The JSON's null beside a win rate: a profit factor of ∞. Before, the list of searches read "–" for it.
    const won = { totalReturnPct: 5.7, winRatePct: 100 };
    const o = outcome({ sets: [{ params: { lower: 30 }, score: null, metrics: won }], setCount: 1, outOfSample: { ...span, score: null, metrics: won } });
    expect(searchHeadline(o, 'profit-factor')).toEqual({ params: { lower: 30 }, inSampleScore: null, outOfSampleScore: null, inSampleInfinite: true, outOfSampleInfinite: true, outOfSampleReturnPct: 5.7, warnings: 0 });
    // A walk-forward: the mean of the finite folds; infinite only where every fold with a score is.
    const f = (is: number | null, oos: number | null) => ({ ...fold({ lower: 30 }, is, oos), inSampleMetrics: won, outOfSampleMetrics: won });
    const wf = (folds: WalkForwardOutcome['folds']): WalkForwardOutcome => ({ folds, equity: [], outOfSampleReturnPct: 1, efficiency: null, warnings: [] });
    expect(searchHeadline(outcome({ walkForward: wf([f(null, 2), f(3, null)]) }), 'profit-factor')).toMatchObject({ inSampleScore: 3, outOfSampleScore: 2 });
    expect(searchHeadline(outcome({ walkForward: wf([f(null, null), f(null, null)]) }), 'profit-factor')).toMatchObject({ inSampleScore: null, inSampleInfinite: true, outOfSampleInfinite: true });
  });

  it('nothing ranked, nothing to head', () => {
    expect(searchHeadline(outcome({}), 'sharpe')).toBeNull();
    expect(searchHeadline(outcome({ walkForward: { folds: [], equity: [], outOfSampleReturnPct: 0, efficiency: null, warnings: [] } }), 'sharpe')).toBeNull();
  });
});
