// The Optimize form: default ranges around each parameter's default, the request it sends (the run
// form's request plus ranges as keel backtest --grid writes them; a walk-forward's folds and ratio in place
// of the holdout; the run form's portfolio, every set then traded over all its markets from one account),
// the line saying which markets it searches, what it says about bad input, the run a set of a finished
// search is run as, and the heat map of a search over two parameters.
import { describe, expect, it } from 'vitest';
import { BacktestRequestSchema, OptimizeRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { defaultDraft, toRunRequests, type StrategyInfo } from '../../../renderer/src/features/backtest/run-form.ts';
import { blankCellMark, blankCellText, heatmap } from '../../../shared/backtest/heatmap.ts';
import { DEFAULT_SEARCH, defaultRange, searchMarketsLine, setRunRequest, toSearchRequest, type SearchResult } from '../../../renderer/src/features/backtest/search-form.ts';

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
/** The stored series, as the run form lists them to tick. */
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h', 'local:SOL/USDT:1h', 'binance:XRP/USDT:4h'];
const ETH = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1h' };
const SOL = { exchange: 'local', symbol: 'SOL/USDT', timeframe: '1h' };
/** The run form trading BTC, SOL and ETH as one portfolio. */
const basket = { ...run, compareSeries: ['local:SOL/USDT:1h', 'local:ETH/USDT:1h'], portfolio: true };

describe('the Optimize form', () => {
  it('offers four values around each default, inside the bounds', () => {
    expect(defaultRange(SMA.params[0]!)).toBe('5:20:5');
    expect(defaultRange(SMA.params[1]!)).toBe('15:60:15');
    expect(defaultRange(BOLL.params[1]!)).toBe('1:4:1');
    expect(defaultRange({ ...SMA.params[0]!, default: 1, min: 1, max: 1 })).toBe('1');
    // A decimal parameter's step is one a trader would type: ai-assisted's confidence 0.6 in 0..1 gave 0.3:1:0.233333.
    expect(defaultRange({ ...SMA.params[0]!, type: 'number', default: 0.6, min: 0, max: 1 })).toBe('0.3:1:0.2');
    expect(defaultRange({ ...SMA.params[0]!, type: 'number', default: 2.5, min: 0.1, max: 10 })).toBe('1.25:5:1');
  });

  it('sends the run form\'s request with the ranges, method, objective and holdout', () => {
    const r = toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { slow: ' 20 | 40 ' }, objective: 'calmar', holdoutPct: '30' }, [SMA], STORED);
    expect(r).toEqual({
      strategy: 'sma-cross',
      params: { fast: 10, slow: 30 },
      series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' },
      mode: 'moderate',
      direction: 'long',
      borrowRatePct: 0,
      capital: 10_000,
      feePct: 0.1,
      slippageBps: 0,
      from: Date.UTC(2021, 0, 1),
      to: Date.UTC(2022, 0, 1) - 1,
      portfolio: [],
      weights: [],
      detail: null,
      ranges: 'fast=5:20:5,slow=20|40',
      method: 'grid',
      objective: 'calmar',
      holdoutPct: 30,
    });
    // The run form's "Fills inside bars" goes with the search: every set fills on the minutes.
    const onMinutes = toSearchRequest({ ...run, detail: '1m' }, DEFAULT_SEARCH, [SMA], STORED);
    expect(onMinutes).toMatchObject({ detail: '1m' });
    // "Run" on one of its sets runs it on the minutes too, whatever the form says now.
    expect(setRunRequest(onMinutes, { fast: 15 }, run)).toMatchObject({ params: { fast: 15, slow: 30 }, detail: '1m' });
    // An emptied range keeps the run form's value; random searches send how many sets to draw.
    expect(toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { fast: '' }, method: 'random', trials: '40' }, [SMA], STORED)).toMatchObject({ ranges: 'slow=15:60:15', method: 'random', trials: 40 });
    // With the form's seed, which draws the sets as keel backtest --seed does (before, every random search drew seed 1's).
    expect(toSearchRequest({ ...run, seed: '3' }, { ...DEFAULT_SEARCH, method: 'random', trials: '10' }, [SMA], STORED)).toMatchObject({ method: 'random', seed: 3 });
    expect(() => toSearchRequest({ ...run, seed: '1.5' }, { ...DEFAULT_SEARCH, method: 'random', trials: '10' }, [SMA], STORED)).toThrow(/a random search the same sets/);
  });

  it('sends a walk-forward\'s folds and in-sample ratio instead of the holdout, with the CLI\'s limits', () => {
    const walk = { ...DEFAULT_SEARCH, walkForward: true, folds: ' 4 ', isRatio: '2.5', holdoutPct: 'ignored' };
    const r = toSearchRequest(run, walk, [SMA], STORED);
    expect(r).toMatchObject({ ranges: 'fast=5:20:5,slow=15:60:15', method: 'grid', objective: 'sharpe', walkForward: { folds: 4, isRatio: 2.5 } });
    // The engine would not use a holdout beside the folds: none is sent, and a bad one is not in the way.
    expect('holdoutPct' in r).toBe(false);
    expect(toSearchRequest(run, { ...walk, folds: '100', isRatio: '20' }, [SMA], STORED).walkForward).toEqual({ folds: 100, isRatio: 20, anchored: false });
    expect(toSearchRequest(run, { ...walk, anchored: true }, [SMA], STORED).walkForward).toEqual({ folds: 4, isRatio: 2.5, anchored: true });
    expect(() => toSearchRequest(run, { ...walk, folds: '0' }, [SMA], STORED)).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, folds: '101' }, [SMA], STORED)).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, folds: '2.5' }, [SMA], STORED)).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, folds: '' }, [SMA], STORED)).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...walk, isRatio: '0' }, [SMA], STORED)).toThrow(/in-sample ratio: above 0 and at most 20/);
    expect(() => toSearchRequest(run, { ...walk, isRatio: '21' }, [SMA], STORED)).toThrow(/in-sample ratio: above 0 and at most 20/);
    // Unticked, the folds are not sent and the holdout is checked again.
    const plain = toSearchRequest(run, { ...walk, walkForward: false, holdoutPct: '10' }, [SMA], STORED);
    expect(plain.holdoutPct).toBe(10);
    expect('walkForward' in plain).toBe(false);
  });

  it("searches the run form's portfolio: the ticked markets beside its series, as the Run button's run trades them", () => {
    const r = toSearchRequest(basket, DEFAULT_SEARCH, [SMA], STORED);
    expect(r.series).toEqual({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' });
    expect(r.portfolio).toEqual([ETH, SOL]);
    // The same markets, in the same order, as the portfolio run the Run button starts.
    expect(r.portfolio).toEqual(toRunRequests(basket, [SMA], STORED)[0]!.portfolio);
    // A walk-forward searches every fold over the whole portfolio too.
    expect(toSearchRequest(basket, { ...DEFAULT_SEARCH, walkForward: true }, [SMA], STORED)).toMatchObject({ portfolio: [ETH, SOL], walkForward: { folds: 5, isRatio: 3 } });
    // With fills inside bars, every market's finer series must be stored: the form names the one that is not.
    const minutes = [...STORED, 'local:BTC/USDT:1m', 'local:ETH/USDT:1m'];
    expect(() => toSearchRequest({ ...basket, detail: '1m' }, DEFAULT_SEARCH, [SMA], minutes)).toThrow('SOL/USDT on local has none stored (no finer series of it is stored)');
    expect(toSearchRequest({ ...basket, detail: '1m' }, DEFAULT_SEARCH, [SMA], [...minutes, 'local:SOL/USDT:1m'])).toMatchObject({ detail: '1m', portfolio: [ETH, SOL] });
  });

  it("searches the form's series alone when the markets are not one portfolio", () => {
    // Ticked only to compare runs: the search stays on one market (it does not search each one).
    expect(toSearchRequest({ ...basket, portfolio: false }, DEFAULT_SEARCH, [SMA], STORED).portfolio).toEqual([]);
    // A portfolio with nothing beside the form's series is one market.
    expect(toSearchRequest({ ...basket, compareSeries: [] }, DEFAULT_SEARCH, [SMA], STORED).portfolio).toEqual([]);
    // A ticked series no longer stored is not searched.
    expect(toSearchRequest(basket, DEFAULT_SEARCH, [SMA], ['local:BTC/USDT:1h']).portfolio).toEqual([]);
  });

  it('refuses a portfolio the engine would refuse, as the Run button does, before anything is sent', () => {
    const mixed = { ...basket, compareSeries: ['local:ETH/USDT:1h', 'binance:XRP/USDT:4h'] };
    expect(() => toSearchRequest(mixed, DEFAULT_SEARCH, [SMA], STORED)).toThrow("a portfolio's markets must share one timeframe; these are BTC/USDT 1h, ETH/USDT 1h, XRP/USDT 4h: tick only series of 1h, or untick the portfolio");
    const stored = Array.from({ length: 9 }, (_, i) => `local:C${i}/USDT:1h`);
    expect(() => toSearchRequest({ ...basket, series: stored[0]!, compareSeries: stored.slice(1) }, DEFAULT_SEARCH, [SMA], stored)).toThrow(/9 markets ticked; a portfolio trades at most 8/);
  });

  it('says above the Optimize button which markets it searches', () => {
    expect(searchMarketsLine(basket, STORED)).toEqual({ text: 'Searches BTC/USDT + ETH/USDT + SOL/USDT 1h as one portfolio (one account)', problem: false });
    expect(searchMarketsLine(run, STORED)).toEqual({ text: 'Searches BTC/USDT 1h', problem: false });
    // Other markets ticked for the Run button, but no portfolio: the search does not take them along.
    expect(searchMarketsLine({ ...basket, portfolio: false }, STORED)).toEqual({ text: 'Searches BTC/USDT 1h alone (tick the portfolio to search the ticked markets with it)', problem: false });
    // Fills inside bars go with every set; a portfolio market without them stored is named before the search starts.
    const minutes = [...STORED, 'local:BTC/USDT:1m', 'local:ETH/USDT:1m', 'local:SOL/USDT:1m'];
    expect(searchMarketsLine({ ...basket, detail: '1m' }, minutes)).toEqual({ text: 'Searches BTC/USDT + ETH/USDT + SOL/USDT 1h as one portfolio (one account), filling inside bars from 1m bars', problem: false });
    expect(searchMarketsLine({ ...run, detail: '1m' }, minutes)).toEqual({ text: 'Searches BTC/USDT 1h, filling inside bars from 1m bars', problem: false });
    expect(searchMarketsLine({ ...basket, detail: '1m' }, minutes.slice(0, -1))).toMatchObject({ text: expect.stringContaining('SOL/USDT on local has none stored'), problem: true });
    expect(searchMarketsLine({ ...basket, compareSeries: ['binance:XRP/USDT:4h'] }, STORED)).toMatchObject({ text: expect.stringMatching(/^a portfolio's markets must share one timeframe/), problem: true });
    expect(searchMarketsLine({ ...run, series: '' }, STORED)).toBeNull();
    // At a timeframe made from the stored ones: every market of the portfolio rolled up with it, XRP's 4h too.
    expect(searchMarketsLine({ ...basket, timeframe: '1d', compareSeries: ['local:ETH/USDT:1h', 'binance:XRP/USDT:4h'] }, STORED)).toEqual({
      text: 'Searches local BTC/USDT + local ETH/USDT + binance XRP/USDT 1d as one portfolio (one account)',
      problem: false,
    });
    expect(toSearchRequest({ ...run, timeframe: '4h' }, DEFAULT_SEARCH, [SMA], STORED).series).toEqual({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '4h' });
  });

  it("runs a set as it was searched: the search's markets, portfolio, dates and mode, whatever the form says now", () => {
    // The search as the engine lists it (defaults filled in), searched as a portfolio with the holdout.
    const searched = OptimizeRequestSchema.parse(toSearchRequest({ ...basket, mode: 'aggressive' }, { ...DEFAULT_SEARCH, ranges: { fast: '5|10' } }, [SMA], STORED));
    // Since then the trader unticked the portfolio, picked another series and dates, and asked for bands.
    const form = { ...run, series: 'local:SOL/USDT:1h', portfolio: false, from: '2020-01-01', mode: 'conservative' as const, monteCarlo: '200', seed: '7' };
    const r = setRunRequest(searched, { fast: 5 }, form);
    expect(r).toMatchObject({
      strategy: 'sma-cross',
      params: { fast: 5, slow: 30 },
      series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' },
      portfolio: [ETH, SOL],
      mode: 'aggressive',
      from: Date.UTC(2021, 0, 1),
      to: Date.UTC(2022, 0, 1) - 1,
      monteCarlo: 200,
      seed: 7,
    });
    // Nothing of the search itself rides along: the engine takes it as a backtest.run request.
    expect(() => BacktestRequestSchema.parse(r)).not.toThrow();
    // A single-market search's set runs on that market alone, even with the form's portfolio ticked.
    const single = OptimizeRequestSchema.parse(toSearchRequest(run, { ...DEFAULT_SEARCH, walkForward: true }, [SMA], STORED));
    expect(setRunRequest(single, { fast: 20, slow: 60 }, basket)).toMatchObject({ series: { symbol: 'BTC/USDT' }, portfolio: [], params: { fast: 20, slow: 60 } });
    // The form's Monte Carlo is checked as the Run button checks it.
    expect(() => setRunRequest(searched, { fast: 5 }, { ...form, monteCarlo: '2.5' })).toThrow(/Monte Carlo runs: a whole number of simulations/);
  });

  it('says what to fix', () => {
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { fast: '', slow: '' } }, [SMA], STORED)).toThrow(/give at least one parameter a range to search, e\.g\. 5:50:5/);
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, ranges: { fast: '5 to 10' } }, [SMA], STORED)).toThrow('fast: write from:to:step (5:50:5) or values (5|10|20)');
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, holdoutPct: '80' }, [SMA], STORED)).toThrow(/holdout: a percent of the bars from 0 to 75/);
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, method: 'random', trials: '0' }, [SMA], STORED)).toThrow('sets to draw: a whole number from 1 to 5000');
    // Hex is not a count, as keel backtest --trials/--holdout/--walk-forward say.
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, method: 'random', trials: '0x10' }, [SMA], STORED)).toThrow('sets to draw: a whole number from 1 to 5000');
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, holdoutPct: '0x10' }, [SMA], STORED)).toThrow(/holdout: a percent of the bars from 0 to 75/);
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, walkForward: true, folds: '0x3' }, [SMA], STORED)).toThrow('folds: a whole number from 1 to 100');
    expect(() => toSearchRequest(run, { ...DEFAULT_SEARCH, walkForward: true, isRatio: '0x3' }, [SMA], STORED)).toThrow(/in-sample ratio: above 0 and at most 20/);
    // The run form's own checks come first.
    expect(() => toSearchRequest({ ...run, capital: '-5' }, DEFAULT_SEARCH, [SMA], STORED)).toThrow(/capital: the starting capital, a number above 0/);
  });

  it('lays the scores of a two-parameter search on a grid, telling a set never tried from one tried without a score', () => {
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
      // fast=10 slow=40 was run and has no score; fast=20 slow=20 was never tried: the two blanks differ.
      tried: [
        [true, true],
        [true, true],
        [false, true],
      ],
    });
    expect([blankCellMark(true), blankCellMark(false)]).toEqual(['n/a', '–']);
    expect(blankCellText(false, 'sharpe')).toBe("not tried: the strategy's rules refuse the pair");
    // A random search leaves out pairs it did not draw too: those are not refused by any rule.
    expect(blankCellText(false, 'sharpe', true)).toBe("not tried: the random search did not draw the pair (or the strategy's rules refuse it)");
    expect(blankCellText(false, 'sharpe', false, true)).toBe("not tried: the search was cancelled before it (or the strategy's rules refuse the pair)");
    expect(blankCellText(true, 'sharpe')).toBe('tried, but its Sharpe has no value (no closed trade, or too few days for it)');
    expect(blankCellText(true, 'profit-factor')).toBe('tried, but its profit factor has no value (no closed trade, or too few days for it)');
    // One parameter varied (or three): no grid.
    expect(heatmap([set(5, 20, 1), set(10, 20, 2)])).toBeNull();
    expect(heatmap([])).toBeNull();
  });
});
