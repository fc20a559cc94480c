// The Optimize form: default ranges around each parameter's default, the request it sends (the run
// form's request plus ranges as keel backtest --grid writes them; a walk-forward's folds and ratio in place
// of the holdout), what it says about bad input, and the heat map of a search over two parameters.
import { describe, expect, it } from 'vitest';
import { defaultDraft, type StrategyInfo } from '../../../renderer/src/features/backtest/run-form.ts';
import { DEFAULT_SEARCH, defaultRange, heatmap, toSearchRequest, type SearchResult } from '../../../renderer/src/features/backtest/search-form.ts';

const SMA: StrategyInfo = {
  name: 'sma-cross',
  description: '',
  params: [
    { name: 'fast', type: 'int', default: 10, min: 1, max: 1000, step: 1, description: '' },
    { name: 'slow', type: 'int', default: 30, min: 2, max: 5000, step: 1, description: '' },
  ],
  file: null,
};
const BOLL: StrategyInfo = {
  name: 'bollinger-reversion',
  description: '',
  params: [
    { name: 'period', type: 'int', default: 20, min: 2, max: 1000, step: 1, description: '' },
    { name: 'mult', type: 'number', default: 2, min: 0.1, max: 10, step: 0.5, description: '' },
  ],
  file: null,
};
const run = { ...defaultDraft(SMA, 'local:BTC/USDT:1h'), from: '2021-01-01', to: '2021-12-31' };

describe('the Optimize form', () => {
  it('offers four values around each default, inside the bounds', () => {
    expect(defaultRange(SMA.params[0]!)).toBe('5:20:5');
    expect(defaultRange(SMA.params[1]!)).toBe('15:60:15');
    expect(defaultRange(BOLL.params[1]!)).toBe('1:4:1');
    expect(defaultRange({ ...SMA.params[0]!, default: 1, min: 1, max: 1 })).toBe('1');
  });

  it('sends the run form\'s request with the ranges, method, objective and holdout', () => {
    const r = toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { slow: ' 20 | 40 ' }, objective: 'calmar', holdoutPct: '30' }, [SMA]);
    expect(r).toEqual({
      strategy: 'sma-cross',
      params: { fast: 10, slow: 30 },
      series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' },
      mode: 'moderate',
      capital: 10_000,
      feePct: 0.1,
      from: Date.UTC(2021, 0, 1),
      to: Date.UTC(2022, 0, 1) - 1,
      ranges: 'fast=5:20:5,slow=20|40',
      method: 'grid',
      objective: 'calmar',
      holdoutPct: 30,
    });
    // An emptied range keeps the run form's value; random searches send how many sets to draw.
    expect(toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { fast: '' }, method: 'random', trials: '40' }, [SMA])).toMatchObject({ ranges: 'slow=15:60:15', method: 'random', trials: 40 });
  });

  it('sends a walk-forward\'s folds and in-sample ratio instead of the holdout, with the CLI\'s limits', () => {
    const walk = { ...DEFAULT_SEARCH, walkForward: true, folds: ' 4 ', isRatio: '2.5', holdoutPct: 'ignored' };
    const r = toSearchRequest(run, walk, [SMA]);
    expect(r).toMatchObject({ ranges: 'fast=5:20:5,slow=15:60:15', method: 'grid', objective: 'sharpe', walkForward: { folds: 4, isRatio: 2.5 } });
    // The engine would not use a holdout beside the folds: none is sent, and a bad one is not in the way.
    expect('holdoutPct' in r).toBe(false);
    expect(toSearchRequest(run, { ...walk, folds: '100', isRatio: '20' }, [SMA]).walkForward).toEqual({ folds: 100, isRatio: 20 });
    expect(() => toSearchRequest(run, { ...walk, folds: '0' }, [SMA])).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, folds: '101' }, [SMA])).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, folds: '2.5' }, [SMA])).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, folds: '' }, [SMA])).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, isRatio: '0' }, [SMA])).toThrow(/in-sample ratio: above 0 and at most 20/);
    expect(() => toSearchRequest(run, { ...walk, isRatio: '21' }, [SMA])).toThrow(/in-sample ratio: above 0 and at most 20/);
    // Unticked, the folds are not sent and the holdout is checked again.
    const plain = toSearchRequest(run, { ...walk, walkForward: false, holdoutPct: '10' }, [SMA]);
    expect(plain.holdoutPct).toBe(10);
    expect('walkForward' in plain).toBe(false);
  });

  it('says what to fix', () => {
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { fast: '', slow: '' } }, [SMA])).toThrow(/give at least one parameter a range to search, e\.g\. 5:50:5/);
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { fast: '5 to 10' } }, [SMA])).toThrow('fast: write from:to:step (5:50:5) or values (5|10|20)');
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, holdoutPct: '80' }, [SMA])).toThrow(/holdout: a percent of the bars from 0 to 75/);
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, method: 'random', trials: '0' }, [SMA])).toThrow('sets to draw: a whole number from 1 to 5000');
    // The run form's own checks come first.
    expect(() => toSearchRequest({ ...run, capital: '-5' }, DEFAULT_SEARCH, [SMA])).toThrow(/capital: a number above 0/);
  });

  it('lays the scores of a two-parameter search on a grid, blank where no set was tried', () => {
    const set = (fast: number, slow: number, score: number | null) => ({ params: { fast, slow }, score, metrics: {} });
    const sets: SearchResult['sets'] = [set(10, 20, 1.5), set(5, 20, 0.5), set(5, 40, -0.2), set(10, 40, null), set(20, 40, 0.1)];
    expect(heatmap(sets)).toEqual({
      row: 'fast',
      col: 'slow',
      rowValues: [5, 10, 20],
      colValues: [20, 40],
      score: [
        [0.5, -0.2],
        [1.5, null],
        [null, 0.1],
      ],
    });
    // One parameter varied (or three): no grid.
    expect(heatmap([set(5, 20, 1), set(10, 20, 2)])).toBeNull();
    expect(heatmap([])).toBeNull();
  });
});
