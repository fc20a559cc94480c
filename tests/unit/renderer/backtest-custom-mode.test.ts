// The custom risk mode on the backtest page: its position % is required while any run is custom, checked in
// the words keel backtest --position-pct uses, sent only with the custom runs (the form's, a ticked one, a
// search's), and the runs, searches and comparison name it ("custom 40%").
import { afterEach, describe, expect, it } from 'vitest';
import { POSITION_PCT_VALID } from '../../../shared/contract/commands/backtest.ts';
import { compareMatrix } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { startRun } from '../../../renderer/src/features/backtest/backtest-actions.ts';
import { useBacktest, type RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { FieldError } from '../../../renderer/src/features/backtest/field-error.ts';
import { defaultDraft, runLabel, toRunRequest, toRunRequests, type RunDraft } from '../../../renderer/src/features/backtest/run-form.ts';
import { DEFAULT_SEARCH, toSearchRequest } from '../../../renderer/src/features/backtest/search-form.ts';
import { fakeApi } from './fake-api.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]])];
const STORED = ['local:BTC/USDT:1h'];
const custom = (positionPct: string, over: Partial<RunDraft> = {}): RunDraft => ({ ...defaultDraft(STRATEGIES[0], STORED[0]!), mode: 'custom', positionPct, ...over });

/** What toRunRequest throws for the draft: its words and the box it names. */
function refusal(draft: RunDraft): { text: string; field: string | null } {
  try {
    toRunRequest(draft, STRATEGIES);
  } catch (err) {
    return { text: (err as Error).message, field: err instanceof FieldError ? err.field : null };
  }
  throw new Error('not refused');
}

afterEach(() => useBacktest.setState({ runError: null, searchError: null, error: null }));

describe('the custom mode\'s position %', () => {
  it('is sent with a custom run as keel backtest --position-pct takes it', () => {
    expect(toRunRequest(custom('40'), STRATEGIES)).toMatchObject({ mode: 'custom', positionPct: 40 });
    expect(toRunRequest(custom(' 12.5% '), STRATEGIES).positionPct).toBe(12.5);
    expect(toRunRequest(custom('100'), STRATEGIES).positionPct).toBe(100);
    // A preset mode sends none, whatever the hidden box holds.
    expect(toRunRequest(custom('40', { mode: 'moderate' }), STRATEGIES)).not.toHaveProperty('positionPct');
  });

  it('is refused when missing or out of range, naming its box, in the CLI\'s words', () => {
    expect(refusal(custom(''))).toEqual({ text: `position %: the custom mode sizes each entry at this percent of equity; give ${POSITION_PCT_VALID} (keel backtest --position-pct)`, field: 'bt-position-pct' });
    for (const bad of ['0', '-5', '100.5', 'forty', '0x10']) expect(refusal(custom(bad))).toEqual({ text: `position %: give ${POSITION_PCT_VALID}`, field: 'bt-position-pct' });
    // Wanted too when custom is only ticked to compare.
    const ticked = { ...custom('', { mode: 'moderate', compareModes: ['custom'] }) };
    expect(() => toRunRequests(ticked, STRATEGIES, STORED)).toThrow('position %: the custom mode sizes each entry');
    expect(toRunRequests({ ...ticked, positionPct: '60' }, STRATEGIES, STORED).map((r) => [r.mode, r.positionPct])).toEqual([
      ['moderate', undefined],
      ['custom', 60],
    ]);
  });

  it('goes with a search of the custom mode, and with the set a search runs', () => {
    expect(toSearchRequest(custom('40'), DEFAULT_SEARCH, STRATEGIES, STORED)).toMatchObject({ mode: 'custom', positionPct: 40 });
  });

  it('names a custom run by its position %, and gives each position % a column of the comparison', () => {
    expect(runLabel({ request: { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, mode: 'custom', positionPct: 40 } })).toBe('sma-cross fast=10 slow=30 · custom 40%');
    const runs = [summary(3, 'custom', 60, 5), summary(2, 'custom', 40, 4), summary(1, 'moderate', null, 3)];
    const m = compareMatrix(runs, runs[0]!)!;
    expect(m.columns).toEqual(['moderate', 'custom 40%', 'custom 60%']);
    expect(m.modes).toEqual(['moderate', 'custom', 'custom']);
    expect(m.rows[0]!.cells.map((c) => c?.runId)).toEqual(['bt-1', 'bt-2', 'bt-3']);
  });
});

describe('a refusal of the run form', () => {
  it('is Run backtest\'s, naming the box; beside Optimize the same box says it is the form above\'s', async () => {
    const api = fakeApi({});
    const draft = { ...defaultDraft(STRATEGIES[0], STORED[0]!), params: { fast: '', slow: '30' } };
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft, searchDraft: DEFAULT_SEARCH });
    await startRun(api);
    expect(useBacktest.getState().runError).toEqual({ text: 'fast: a whole number from 1 to 1000', field: 'bt-param-fast' });
    expect(useBacktest.getState().searchError).toBeNull();
    expect(() => toSearchRequest(draft, DEFAULT_SEARCH, STRATEGIES, STORED)).toThrow('fast: a whole number from 1 to 1000 (in the backtest form above)');
    // Optimize's own range box is its own.
    const range = (() => {
      try {
        toSearchRequest(defaultDraft(STRATEGIES[0], STORED[0]!), { ...DEFAULT_SEARCH, ranges: { fast: 'five to twenty' } }, STRATEGIES, STORED);
      } catch (err) {
        return err;
      }
    })();
    expect(range).toBeInstanceOf(FieldError);
    expect((range as FieldError).field).toBe('bt-range-fast');
    expect(api.calls).toEqual([]);
  });
});

function summary(n: number, mode: RunSummary['request']['mode'], positionPct: number | null, ret: number): RunSummary {
  return {
    runId: `bt-${n}`,
    status: 'done',
    request: { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, mode, ...(positionPct !== null && { positionPct }), capital: 10_000, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 0, seed: 1, portfolio: [], weights: [] },
    startedAt: 0,
    progress: 1,
    metrics: { totalReturnPct: ret, maxDrawdownPct: -10, sharpe: 1, buyHoldReturnPct: 42 },
    error: null,
  };
}
