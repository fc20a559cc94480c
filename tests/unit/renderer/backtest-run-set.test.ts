// "Run" on a set of a finished search: the set runs as one backtest of its own, as it was searched (a
// portfolio search's set as a portfolio run of the same markets in the same weights), even after the trader
// changed the run form; the form then shows the set's strategy and parameters, and the curves tab opens.
import { afterEach, describe, expect, it } from 'vitest';
import { BacktestRequestSchema, OptimizeRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { useBacktest } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { defaultDraft, type RunDraft } from '../../../renderer/src/features/backtest/run-form.ts';
import { runSet } from '../../../renderer/src/features/backtest/search-actions.ts';
import { DEFAULT_SEARCH, toSearchRequest } from '../../../renderer/src/features/backtest/search-form.ts';
import { fakeApi } from './fake-api.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]])];
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h', 'local:SOL/USDT:1h'];
const key = (s: { exchange: string; symbol: string; timeframe: string }) => `${s.exchange}:${s.symbol}:${s.timeframe}`;
const initial = useBacktest.getState();

afterEach(() => useBacktest.setState(initial, true));

/** The search as the engine lists it (its defaults filled in), made from this run form. */
const searchOf = (draft: RunDraft) => OptimizeRequestSchema.parse(toSearchRequest(draft, { ...DEFAULT_SEARCH, ranges: { fast: '5|10' } }, STRATEGIES, STORED));

/** An engine that starts every run it is asked for and lists it. */
function engine() {
  const started: unknown[] = [];
  const api = fakeApi({
    'backtest.run': (request) => {
      started.push(request);
      return { runId: `bt-${started.length}` };
    },
    'backtest.list': () => ({
      runs: started.map((r, i) => ({ runId: `bt-${i + 1}`, status: 'running' as const, request: BacktestRequestSchema.parse(r), startedAt: 0, progress: 0, metrics: null, error: null })),
    }),
  });
  return { api, started };
}

describe('running a set of a search', () => {
  it("runs a portfolio search's set over the same markets from one account, though the form has changed since", async () => {
    const searched = searchOf({ ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), compareSeries: ['local:ETH/USDT:1h'], portfolio: true, mode: 'aggressive' });
    // Since the search: another strategy, no portfolio, SOL ticked to compare, other modes ticked.
    const changed: RunDraft = { ...defaultDraft(STRATEGIES[1], 'local:SOL/USDT:1h'), compareSeries: ['local:BTC/USDT:1h'], compareModes: ['conservative'], monteCarlo: '0' };
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: changed, tab: 'search' });
    const { api, started } = engine();

    await runSet(api, searched, { fast: 5, slow: 30 });

    // One run, not the form's comparison of several.
    expect(api.calls.filter((c) => c.name === 'backtest.runMany')).toHaveLength(0);
    expect(started).toHaveLength(1);
    const run = BacktestRequestSchema.parse(started[0]);
    expect([run.strategy, run.params, run.mode, key(run.series), run.portfolio.map(key)]).toEqual(['sma-cross', { fast: 5, slow: 30 }, 'aggressive', 'local:BTC/USDT:1h', ['local:ETH/USDT:1h']]);
    // The form's Monte Carlo choice is the one thing taken from the form.
    expect(run.monteCarlo).toBe(0);

    const st = useBacktest.getState();
    expect(st.runs.map((r) => r.runId)).toEqual(['bt-1']);
    expect(st.tab).toBe('curves');
    expect(st.error).toBeNull();
    // The form shows the set, on the strategy it belongs to; its markets stay as the trader left them.
    expect([st.draft.strategy, st.draft.params]).toEqual(['sma-cross', { fast: '5', slow: '30' }]);
    expect([st.draft.series, st.draft.portfolio]).toEqual(['local:SOL/USDT:1h', false]);
  });

  it("runs a weighted portfolio search's set in the search's weights, though the form's boxes say otherwise now", async () => {
    const searched = searchOf({ ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), compareSeries: ['local:ETH/USDT:1h'], portfolio: true, weights: { 'local:BTC/USDT:1h': '3', 'local:ETH/USDT:1h': '1' } });
    expect(searched.weights).toEqual([3, 1]);
    // Since the search: the same markets, the boxes emptied (equal shares), SOL ticked too.
    const changed: RunDraft = { ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), compareSeries: ['local:ETH/USDT:1h', 'local:SOL/USDT:1h'], portfolio: true };
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: changed, tab: 'search' });
    const { api, started } = engine();

    await runSet(api, searched, { fast: 5, slow: 30 });

    expect(started).toHaveLength(1);
    const run = BacktestRequestSchema.parse(started[0]);
    expect([key(run.series), run.portfolio.map(key), run.weights]).toEqual(['local:BTC/USDT:1h', ['local:ETH/USDT:1h'], [3, 1]]);
    // The form's boxes are the trader's: a set's Run does not fill them.
    expect(useBacktest.getState().draft.weights).toEqual({});
  });

  it("runs a single-market search's set on that market alone, though the form now trades a portfolio", async () => {
    const searched = searchOf(defaultDraft(STRATEGIES[0], 'local:ETH/USDT:1h'));
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: { ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), compareSeries: ['local:SOL/USDT:1h'], portfolio: true } });
    const { api, started } = engine();

    await runSet(api, searched, { fast: 10, slow: 30 });

    const run = BacktestRequestSchema.parse(started[0]);
    expect([key(run.series), run.portfolio, run.weights]).toEqual(['local:ETH/USDT:1h', [], []]);
  });

  it('says what is wrong with the form and starts nothing', async () => {
    const searched = searchOf(defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'));
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: { ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), seed: 'x' }, tab: 'search' });
    const { api, started } = engine();

    await runSet(api, searched, { fast: 5, slow: 30 });

    expect(started).toHaveLength(0);
    expect(useBacktest.getState().error).toBe('Monte Carlo seed: a whole number (the same seed draws the same bands, and a random search the same sets)');
    expect(useBacktest.getState().tab).toBe('search');
  });
});
