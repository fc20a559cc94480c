// Protective exits on the backtest form: a Stop-loss % and a Take-profit % box beside the fee. Every run the
// form starts (a comparison of strategies, modes and markets, a portfolio) and every search carries them;
// empty boxes send none. A value the engine would refuse is refused by the form in the engine's words
// (run-exits.ts), and the Run and Optimize buttons send nothing. The page names a run with its exits,
// compares it only with runs with the same exits, and a searched set's Run keeps its search's exits.
import { afterEach, describe, expect, it } from 'vitest';
import { STOP_LOSS_VALID, TAKE_PROFIT_VALID } from '../../../shared/backtest/run-exits.ts';
import { BacktestRequestSchema, OptimizeRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { startRun } from '../../../renderer/src/features/backtest/backtest-actions.ts';
import { useBacktest, type RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { compareMatrix, groupKey } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { exitBoxesProblem } from '../../../renderer/src/features/backtest/exit-boxes.ts';
import { exitCellText, exitsTag, exitsWords, exitText, showsExitBreakdown } from '../../../renderer/src/features/backtest/exits-view.ts';
import { marketGroupKey } from '../../../renderer/src/features/backtest/market-matrix.ts';
import { defaultDraft, runLabel, toRequest, toRunRequests, type RunDraft } from '../../../renderer/src/features/backtest/run-form.ts';
import { runSet, startSearch } from '../../../renderer/src/features/backtest/search-actions.ts';
import { DEFAULT_SEARCH, searchMarketsLine, setRunRequest, toSearchRequest } from '../../../renderer/src/features/backtest/search-form.ts';
import { fakeApi } from './fake-api.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]])];
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h'];
const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' as const };
const SEARCH = { ...DEFAULT_SEARCH, ranges: { fast: '5|10' } };

/** The form on BTC/USDT 1h with these exit boxes typed. */
const withExits = (stopLossPct: string, takeProfitPct: string, patch: Partial<RunDraft> = {}): RunDraft => ({ ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), stopLossPct, takeProfitPct, ...patch });

/** A run as the engine lists it: its request with the defaults filled in (exits null when none). */
const summary = (runId: string, patch: Record<string, unknown> = {}): RunSummary => ({
  runId,
  status: 'done',
  request: BacktestRequestSchema.parse({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, series: BTC, ...patch }),
  startedAt: 0,
  progress: 1,
  metrics: { totalReturnPct: 1 },
  error: null,
});

const initial = useBacktest.getState();
afterEach(() => useBacktest.setState(initial, true));

describe('the exit boxes', () => {
  it('start empty and send no exits: the engine takes none, as keel backtest without --stop-loss', () => {
    const draft = defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h');
    expect([draft.stopLossPct, draft.takeProfitPct]).toEqual(['', '']);
    const [run] = toRunRequests(draft, STRATEGIES, STORED);
    expect(run).not.toHaveProperty('stopLossPct');
    expect(run).not.toHaveProperty('takeProfitPct');
    expect(BacktestRequestSchema.parse(run)).toMatchObject({ stopLossPct: null, takeProfitPct: null });
    expect(exitBoxesProblem(draft)).toBeNull();
  });

  it('send what is typed as stopLossPct and takeProfitPct, either one alone, a trailing % read past', () => {
    expect(toRequest(withExits('2', '4'), STRATEGIES)).toMatchObject({ stopLossPct: 2, takeProfitPct: 4 });
    expect(toRequest(withExits(' 1.5 ', ''), STRATEGIES)).toMatchObject({ stopLossPct: 1.5 });
    expect(toRequest(withExits(' 1.5 ', ''), STRATEGIES)).not.toHaveProperty('takeProfitPct');
    expect(toRequest(withExits('', '12%'), STRATEGIES)).toMatchObject({ takeProfitPct: 12 });
    expect(toRequest(withExits('', '12%'), STRATEGIES)).not.toHaveProperty('stopLossPct');
    // The limits are the engine's: just under 100 for a stop, up to 1,000 for a target.
    expect(BacktestRequestSchema.parse(toRequest(withExits('99.9', '1000'), STRATEGIES))).toMatchObject({ stopLossPct: 99.9, takeProfitPct: 1000 });
  });

  it('give every run of a comparison (strategies × modes × markets), a portfolio and a search the same exits', () => {
    const runs = toRunRequests(withExits('2', '4', { compareStrategies: ['ema-cross'], compareModes: ['aggressive'], compareSeries: ['local:ETH/USDT:1h'] }), STRATEGIES, STORED);
    expect(new Set(runs.map((r) => `${r.strategy} ${r.mode} ${r.series.symbol}`)).size).toBe(8);
    expect(runs.map((r) => [r.stopLossPct, r.takeProfitPct])).toEqual(runs.map(() => [2, 4]));
    const [portfolio] = toRunRequests(withExits('3', '', { compareSeries: ['local:ETH/USDT:1h'], portfolio: true }), STRATEGIES, STORED);
    expect(portfolio).toMatchObject({ portfolio: [{ symbol: 'ETH/USDT' }], stopLossPct: 3 });

    const search = toSearchRequest(withExits('2', '4'), SEARCH, STRATEGIES, STORED);
    expect(OptimizeRequestSchema.parse(search)).toMatchObject({ stopLossPct: 2, takeProfitPct: 4 });
    const walk = toSearchRequest(withExits('2', '4'), { ...SEARCH, walkForward: true }, STRATEGIES, STORED);
    expect(walk).toMatchObject({ walkForward: { folds: 5 }, stopLossPct: 2, takeProfitPct: 4 });
  });

  it("refuse a value that is not a number or out of range in the engine's words, for runs and searches alike", () => {
    const cases: [string, string, string][] = [
      ['0', '', `stop-loss 0: ${STOP_LOSS_VALID}`],
      ['-2', '', `stop-loss -2: ${STOP_LOSS_VALID}`],
      ['100', '', `stop-loss 100: ${STOP_LOSS_VALID}`],
      ['two', '', `stop-loss two: ${STOP_LOSS_VALID}`],
      ['', '0', `take-profit 0: ${TAKE_PROFIT_VALID}`],
      ['', '150%%', `take-profit 150%%: ${TAKE_PROFIT_VALID}`],
      ['', '1001', `take-profit 1001: ${TAKE_PROFIT_VALID}`],
      // Read as keel backtest reads its flags: hex is no percent.
      ['0x2', '', `stop-loss 0x2: ${STOP_LOSS_VALID}`],
      // The stop first, as the engine checks it.
      ['150', '0', `stop-loss 150: ${STOP_LOSS_VALID}`],
    ];
    expect(STOP_LOSS_VALID).toBe('the stop-loss is a percent below the entry, above 0 and below 100 (2 = 2%)');
    expect(TAKE_PROFIT_VALID).toBe('the take-profit is a percent above the entry, above 0 and at most 1000 (4 = 4%)');
    for (const [sl, tp, message] of cases) {
      const draft = withExits(sl, tp);
      expect(() => toRunRequests(draft, STRATEGIES, STORED)).toThrow(message);
      expect(() => toSearchRequest(draft, SEARCH, STRATEGIES, STORED)).toThrow(message);
      // Under the boxes in amber, and on the line above the Optimize button, as a problem.
      expect(exitBoxesProblem(draft)).toBe(message);
      expect(searchMarketsLine(draft, STORED)).toEqual({ text: message, problem: true });
    }
  });

  it("refuse a take-profit of 100 % or more where the run may short, which every short's entry would be refused for", () => {
    const long = withExits('', '150');
    expect(exitBoxesProblem(long)).toBeNull();
    const message = "take-profit 150: a short's take-profit is a percent below its entry, so below 100 (a short gains 100% only at a price of 0), and long and short lets the strategy short; every short's entry would be refused, and only the longs would trade. Give one below 100";
    const both = { ...long, direction: 'both' as const };
    expect(exitBoxesProblem(both)).toBe(message);
    expect(() => toRunRequests(both, STRATEGIES, STORED)).toThrow(message);
    expect(exitBoxesProblem({ ...withExits('', '99'), direction: 'short' as const })).toBeNull();
  });

  it('keep the Run and Optimize buttons from sending anything while a box is refused', async () => {
    const api = fakeApi({});
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: withExits('0', '4'), searchDraft: SEARCH });

    await startRun(api);
    // Said beside Run backtest, the box at fault named for the page to mark.
    expect(useBacktest.getState().runError).toEqual({ text: `stop-loss 0: ${STOP_LOSS_VALID}`, field: 'bt-stop-loss' });
    useBacktest.setState({ runError: null, draft: withExits('2', '150x') });
    await startSearch(api);
    // Beside Optimize, saying the box is the run form's, above.
    expect(useBacktest.getState().searchError).toEqual({ text: `take-profit 150x: ${TAKE_PROFIT_VALID} (in the backtest form above)`, field: 'bt-take-profit' });
    expect(useBacktest.getState().runError).toBeNull();
    expect(api.calls).toEqual([]);
  });
});

describe('a run with exits on the page', () => {
  it('is named with them: briefly in the runs table and legends, in words in its heading', () => {
    expect(runLabel(summary('bt-1', { stopLossPct: 2, takeProfitPct: 4 }))).toBe('sma-cross fast=10 slow=30 · moderate · SL 2% TP 4%');
    expect(runLabel(summary('bt-1', { stopLossPct: 2, rearmAfterDays: 7 }))).toBe('sma-cross fast=10 slow=30 · moderate · re-arm 7d · SL 2%');
    expect(runLabel({ request: { strategy: 'sma-cross', params: {}, mode: 'moderate', takeProfitPct: 4 } })).toBe('sma-cross · moderate · TP 4%');
    // Without exits, as before: as the engine lists it (null) and as sent (absent).
    expect(runLabel(summary('bt-1'))).toBe('sma-cross fast=10 slow=30 · moderate');
    expect(exitsTag({})).toBe('');
    expect(exitsWords({ stopLossPct: 2, takeProfitPct: 4 })).toBe('stop-loss 2% · take-profit 4%');
    expect(exitsWords({ stopLossPct: null, takeProfitPct: null })).toBe('');
  });

  it('says its exits above the Optimize button', () => {
    expect(searchMarketsLine(withExits('2', '4'), STORED)).toEqual({ text: 'Searches BTC/USDT 1h; every entry with stop-loss 2% · take-profit 4%', problem: false });
    expect(searchMarketsLine(withExits('', '4', { compareSeries: ['local:ETH/USDT:1h'], portfolio: true }), STORED)).toEqual({ text: 'Searches BTC/USDT + ETH/USDT 1h as one portfolio (one account); every entry with take-profit 4%', problem: false });
    expect(searchMarketsLine(withExits('', ''), STORED)).toEqual({ text: 'Searches BTC/USDT 1h', problem: false });
  });

  it('is compared by strategy and mode, and across markets, only with runs with the same exits', () => {
    const plain = summary('bt-1');
    const stopped = summary('bt-2', { stopLossPct: 2, takeProfitPct: 4 });
    const sameStops = summary('bt-3', { strategy: 'ema-cross', params: { fast: 12, slow: 26 }, stopLossPct: 2, takeProfitPct: 4 });
    const stopOnly = summary('bt-4', { stopLossPct: 2 });
    const targetOnly = summary('bt-5', { takeProfitPct: 2 });
    expect(groupKey(stopped)).toBe(groupKey(sameStops));
    const keys = [plain, stopped, stopOnly, targetOnly].map(groupKey);
    expect(new Set(keys).size).toBe(4);
    expect(new Set([plain, stopped, stopOnly, targetOnly].map(marketGroupKey)).size).toBe(4);
    // A run as sent (no exit fields) groups with the same run as the engine lists it (null).
    expect(groupKey({ ...plain, request: { ...plain.request, stopLossPct: undefined as unknown as null } })).toBe(groupKey(plain));

    // The same strategy in the same mode with and without a stop: two groups, not one cell hiding the other.
    const m = compareMatrix([targetOnly, stopOnly, sameStops, stopped, plain], stopped)!;
    expect(m.runs).toBe(2);
    expect(m.rows.map((r) => [r.label, r.cells.map((c) => c?.runId)])).toEqual([
      ['sma-cross fast=10 slow=30', ['bt-2']],
      ['ema-cross fast=12 slow=26', ['bt-3']],
    ]);
    expect(compareMatrix([plain, stopped], plain)).toBeNull();
  });
});

describe("a searched set's Run", () => {
  /** The search as the engine lists it (its defaults filled in), made from this run form. */
  const searchOf = (draft: RunDraft) => OptimizeRequestSchema.parse(toSearchRequest(draft, SEARCH, STRATEGIES, STORED));

  it("keeps its search's exits, though the form's boxes say otherwise now", async () => {
    const searched = searchOf(withExits('2', '4'));
    expect(setRunRequest(searched, { fast: 5 }, withExits('', ''))).toMatchObject({ params: { fast: 5, slow: 30 }, stopLossPct: 2, takeProfitPct: 4 });
    // A search without exits runs its set without them, whatever the boxes say now (even something refused).
    expect(setRunRequest(searchOf(withExits('', '')), { fast: 5 }, withExits('3', '0'))).toMatchObject({ stopLossPct: null, takeProfitPct: null });

    const started: unknown[] = [];
    const api = fakeApi({
      'backtest.run': (request) => {
        started.push(request);
        return { runId: 'bt-1' };
      },
      'backtest.list': () => ({ runs: started.map((r) => ({ runId: 'bt-1', status: 'running' as const, request: BacktestRequestSchema.parse(r), startedAt: 0, progress: 0, metrics: null, error: null })) }),
    });
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: withExits('', '9') });
    await runSet(api, searched, { fast: 5, slow: 30 });
    expect(started).toHaveLength(1);
    expect(BacktestRequestSchema.parse(started[0])).toMatchObject({ params: { fast: 5, slow: 30 }, stopLossPct: 2, takeProfitPct: 4 });
    // The boxes are the trader's: a set's Run does not fill them.
    expect([useBacktest.getState().draft.stopLossPct, useBacktest.getState().draft.takeProfitPct]).toEqual(['', '9']);
  });

  it('runs with the exits its set was searched at, 0 being none, when the search ranged over them', () => {
    const searched = OptimizeRequestSchema.parse(toSearchRequest(withExits('2', '4'), { ...SEARCH, ranges: { fast: '5|10', stopLossPct: '0|3' } }, STRATEGIES, STORED));
    expect(setRunRequest(searched, { fast: 5, slow: 30, stopLossPct: 3 }, withExits('', ''))).toMatchObject({ params: { fast: 5, slow: 30 }, stopLossPct: 3, takeProfitPct: 4 });
    const none = setRunRequest(searched, { fast: 5, slow: 30, stopLossPct: 0 }, withExits('', ''));
    expect(none).toMatchObject({ stopLossPct: null, takeProfitPct: 4 });
    expect(none.params).toEqual({ fast: 5, slow: 30 });
    expect(BacktestRequestSchema.safeParse(none).success).toBe(true);
  });
});

describe('the trailing stop box', () => {
  it('sends trailingStopPct, alone or with a target, and refuses it beside a fixed stop-loss in the engine\'s words', () => {
    const draft = (trailing: string, stop = '', take = '') => ({ ...withExits(stop, take), trailingStopPct: trailing });
    expect(toRequest(draft('3', '', '8'), STRATEGIES)).toMatchObject({ trailingStopPct: 3, takeProfitPct: 8 });
    expect(toRequest(draft('3'), STRATEGIES)).not.toHaveProperty('stopLossPct');
    expect(BacktestRequestSchema.parse(toRequest(draft('3'), STRATEGIES))).toMatchObject({ stopLossPct: null, trailingStopPct: 3 });
    expect(exitBoxesProblem(draft('3', '2'))).toBe("give a stop-loss or a trailing stop, not both: the trailing stop is the entry's stop (got stop-loss 2 and trailing stop 3)");
    expect(exitBoxesProblem(draft('100'))).toBe('trailing stop 100: the trailing stop is a percent behind the best price since the entry, above 0 and below 100 (3 = 3%)');
    expect(exitsTag({ trailingStopPct: 3, takeProfitPct: 8 })).toBe('TS 3% TP 8%');
  });

  it("a set searched over trailing stops runs with its own, in place of the search's fixed stop", () => {
    const searched = OptimizeRequestSchema.parse(toSearchRequest(withExits('2', ''), { ...SEARCH, ranges: { fast: '5|10', trailingStopPct: '0|3' } }, STRATEGIES, STORED));
    expect(searched.ranges).toBe('fast=5|10,slow=15:60:15,trailingStopPct=0|3');
    expect(setRunRequest(searched, { fast: 5, slow: 30, trailingStopPct: 3 }, withExits('', ''))).toMatchObject({ stopLossPct: null, trailingStopPct: 3 });
    expect(setRunRequest(searched, { fast: 5, slow: 30, trailingStopPct: 0 }, withExits('', ''))).toMatchObject({ stopLossPct: 2, trailingStopPct: null });
  });
});

describe('the Optimize form over the exits', () => {
  it('sends a stop-loss or take-profit range beside the parameters; empty searches neither', () => {
    expect(toSearchRequest(withExits('', ''), SEARCH, STRATEGIES, STORED).ranges).toBe('fast=5|10,slow=15:60:15');
    expect(toSearchRequest(withExits('', '4'), { ...SEARCH, ranges: { fast: '5|10', stopLossPct: '0:6:2', takeProfitPct: ' 0 | 8 ' } }, STRATEGIES, STORED).ranges).toBe('fast=5|10,slow=15:60:15,stopLossPct=0:6:2,takeProfitPct=0|8');
  });

  it('refuses an exit range it cannot read or out of its percents, before sending', () => {
    expect(() => toSearchRequest(withExits('', ''), { ...SEARCH, ranges: { stopLossPct: 'two' } }, STRATEGIES, STORED)).toThrow('stopLossPct: write from:to:step (0:6:2) or values (0|2|5), percent, 0 for none');
    expect(() => toSearchRequest(withExits('', ''), { ...SEARCH, ranges: { stopLossPct: '0|100' } }, STRATEGIES, STORED)).toThrow('stopLossPct: percents from 0 (none) to 99');
    expect(() => toSearchRequest(withExits('', ''), { ...SEARCH, ranges: { takeProfitPct: '0:2000:500' } }, STRATEGIES, STORED)).toThrow('takeProfitPct: percents from 0 (none) to 1000');
  });
});

describe('the Trades tab', () => {
  const trade = (exit?: 'signal' | 'stop-loss' | 'take-profit' | 'open') => ({ exit, closed: exit !== 'open' });

  it('shows the trades by why they ended when the run had exits or a trade ended at one', () => {
    expect(showsExitBreakdown({ request: { stopLossPct: 2, takeProfitPct: null }, trades: [] })).toBe(true);
    expect(showsExitBreakdown({ request: { stopLossPct: null, takeProfitPct: null }, trades: [trade('signal'), trade('stop-loss')] })).toBe(true);
    expect(showsExitBreakdown({ request: { stopLossPct: null, takeProfitPct: null }, trades: [trade('signal'), trade('open')] })).toBe(false);
    // A run stored before exits were recorded.
    expect(showsExitBreakdown({ request: {}, trades: [trade(), trade()] })).toBe(false);
  });

  it('shows them too when the strategy tagged its own exits more than one way, by the engine\'s rows or the trades', () => {
    const NONE = { stopLossPct: null, takeProfitPct: null };
    const tagged = (exitTag: string | undefined) => ({ exit: 'signal' as const, exitTag, closed: true });
    expect(showsExitBreakdown({ request: NONE, trades: [tagged('cross down'), tagged('cross down')] })).toBe(false);
    expect(showsExitBreakdown({ request: NONE, trades: [tagged('cross down'), tagged('margin call')] })).toBe(true);
    expect(showsExitBreakdown({ request: NONE, trades: [tagged('cross down'), tagged(undefined)] })).toBe(true);
    // The engine's rows count every trade, also those past the list the page was sent.
    expect(showsExitBreakdown({ request: NONE, exitRows: [{ reason: 'signal' }, { reason: 'signal' }], trades: [tagged('cross down')] })).toBe(true);
    expect(showsExitBreakdown({ request: NONE, exitRows: [{ reason: 'signal' }, { reason: 'open' }], trades: [tagged('cross down'), tagged('kill switch')] })).toBe(false);
  });

  it("names each trade's exit by its tag where it had one", () => {
    expect(exitCellText({ exit: 'signal', exitTag: 'margin call' })).toBe('margin call');
    expect(exitCellText({ exit: 'stop-loss' })).toBe('stop-loss');
    expect(exitCellText({})).toBe('–');
  });

  it("names each trade's exit, a dash for a stored run without it", () => {
    expect(['signal', 'stop-loss', 'take-profit', 'open', undefined].map((e) => exitText(e as 'signal' | undefined))).toEqual(['signal', 'stop-loss', 'take-profit', 'open', '–']);
    // In words, as the run's exits line says it ("trailing stop 3%"), not the id the JSON and CSV keep.
    expect(exitText('trailing-stop')).toBe('trailing stop');
    expect(exitCellText({ exit: 'trailing-stop' })).toBe('trailing stop');
  });
});
