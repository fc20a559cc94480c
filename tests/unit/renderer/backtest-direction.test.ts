// The backtest form's Direction (long only, short only, long and short): every run the form starts (one,
// a comparison of strategies, modes and markets, a portfolio) and every search carries it, and a searched
// set's Run keeps its search's. The page names a run that could short ("short", "long+short") wherever it
// names runs, so it is told apart from the same run long only, and reads its closed trades by side
// (sideRows, or for a run stored before those, the listed trades).
import { afterEach, describe, expect, it } from 'vitest';
import { BacktestRequestSchema, OptimizeRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { startRun } from '../../../renderer/src/features/backtest/backtest-actions.ts';
import { useBacktest, type RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { compareMatrix, groupKey } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { DIRECTION_CHOICES, directionSuffix, directionTag, directionWords, profitFactorText, showsSides, sideRows } from '../../../renderer/src/features/backtest/direction-view.ts';
import { marketMatrix } from '../../../renderer/src/features/backtest/market-matrix.ts';
import { defaultDraft, runLabel, runName, toRequest, toRunRequests, type RunDraft } from '../../../renderer/src/features/backtest/run-form.ts';
import { DEFAULT_SEARCH, searchMarketsLine, setRunRequest, toSearchRequest } from '../../../renderer/src/features/backtest/search-form.ts';
import { fakeApi } from './fake-api.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]])];
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h'];
const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' as const };
const SEARCH = { ...DEFAULT_SEARCH, ranges: { fast: '5|10' } };

const draftOf = (patch: Partial<RunDraft> = {}): RunDraft => ({ ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), ...patch });

/** A run as the engine lists it: its request with the defaults filled in. */
const summary = (runId: string, patch: Record<string, unknown> = {}, totalReturnPct = 1): RunSummary => ({
  runId,
  status: 'done',
  request: BacktestRequestSchema.parse({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, series: BTC, ...patch }),
  startedAt: 0,
  progress: 1,
  metrics: { totalReturnPct, buyHoldReturnPct: 5, from: 0, to: 1 },
  error: null,
});

type Trade = { side: 'long' | 'short'; closed: boolean; pnl: number; returnPct: number };
const trade = (side: Trade['side'], pnl: number, returnPct: number, closed = true): Trade => ({ side, closed, pnl, returnPct });

const initial = useBacktest.getState();
afterEach(() => useBacktest.setState(initial, true));

describe('the Direction select', () => {
  it('offers long only (the default), short only, and long and short', () => {
    expect(DIRECTION_CHOICES).toEqual([
      { value: 'long', label: 'Long only' },
      { value: 'short', label: 'Short only' },
      { value: 'both', label: 'Long and short' },
    ]);
    expect(defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h').direction).toBe('long');
    expect(toRequest(draftOf(), STRATEGIES)).toMatchObject({ direction: 'long' });
    expect(BacktestRequestSchema.parse(toRequest(draftOf({ direction: 'both' }), STRATEGIES)).direction).toBe('both');
  });

  it('gives every run of a comparison (strategies × modes × markets), a portfolio and a search the same direction', () => {
    const runs = toRunRequests(draftOf({ direction: 'short', compareStrategies: ['ema-cross'], compareModes: ['aggressive'], compareSeries: ['local:ETH/USDT:1h'] }), STRATEGIES, STORED);
    expect(runs).toHaveLength(8);
    expect(runs.map((r) => r.direction)).toEqual(runs.map(() => 'short'));
    const [portfolio] = toRunRequests(draftOf({ direction: 'both', compareSeries: ['local:ETH/USDT:1h'], portfolio: true }), STRATEGIES, STORED);
    expect(portfolio).toMatchObject({ portfolio: [{ symbol: 'ETH/USDT' }], direction: 'both' });

    expect(OptimizeRequestSchema.parse(toSearchRequest(draftOf({ direction: 'both' }), SEARCH, STRATEGIES, STORED)).direction).toBe('both');
    expect(toSearchRequest(draftOf({ direction: 'short' }), { ...SEARCH, walkForward: true }, STRATEGIES, STORED)).toMatchObject({ walkForward: { folds: 5 }, direction: 'short' });
  });

  it('sends it with the Run button, one run or several at once', async () => {
    const sent: unknown[] = [];
    const api = fakeApi({
      'backtest.run': (request) => {
        sent.push(request);
        return { runId: 'bt-1' };
      },
      'backtest.runMany': ({ runs }) => {
        sent.push(...runs);
        return { runIds: runs.map((_, i) => `bt-${i + 2}`) };
      },
      'backtest.list': () => ({ runs: [] }),
    });
    useBacktest.setState({ strategies: STRATEGIES, series: STORED, draft: draftOf({ direction: 'both' }) });
    await startRun(api);
    useBacktest.setState({ draft: draftOf({ direction: 'short', compareModes: ['aggressive'] }) });
    await startRun(api);
    expect(useBacktest.getState().error).toBeNull();
    expect(sent.map((r) => (r as { direction: string }).direction)).toEqual(['both', 'short', 'short']);
    expect(api.calls.map((c) => c.name)).toEqual(['backtest.run', 'backtest.list', 'backtest.runMany', 'backtest.list']);
  });

  it("keeps a searched set's Run on its search's direction, though the form says otherwise now", () => {
    const searched = OptimizeRequestSchema.parse(toSearchRequest(draftOf({ direction: 'both' }), SEARCH, STRATEGIES, STORED));
    expect(setRunRequest(searched, { fast: 5 }, draftOf())).toMatchObject({ params: { fast: 5, slow: 30 }, direction: 'both' });
  });

  it('says the sides above the Optimize button when it may short', () => {
    expect(searchMarketsLine(draftOf(), STORED)).toEqual({ text: 'Searches BTC/USDT 1h', problem: false });
    expect(searchMarketsLine(draftOf({ direction: 'short', stopLossPct: '2' }), STORED)).toEqual({ text: 'Searches BTC/USDT 1h, short only; every entry with stop-loss 2%', problem: false });
    expect(searchMarketsLine(draftOf({ direction: 'both', compareSeries: ['local:ETH/USDT:1h'], portfolio: true }), STORED)).toEqual({ text: 'Searches BTC/USDT + ETH/USDT 1h as one portfolio (one account), long and short', problem: false });
  });
});

describe('a run that could short on the page', () => {
  it('is named with its direction; a long-only run, as sent or as stored before directions, as before', () => {
    expect(runLabel(summary('bt-1', { direction: 'short' }))).toBe('sma-cross fast=10 slow=30 · moderate · short');
    expect(runLabel(summary('bt-1', { direction: 'both', stopLossPct: 2, rearmAfterDays: 7 }))).toBe('sma-cross fast=10 slow=30 · moderate · long+short · re-arm 7d · SL 2%');
    expect(runName(summary('bt-1', { direction: 'both', stopLossPct: 2 }))).toBe('sma-cross fast=10 slow=30 · moderate · long+short');
    expect(runLabel(summary('bt-1'))).toBe('sma-cross fast=10 slow=30 · moderate');
    expect(runLabel({ request: { strategy: 'sma-cross', params: {}, mode: 'moderate' } })).toBe('sma-cross · moderate');
    expect([directionTag({}), directionTag({ direction: 'short' }), directionTag({ direction: 'both' })]).toEqual(['', 'short', 'long+short']);
    expect([directionSuffix({ direction: 'long' }), directionSuffix({ direction: 'both' })]).toEqual(['', ' · long+short']);
    expect([directionWords({ direction: 'long' }), directionWords({ direction: 'short' }), directionWords({ direction: 'both' })]).toEqual(['', 'short only', 'long and short']);
  });

  it('is a row of its own in the comparisons, beside the same strategy long only', () => {
    const long = summary('bt-1', {}, 3);
    const both = summary('bt-2', { direction: 'both' }, 5);
    const ema = summary('bt-3', { strategy: 'ema-cross', params: { fast: 12, slow: 26 }, direction: 'both', mode: 'aggressive' }, 7);
    expect(groupKey(long)).toBe(groupKey(both));
    const m = compareMatrix([ema, both, long], both)!;
    expect(m.runs).toBe(3);
    expect(m.modes).toEqual(['moderate', 'aggressive']);
    expect(m.rows.map((r) => [r.label, r.cells.map((c) => c?.runId ?? null)])).toEqual([
      ['sma-cross fast=10 slow=30', ['bt-1', null]],
      ['sma-cross fast=10 slow=30 · long+short', ['bt-2', null]],
      ['ema-cross fast=12 slow=26 · long+short', [null, 'bt-3']],
    ]);

    const eth = { ...BTC, symbol: 'ETH/USDT' };
    const mm = marketMatrix([summary('bt-4', { direction: 'short' }), summary('bt-5', { direction: 'short', series: eth }), summary('bt-6', { series: eth })], summary('bt-4', { direction: 'short' }))!;
    expect(mm.rows.map((r) => [r.label, r.cells.map((c) => c?.runId ?? null)])).toEqual([['sma-cross fast=10 slow=30 · moderate · short', ['bt-4', 'bt-5']]]);
  });

  it('reads its closed trades by side: the long and short rows add up to the closed trades and their P&L', () => {
    const trades = [trade('long', 100, 2), trade('short', -40, -1), trade('short', 60, 1.5), trade('long', -20, -0.5), trade('short', 30, 0.5), trade('long', 500, 9, false)];
    const rows = sideRows({ request: { direction: 'both' }, trades });
    expect(rows).toEqual([
      { side: 'long', trades: 2, winRatePct: 50, pnl: 80, avgPnl: 40, avgReturnPct: 0.75, profitFactor: 5 },
      { side: 'short', trades: 3, winRatePct: (2 / 3) * 100, pnl: 50, avgPnl: 50 / 3, avgReturnPct: 1 / 3, profitFactor: 90 / 40 },
    ]);
    const closed = trades.filter((t) => t.closed);
    expect(rows.reduce((n, r) => n + r.trades, 0)).toBe(closed.length);
    expect(rows.reduce((n, r) => n + r.pnl, 0)).toBeCloseTo(closed.reduce((n, t) => n + t.pnl, 0), 9);

    // Without a losing trade the profit factor is null, "∞" with wins; a side without a closed trade is left out.
    const [shortOnly] = sideRows({ request: { direction: 'short' }, trades: [trade('short', 10, 1), trade('short', 5, 0.5)] });
    expect(shortOnly).toMatchObject({ side: 'short', trades: 2, profitFactor: null });
    expect(profitFactorText(shortOnly!)).toBe('∞');
    expect(profitFactorText({ profitFactor: null, winRatePct: 0 })).toBe('–');
    expect(profitFactorText({ profitFactor: 2.345, winRatePct: 50 })).toBe('2.35');
    expect(sideRows({ request: { direction: 'short' }, trades: [trade('short', 10, 1, false)] })).toEqual([]);

    // The engine's rows, counted over every trade, come first when it sent them.
    const sent = [{ side: 'short' as const, trades: 40, winRatePct: 45, pnl: 12, avgPnl: 0.3, avgReturnPct: 0.01, profitFactor: 1.1 }];
    expect(sideRows({ request: { direction: 'short' }, sideRows: sent, trades })).toEqual(sent);
  });

  it('shows the Sides table when it could short or any trade was short, never for a plain long run', () => {
    const longs = [trade('long', 1, 1)];
    expect(showsSides({ request: {}, trades: longs })).toBe(false);
    expect(showsSides({ request: { direction: 'long' }, trades: longs, sideRows: [{ side: 'long', trades: 1, winRatePct: 100, pnl: 1, avgPnl: 1, avgReturnPct: 1, profitFactor: null }] })).toBe(false);
    expect(showsSides({ request: { direction: 'both' }, trades: longs })).toBe(true);
    expect(showsSides({ request: { direction: 'short' }, trades: [] })).toBe(true);
    expect(showsSides({ request: {}, trades: [trade('short', 1, 1)] })).toBe(true);
  });
});
