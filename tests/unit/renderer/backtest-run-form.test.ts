// The backtest page's form: a draft becomes the backtest.run request the CLI would make, dates as UTC
// days (to includes its whole day), and mistakes say what is valid.
import { describe, expect, it, vi } from 'vitest';
import { defaultDraft, detailChoices, runLabel, timeframeChoices, toRequest, toRunRequest, toRunRequests, type StrategyInfo } from '../../../renderer/src/features/backtest/run-form.ts';
import { detailRun, upsertRun, useBacktest, type RunResult, type RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { fetchResult, loadBacktestChoices } from '../../../renderer/src/features/backtest/backtest-actions.ts';
import { fakeApi } from './fake-api.ts';

const sma: StrategyInfo = {
  name: 'sma-cross',
  description: 'cross',
  params: [
    { name: 'fast', type: 'int', default: 10, min: 1, max: 1000, description: 'fast' },
    { name: 'slow', type: 'int', default: 30, min: 2, max: 5000, description: 'slow' },
  ],
  file: null,
};

describe('backtest form', () => {
  it('turns a draft into a request: parameters as numbers, UTC days, percent fee', () => {
    const draft = { ...defaultDraft(sma, 'local:BTC/USDT:1h'), from: '2021-01-01', to: '2022-12-31', mode: 'conservative' as const, capital: '25000' };
    draft.params.fast = '12';
    expect(toRequest(draft, [sma])).toEqual({
      strategy: 'sma-cross',
      params: { fast: 12, slow: 30 },
      series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' },
      mode: 'conservative',
      direction: 'long',
      borrowRatePct: 0,
      capital: 25000,
      feePct: 0.1,
      slippageBps: 0,
      from: Date.UTC(2021, 0, 1),
      to: Date.UTC(2023, 0, 1) - 1,
    });
  });

  it('sends the slippage in basis points, and the finer bars a run fills on, offered from its market\'s stored series', () => {
    const ok = defaultDraft(sma, 'local:BTC/USDT:1h');
    expect(toRequest({ ...ok, slippageBps: ' 5 ' }, [sma])).toMatchObject({ slippageBps: 5 });
    for (const bad of ['', '-1', '1000', 'some']) expect(() => toRequest({ ...ok, slippageBps: bad }, [sma])).toThrow('slippage: slippage in basis points per fill, from 0 to below 1000 (10 = 0.1%)');
    const stored = ['local:BTC/USDT:1h', 'local:BTC/USDT:5m', 'local:ETH/USDT:1m', 'binance:BTC/USDT:1m', 'local:BTC/USDT:1m', 'local:BTC/USDT:4h'];
    // The same exchange and symbol, shorter than the series' own, shortest first.
    expect(detailChoices('local:BTC/USDT:1h', stored)).toEqual(['1m', '5m']);
    expect(detailChoices('local:ETH/USDT:1m', stored)).toEqual([]);
    expect(detailChoices('', stored)).toEqual([]);
    const withDetail = toRunRequest({ ...ok, detail: '1m' }, [sma]);
    expect(withDetail.detail).toBe('1m');
    expect(runLabel({ request: { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, mode: 'moderate', detail: withDetail.detail } })).toBe('sma-cross fast=10 slow=30 · moderate · fills on 1m');
    // A search scores on the bars' own path: its request has no detail to send.
    expect(toRequest({ ...ok, detail: '1m' }, [sma])).not.toHaveProperty('detail');
    // A portfolio fills inside every market's bars from its own finer series: each must be stored.
    const basket = { ...ok, detail: '1m', compareSeries: ['local:ETH/USDT:1h'], portfolio: true };
    expect(() => toRunRequests(basket, [sma], ['local:BTC/USDT:1h', 'local:BTC/USDT:1m', 'local:ETH/USDT:1h', 'local:ETH/USDT:5m'])).toThrow(
      'fills inside bars from 1m detail need 1m candles of every market the runs trade, and ETH/USDT on local has none stored (its finer series stored: 5m)',
    );
    const both = toRunRequests(basket, [sma], ['local:BTC/USDT:1h', 'local:BTC/USDT:1m', 'local:ETH/USDT:1h', 'local:ETH/USDT:1m']);
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({ detail: '1m', portfolio: [{ symbol: 'ETH/USDT', timeframe: '1h' }] });
    // Each market on its own is checked the same way.
    expect(() => toRunRequests({ ...basket, portfolio: false }, [sma], ['local:BTC/USDT:1h', 'local:BTC/USDT:1m', 'local:ETH/USDT:1h'])).toThrow('ETH/USDT on local has none stored (no finer series of it is stored)');
  });

  it('runs on a longer timeframe made from the stored candles, every market ticked rolled up with it, and refuses one that does not make it', () => {
    expect(timeframeChoices('local:BTC/USDT:1h')).toEqual(['1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w']);
    expect(timeframeChoices('local:BTC/USDT:1m').slice(0, 4)).toEqual(['1m', '3m', '5m', '15m']);
    expect(timeframeChoices('local:BTC/USDT:3d')).toEqual(['3d']);
    expect(timeframeChoices('')).toEqual([]);
    const draft = { ...defaultDraft(sma, 'local:BTC/USDT:1m'), timeframe: '1h' };
    expect(toRequest(draft, [sma]).series).toEqual({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' });
    // Its own timeframe chosen is the stored series as it is.
    expect(toRequest({ ...draft, timeframe: '1m' }, [sma]).series.timeframe).toBe('1m');
    const stored = ['local:BTC/USDT:1m', 'local:ETH/USDT:5m', 'local:XRP/USDT:1d'];
    const runs = toRunRequests({ ...draft, compareSeries: ['local:ETH/USDT:5m'] }, [sma], stored);
    expect(runs.map((r) => `${r.series.symbol} ${r.series.timeframe}`)).toEqual(['BTC/USDT 1h', 'ETH/USDT 1h']);
    // As one portfolio: the markets stored at different timeframes trade together at the one chosen.
    const portfolio = toRunRequests({ ...draft, compareSeries: ['local:ETH/USDT:5m'], portfolio: true, weights: { 'local:ETH/USDT:5m': '3' } }, [sma], stored);
    expect(portfolio).toHaveLength(1);
    expect(portfolio[0]!.portfolio).toEqual([{ exchange: 'local', symbol: 'ETH/USDT', timeframe: '1h' }]);
    expect(portfolio[0]!.weights).toEqual([1, 3]);
    expect(() => toRunRequests({ ...draft, compareSeries: ['local:XRP/USDT:1d'] }, [sma], stored)).toThrow(
      'XRP/USDT is stored as 1d candles, which do not make 1h ones (they make 3d, 1w): choose another timeframe, or untick XRP/USDT',
    );
    // The finer bars offered are finer than the bars the runs step through.
    expect(detailChoices('local:BTC/USDT:5m', ['local:BTC/USDT:5m', 'local:BTC/USDT:1m', 'local:BTC/USDT:15m'], '1h')).toEqual(['1m', '5m', '15m']);
  });

  it('says what is wrong', () => {
    const ok = defaultDraft(sma, 'local:BTC/USDT:1h');
    expect(() => toRequest({ ...ok, params: { fast: '2.5', slow: '30' } }, [sma])).toThrow('fast: a whole number from 1 to 1000');
    expect(() => toRequest({ ...ok, from: '2021-02-30' }, [sma])).toThrow('from: 2021-02-30 is not a calendar date');
    expect(() => toRequest({ ...ok, to: 'yesterday' }, [sma])).toThrow('to: write a UTC date like 2023-03-01');
    expect(() => toRequest({ ...ok, from: '2022-01-02', to: '2022-01-01' }, [sma])).toThrow('from 2022-01-02 is after to 2022-01-01');
    expect(() => toRequest({ ...ok, feePct: '-1' }, [sma])).toThrow(/fee: percent per fill/);
    expect(() => toRequest({ ...ok, series: '' }, [sma])).toThrow(/choose a stored series/);
    expect(() => toRequest({ ...ok, strategy: 'x' }, [sma])).toThrow('choose a strategy (sma-cross)');
    // Numbers as keel backtest reads them: hex, binary and "Infinity" are not a period or a fee, as the CLI says.
    for (const bad of ['0x10', '0b11', 'Infinity', ' ']) expect(() => toRequest({ ...ok, params: { fast: bad, slow: '30' } }, [sma])).toThrow('fast: a whole number from 1 to 1000');
    expect(() => toRequest({ ...ok, feePct: '0x0' }, [sma])).toThrow(/fee: percent per fill/);
    expect(toRequest({ ...ok, params: { fast: ' 1e1 ', slow: '30' }, feePct: '.05' }, [sma])).toMatchObject({ params: { fast: 10 }, feePct: 0.05 });
    // A capital the engine's schema refuses is refused here with its limit, not in the schema's words.
    for (const bad of ['1e15', '1e30']) expect(() => toRequest({ ...ok, capital: bad }, [sma])).toThrow('capital: the starting capital, a number above 0 and below 1,000,000,000,000,000');
    // A capital typed with thousands separators is no number to the form; the refusal says how to write it.
    expect(() => toRequest({ ...ok, capital: '10,000' }, [sma])).toThrow('capital: the starting capital, a number above 0 and below 1,000,000,000,000,000, written without thousands separators (10000)');
    expect(() => toRequest({ ...ok, capital: '1,250,000.5' }, [sma])).toThrow('(1250000.5)');
    // A decimal comma is no thousands separator: no such hint.
    expect(() => toRequest({ ...ok, feePct: '0,1' }, [sma])).toThrow(/^fee: percent per fill from 0 to below 10 \(0\.1 = 0\.1%\)$/);
    expect(() => toRunRequest({ ...ok, monteCarlo: '0x10' }, [sma])).toThrow('Monte Carlo runs: a whole number');
  });

  it('re-arms a drawdown kill only when given whole days, 1 to 365; empty or "never" leaves it pulled, as live', () => {
    const ok = defaultDraft(sma, 'local:BTC/USDT:1h');
    expect(toRequest(ok, [sma])).not.toHaveProperty('rearmAfterDays');
    expect(toRequest({ ...ok, rearmDays: ' never ' }, [sma])).not.toHaveProperty('rearmAfterDays');
    expect(toRequest({ ...ok, rearmDays: ' 7 ' }, [sma])).toMatchObject({ rearmAfterDays: 7 });
    for (const bad of ['0', '1.5', '366', 'soon']) {
      expect(() => toRequest({ ...ok, rearmDays: bad }, [sma])).toThrow('re-arm after: whole days from 1 to 365 before a kill switch a drawdown breach pulled is re-armed, or empty for never');
    }
  });

  it('asks for 1,000 Monte Carlo simulations with seed 1 unless told otherwise, and says what a count or seed may be', () => {
    const ok = defaultDraft(sma, 'local:BTC/USDT:1h');
    expect(toRunRequest(ok, [sma])).toEqual({ ...toRequest(ok, [sma]), monteCarlo: 1000, seed: 1, detail: null });
    expect(toRunRequest({ ...ok, monteCarlo: ' 0 ', seed: '-7' }, [sma])).toMatchObject({ monteCarlo: 0, seed: -7 });
    const runs = 'Monte Carlo runs: a whole number of simulations from 0 (none) to 100,000';
    for (const bad of ['', '2.5', '-1', '100001', 'many']) expect(() => toRunRequest({ ...ok, monteCarlo: bad }, [sma])).toThrow(runs);
    for (const bad of ['', '1.5', 'x']) expect(() => toRunRequest({ ...ok, seed: bad }, [sma])).toThrow('Monte Carlo seed: a whole number');
    // The run's own mistakes still come first, worded as before.
    expect(() => toRunRequest({ ...ok, feePct: '-1', monteCarlo: 'x' }, [sma])).toThrow(/fee: percent per fill/);
  });

  const run = (n: number): RunSummary => ({ runId: `bt-${n}`, status: 'done', request: { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, mode: 'moderate', capital: 1, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 1000, seed: 1, portfolio: [], weights: [] }, startedAt: 0, progress: 1, metrics: null, error: null });

  it('names runs and keeps them newest first', () => {
    expect(runLabel(run(1))).toBe('sma-cross fast=10 slow=30 · moderate');
    expect(runLabel({ request: { ...run(1).request, rearmAfterDays: 7 } })).toBe('sma-cross fast=10 slow=30 · moderate · re-arm 7d');
    expect(upsertRun(upsertRun([run(2)], run(10)), { ...run(2), status: 'cancelled' }).map((r) => [r.runId, r.status])).toEqual([
      ['bt-10', 'done'],
      ['bt-2', 'cancelled'],
    ]);
  });

  it('lists the runs the engine keeps newest first when the page opens, and fetches and draws the newest six', async () => {
    // backtest.list gives them oldest first (the journal's order): bt-1 … bt-9.
    const listed = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(run);
    const result = (runId: string): RunResult => ({ ...listed.find((r) => r.runId === runId)!, fills: [], equity: [], drawdown: [], price: [], trades: [], tradeCount: 0, notes: [], halts: [], monteCarlo: null, markets: [], basket: [] });
    const api = fakeApi({
      'backtest.strategies': () => ({ strategies: [sma], problems: [], modes: ['conservative', 'moderate', 'aggressive', 'custom'] }),
      'market.series': () => ({ series: [{ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h', count: 100, firstTs: 0, lastTs: 99 * 3_600_000 }] }),
      'backtest.list': () => ({ runs: listed }),
      'backtest.result': ({ runId }) => result(runId),
    });
    const initial = useBacktest.getState();
    try {
      await loadBacktestChoices(api);
      await vi.waitFor(() => expect(Object.keys(useBacktest.getState().results)).toHaveLength(6));
      const st = useBacktest.getState();
      expect(st.runs.map((r) => r.runId)).toEqual(['bt-9', 'bt-8', 'bt-7', 'bt-6', 'bt-5', 'bt-4', 'bt-3', 'bt-2', 'bt-1']);
      expect(Object.keys(st.results).sort()).toEqual(['bt-4', 'bt-5', 'bt-6', 'bt-7', 'bt-8', 'bt-9']);
      expect([...st.shown].sort()).toEqual(['bt-4', 'bt-5', 'bt-6', 'bt-7', 'bt-8', 'bt-9']);
      // The trades listed are the newest run's, not the oldest's.
      expect(detailRun(st)?.runId).toBe('bt-9');
    } finally {
      useBacktest.setState(initial, true);
    }
  });

  it('draws every run of a batch as it finishes, up to the most the charts tell apart', async () => {
    // "Run 9 backtests": before, only the last 6 to finish were drawn, the form's own (first to finish) left off.
    const result = (runId: string): RunResult => ({ ...run(Number(runId.slice(3))), fills: [], equity: [], drawdown: [], price: [], trades: [], tradeCount: 0, notes: [], halts: [], monteCarlo: null, markets: [], basket: [] });
    const api = fakeApi({ 'backtest.result': ({ runId }) => result(runId) });
    const initial = useBacktest.getState();
    try {
      for (let n = 1; n <= 9; n++) await fetchResult(api, `bt-${n}`);
      expect(useBacktest.getState().shown).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `bt-${n}`));
      for (let n = 10; n <= 20; n++) await fetchResult(api, `bt-${n}`);
      // 18 at most (MAX_DRAWN: 6 colours × 3 strokes): the oldest leave first.
      expect(useBacktest.getState().shown).toEqual(Array.from({ length: 18 }, (_, i) => `bt-${i + 3}`));
    } finally {
      useBacktest.setState(initial, true);
    }
  });

  it('lists the trades and notes of the run clicked, else of the newest run that has a result', () => {
    const result = (n: number): RunResult => ({ ...run(n), fills: [], equity: [], drawdown: [], price: [], trades: [], tradeCount: n, notes: [], halts: [], monteCarlo: null, markets: [], basket: [] });
    const runs = [run(3), run(2), run(1)];
    // bt-3 is still running (no result): the newest with one is bt-2.
    const results = { 'bt-1': result(1), 'bt-2': result(2) };
    expect(detailRun({ runs, results, selected: null })?.runId).toBe('bt-2');
    expect(detailRun({ runs, results, selected: 'bt-1' })?.runId).toBe('bt-1');
    // A click on a run without a result yet does not empty the list.
    expect(detailRun({ runs, results, selected: 'bt-3' })?.runId).toBe('bt-2');
    expect(detailRun({ runs, results: {}, selected: null })).toBeNull();
  });
});
