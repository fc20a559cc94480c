// A portfolio's weights on the backtest form: a box per market (the form's series first, then the ticked ones
// in the list's order, as the request sends them). All empty, the request sends no weights (equal shares, as
// before); once one is filled an empty box counts as 1. A weight the engine would refuse is refused by the
// form in the engine's words, and the Run and Optimize buttons send nothing. The page names a run's markets
// with their shares when the weights are not equal, compares it only with runs split the same way, and
// names its basket by them.
import { afterEach, describe, expect, it } from 'vitest';
import { BacktestRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { startRun } from '../../../renderer/src/features/backtest/backtest-actions.ts';
import { useBacktest, type RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { groupKey } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { defaultDraft, toRunRequests, type RunDraft } from '../../../renderer/src/features/backtest/run-form.ts';
import { basketName, marketsLabel } from '../../../renderer/src/features/backtest/run-markets.ts';
import { weightShareTexts } from '../../../renderer/src/features/backtest/run-weights.ts';
import { startSearch } from '../../../renderer/src/features/backtest/search-actions.ts';
import { DEFAULT_SEARCH, searchMarketsLine, toSearchRequest } from '../../../renderer/src/features/backtest/search-form.ts';
import { fakeApi } from './fake-api.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]])];
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h', 'local:SOL/USDT:1h'];
const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' as const };
const ETH = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1h' as const };
const SOL = { exchange: 'local', symbol: 'SOL/USDT', timeframe: '1h' as const };
const key = (s: { exchange: string; symbol: string; timeframe: string }) => `${s.exchange}:${s.symbol}:${s.timeframe}`;
const SEARCH = { ...DEFAULT_SEARCH, ranges: { fast: '5|10' } };

/** The form trading BTC with ETH (and whatever else is ticked) as one portfolio, these boxes filled. */
const weighted = (weights: Record<string, string>, patch: Partial<RunDraft> = {}): RunDraft => ({ ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), compareSeries: ['local:ETH/USDT:1h'], portfolio: true, weights, ...patch });

const initial = useBacktest.getState();
afterEach(() => useBacktest.setState(initial, true));

describe('the weight boxes of a portfolio', () => {
  it('send no weights while every box is empty: equal shares, as before', () => {
    const [run] = toRunRequests(weighted({}), STRATEGIES, STORED);
    expect(run!.weights).toEqual([]);
    expect(toRunRequests(weighted({ 'local:BTC/USDT:1h': '  ' }), STRATEGIES, STORED)[0]!.weights).toEqual([]);
    expect(toSearchRequest(weighted({}), SEARCH, STRATEGIES, STORED).weights).toEqual([]);
    expect(weightShareTexts({}, [BTC, ETH, SOL])).toEqual({ shares: ['33.3%', '33.3%', '33.3%'], problem: null });
  });

  it("send one weight per market in the request's order, the form's series first, an empty box counting as 1", () => {
    // SOL ticked before ETH: the list's order (ETH, SOL) is the request's, and the weights follow it.
    const draft = weighted({ 'local:SOL/USDT:1h': '2', 'local:BTC/USDT:1h': '5' }, { compareSeries: ['local:SOL/USDT:1h', 'local:ETH/USDT:1h'] });
    const [run] = toRunRequests(draft, STRATEGIES, STORED);
    expect([key(run!.series), run!.portfolio!.map(key), run!.weights]).toEqual(['local:BTC/USDT:1h', ['local:ETH/USDT:1h', 'local:SOL/USDT:1h'], [5, 1, 2]]);
    expect(weightShareTexts(draft.weights, [BTC, ETH, SOL])).toEqual({ shares: ['62.5%', '12.5%', '25%'], problem: null });
    // The engine takes them as sent.
    expect(BacktestRequestSchema.parse(run).weights).toEqual([5, 1, 2]);
  });

  it('give every run the form starts, and the search, the same weights', () => {
    const draft = weighted({ 'local:BTC/USDT:1h': '3', 'local:ETH/USDT:1h': '1' }, { compareStrategies: ['ema-cross'], compareModes: ['aggressive'] });
    const runs = toRunRequests(draft, STRATEGIES, STORED);
    expect(runs.map((r) => [r.strategy, r.mode, r.weights])).toEqual([
      ['sma-cross', 'moderate', [3, 1]],
      ['sma-cross', 'aggressive', [3, 1]],
      ['ema-cross', 'moderate', [3, 1]],
      ['ema-cross', 'aggressive', [3, 1]],
    ]);
    expect(toSearchRequest(draft, SEARCH, STRATEGIES, STORED)).toMatchObject({ portfolio: [ETH], weights: [3, 1] });
  });

  it('are not sent without a portfolio: separate runs and a search of one market take none', () => {
    const boxes = { 'local:BTC/USDT:1h': '3', 'local:ETH/USDT:1h': '1' };
    const runs = toRunRequests(weighted(boxes, { portfolio: false }), STRATEGIES, STORED);
    expect(runs).toHaveLength(2);
    for (const r of runs) expect(r).not.toHaveProperty('weights');
    expect(toSearchRequest(weighted(boxes, { portfolio: false }), SEARCH, STRATEGIES, STORED).weights).toEqual([]);
    // A box of a market since unticked is not read: a bad one there refuses nothing.
    expect(toRunRequests(weighted({ ...boxes, 'local:SOL/USDT:1h': 'x' }), STRATEGIES, STORED)[0]!.weights).toEqual([3, 1]);
  });

  it("refuses a weight that is not a number above 0 in the engine's words, naming the market", () => {
    const cases: [string, string][] = [
      ['0', 'weights: 0 for ETH/USDT is not a number above 0 and at most 1,000,000; weights are relative (60,40 or 3,2)'],
      ['-1', 'weights: -1 for ETH/USDT is not a number above 0 and at most 1,000,000; weights are relative (60,40 or 3,2)'],
      ['many', 'weights: the weight for ETH/USDT is not a number; weights are relative numbers above 0 (60,40 or 3,2)'],
      // As keel backtest --weights reads it: hex is no weight of 16.
      ['0x10', 'weights: the weight for ETH/USDT is not a number; weights are relative numbers above 0 (60,40 or 3,2)'],
      ['2000000', 'weights: 2000000 for ETH/USDT is not a number above 0 and at most 1,000,000; weights are relative (60,40 or 3,2)'],
    ];
    for (const [typed, message] of cases) {
      const draft = weighted({ 'local:BTC/USDT:1h': '3', 'local:ETH/USDT:1h': typed });
      expect(() => toRunRequests(draft, STRATEGIES, STORED)).toThrow(message);
      expect(() => toSearchRequest(draft, SEARCH, STRATEGIES, STORED)).toThrow(message);
      // Beside the boxes, in place of the shares; and on the line above the Optimize button, as a problem.
      expect(weightShareTexts(draft.weights, [BTC, ETH])).toEqual({ shares: null, problem: message });
      expect(searchMarketsLine(draft, STORED)).toEqual({ text: message, problem: true });
    }
  });

  it('keeps the Run and Optimize buttons from sending anything while a weight is refused', async () => {
    const api = fakeApi({});
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: weighted({ 'local:ETH/USDT:1h': '0' }), searchDraft: SEARCH });

    await startRun(api);
    expect(useBacktest.getState().runError?.text).toBe('weights: 0 for ETH/USDT is not a number above 0 and at most 1,000,000; weights are relative (60,40 or 3,2)');
    useBacktest.setState({ runError: null });
    await startSearch(api);
    expect(useBacktest.getState().searchError?.text).toMatch(/^weights: 0 for ETH\/USDT.* \(in the backtest form above\)$/);
    expect(api.calls).toEqual([]);
  });
});

describe('a weighted portfolio on the page', () => {
  it('is named with its shares only when they are not equal', () => {
    expect(marketsLabel({ series: BTC, portfolio: [ETH], weights: [3, 1] })).toBe('BTC/USDT 75% + ETH/USDT 25% 1h');
    expect(marketsLabel({ series: BTC, portfolio: [ETH, SOL], weights: [60, 30, 10] })).toBe('BTC/USDT 60% + ETH/USDT 30% + SOL/USDT 10% 1h');
    expect(marketsLabel({ series: BTC, portfolio: [{ ...ETH, exchange: 'binance' }], weights: [1, 2] })).toBe('local BTC/USDT 33.3% + binance ETH/USDT 66.7% 1h');
    // Equal weights, or none, are the equal split the plain name means.
    for (const weights of [[], [2, 2], undefined]) expect(marketsLabel({ series: BTC, portfolio: [ETH], weights })).toBe('BTC/USDT + ETH/USDT 1h');
    // Weights the engine would refuse name no split.
    expect(marketsLabel({ series: BTC, portfolio: [ETH], weights: [3] })).toBe('BTC/USDT + ETH/USDT 1h');
  });

  it('says its shares above the Optimize button', () => {
    expect(searchMarketsLine(weighted({ 'local:BTC/USDT:1h': '60', 'local:ETH/USDT:1h': '40' }), STORED)).toEqual({ text: 'Searches BTC/USDT 60% + ETH/USDT 40% 1h as one portfolio (one account)', problem: false });
    expect(searchMarketsLine(weighted({ 'local:BTC/USDT:1h': '1' }), STORED)).toEqual({ text: 'Searches BTC/USDT + ETH/USDT 1h as one portfolio (one account)', problem: false });
  });

  it('names its basket by the weights, "equal-weight" only when the shares are equal', () => {
    expect(basketName([{ symbol: 'BTC/USDT', weight: 0.75 }, { symbol: 'ETH/USDT', weight: 0.25 }])).toBe("the markets' basket in the run's weights (BTC/USDT 75%, ETH/USDT 25%)");
    expect(basketName([{ symbol: 'BTC/USDT', weight: 0.5 }, { symbol: 'ETH/USDT', weight: 0.5 }])).toBe("the markets' equal-weight basket");
  });

  it('is compared by strategy and mode only with runs split the same way', () => {
    const run = (weights: number[]): RunSummary => ({
      runId: 'bt-1',
      status: 'done',
      request: { strategy: 'sma-cross', params: {}, series: BTC, mode: 'moderate', capital: 10_000, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 0, seed: 1, portfolio: [ETH], weights },
      startedAt: 0,
      progress: 1,
      metrics: null,
      error: null,
    });
    expect(groupKey(run([3, 1]))).toBe(groupKey(run([75, 25])));
    expect(groupKey(run([]))).toBe(groupKey(run([1, 1])));
    expect(groupKey(run([3, 1]))).not.toBe(groupKey(run([])));
  });
});
