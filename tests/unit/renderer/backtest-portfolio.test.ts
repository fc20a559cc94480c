// "Trade the markets as one portfolio" on the backtest form: the ticked series ride along in one run per
// strategy and mode (keel backtest --portfolio) instead of a run each; the Run button counts those runs;
// markets of another timeframe or too many are refused before anything is sent. The page names such a run
// by all its markets, marks each market's own fills on its chart, and keeps it out of the comparisons of
// single-market runs.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { compareMatrix, groupKey } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { marketMatrix } from '../../../renderer/src/features/backtest/market-matrix.ts';
import { basketBenchmark, benchmarkName, fillsByMarket, holdText, isPortfolio, marketsLabel } from '../../../renderer/src/features/backtest/run-markets.ts';
import { defaultDraft, runCount, toRunRequests, type RunDraft } from '../../../renderer/src/features/backtest/run-form.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]])];
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h', 'local:SOL/USDT:1h', 'binance:XRP/USDT:4h'];
const key = (s: { exchange: string; symbol: string; timeframe: string }) => `${s.exchange}:${s.symbol}:${s.timeframe}`;

const draftOn = (series: string, patch: Partial<RunDraft> = {}): RunDraft => ({ ...defaultDraft(STRATEGIES[0], series), portfolio: true, ...patch });

describe('a portfolio from the form', () => {
  it('is off until ticked: the ticked series are separate runs, as before', () => {
    const draft = { ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), compareSeries: ['local:ETH/USDT:1h'] };
    expect(draft.portfolio).toBe(false);
    const runs = toRunRequests(draft, STRATEGIES, STORED);
    expect(runs.map((r) => [key(r.series), r.portfolio])).toEqual([
      ['local:BTC/USDT:1h', undefined],
      ['local:ETH/USDT:1h', undefined],
    ]);
  });

  it("makes one run on the form's series with the ticked ones, in the list's order, as its other markets", () => {
    const runs = toRunRequests(draftOn('local:BTC/USDT:1h', { compareSeries: ['local:SOL/USDT:1h', 'local:ETH/USDT:1h'] }), STRATEGIES, STORED);
    expect(runs).toHaveLength(1);
    expect(key(runs[0]!.series)).toBe('local:BTC/USDT:1h');
    expect(runs[0]!.portfolio?.map(key)).toEqual(['local:ETH/USDT:1h', 'local:SOL/USDT:1h']);
    expect(runs[0]).toMatchObject({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, mode: 'moderate', capital: 10_000, feePct: 0.1 });
  });

  it('makes one portfolio run per strategy and mode ticked, every one over the same markets', () => {
    const draft = draftOn('local:ETH/USDT:1h', { compareStrategies: ['ema-cross'], compareModes: ['aggressive'], compareSeries: ['local:BTC/USDT:1h'] });
    const runs = toRunRequests(draft, STRATEGIES, STORED);
    expect(runs.map((r) => [r.strategy, r.mode, key(r.series), r.portfolio?.map(key)])).toEqual([
      ['sma-cross', 'moderate', 'local:ETH/USDT:1h', ['local:BTC/USDT:1h']],
      ['sma-cross', 'aggressive', 'local:ETH/USDT:1h', ['local:BTC/USDT:1h']],
      ['ema-cross', 'moderate', 'local:ETH/USDT:1h', ['local:BTC/USDT:1h']],
      ['ema-cross', 'aggressive', 'local:ETH/USDT:1h', ['local:BTC/USDT:1h']],
    ]);
  });

  it('is an ordinary run when no other series is ticked', () => {
    const runs = toRunRequests(draftOn('local:BTC/USDT:1h', { compareSeries: ['local:BTC/USDT:1h'] }), STRATEGIES, STORED);
    expect(runs).toHaveLength(1);
    expect(runs[0]).not.toHaveProperty('portfolio');
  });

  it('refuses markets of another timeframe, naming them, before anything is sent', () => {
    const draft = draftOn('local:BTC/USDT:1h', { compareSeries: ['local:ETH/USDT:1h', 'binance:XRP/USDT:4h'] });
    expect(() => toRunRequests(draft, STRATEGIES, STORED)).toThrow("a portfolio's markets must share one timeframe; these are BTC/USDT 1h, ETH/USDT 1h, XRP/USDT 4h: tick only series of 1h, or untick the portfolio");
    // As separate runs they may differ: each run has its own bars.
    expect(toRunRequests({ ...draft, portfolio: false }, STRATEGIES, STORED)).toHaveLength(3);
  });

  it('refuses more than 8 markets', () => {
    const stored = Array.from({ length: 9 }, (_, i) => `local:C${i}/USDT:1h`);
    const draft = draftOn(stored[0]!, { compareSeries: stored.slice(1) });
    expect(() => toRunRequests(draft, STRATEGIES, stored)).toThrow("9 markets ticked; a portfolio trades at most 8 (the form's series and 7 others): tick fewer");
    expect(toRunRequests({ ...draft, compareSeries: stored.slice(1, 8) }, STRATEGIES, stored)[0]!.portfolio).toHaveLength(7);
  });

  it('counts on the Run button the runs it starts: strategies × modes, the markets once as a portfolio', () => {
    const drafts: RunDraft[] = [
      draftOn('local:BTC/USDT:1h', { compareSeries: ['local:ETH/USDT:1h'] }),
      draftOn('local:BTC/USDT:1h', { compareSeries: ['local:ETH/USDT:1h', 'local:SOL/USDT:1h'], compareStrategies: ['ema-cross'], compareModes: ['conservative', 'aggressive'] }),
      draftOn('local:BTC/USDT:1h', { compareSeries: ['local:ETH/USDT:1h', 'local:SOL/USDT:1h'], compareStrategies: ['ema-cross'], portfolio: false }),
      draftOn('local:BTC/USDT:1h', { compareSeries: [] }),
    ];
    expect(drafts.map((d) => runCount(d, STRATEGIES, STORED))).toEqual([1, 6, 6, 1]);
    for (const d of drafts) expect(runCount(d, STRATEGIES, STORED)).toBe(toRunRequests(d, STRATEGIES, STORED).length);
  });
});

describe('a portfolio run on the page', () => {
  const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' as const };
  const ETH = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1h' as const };

  it('is named by all its markets wherever a run names its series', () => {
    expect(marketsLabel({ series: BTC })).toBe('BTC/USDT 1h');
    expect(marketsLabel({ series: BTC, portfolio: [] })).toBe('BTC/USDT 1h');
    expect(marketsLabel({ series: BTC, portfolio: [ETH] })).toBe('BTC/USDT + ETH/USDT 1h');
    expect(marketsLabel({ series: BTC, portfolio: [{ ...ETH, exchange: 'binance' }] })).toBe('local BTC/USDT + binance ETH/USDT 1h');
    expect([isPortfolio({ series: BTC }), isPortfolio({ series: BTC, portfolio: [] }), isPortfolio({ series: BTC, portfolio: [ETH] })]).toEqual([false, false, true]);
  });

  it("gives each market's chart only its own fills, in their order", () => {
    const fills = [
      { ts: 1, side: 'buy' as const, symbol: 'BTC/USDT' },
      { ts: 2, side: 'buy' as const, symbol: 'ETH/USDT' },
      { ts: 3, side: 'sell' as const, symbol: 'BTC/USDT' },
      // Not one of the run's markets, or no market at all: on no chart rather than on the wrong one.
      { ts: 4, side: 'sell' as const, symbol: 'SOL/USDT' },
      { ts: 5, side: 'sell' as const },
    ];
    const by = fillsByMarket(fills, ['BTC/USDT', 'ETH/USDT']);
    expect([...by.keys()]).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(by.get('BTC/USDT')!.map((f) => [f.ts, f.side])).toEqual([
      [1, 'buy'],
      [3, 'sell'],
    ]);
    expect(by.get('ETH/USDT')!.map((f) => f.ts)).toEqual([2]);
  });

  it("labels a market's buy and hold counted in another asset than the account's, as the CLI's table does", () => {
    // ETH/BTC beside BTC/USDT on a USDT account: its own buy and hold is a return in BTC.
    const symbols = ['BTC/USDT', 'ETH/BTC'];
    expect(holdText({ symbol: 'ETH/BTC', buyHoldReturnPct: 342.634 }, symbols)).toBe('342.63% (in BTC)');
    expect(holdText({ symbol: 'BTC/USDT', buyHoldReturnPct: 12.5 }, symbols)).toBe('12.50%');
    // Markets all in BTC: the account is BTC, nothing to say.
    expect(holdText({ symbol: 'ETH/BTC', buyHoldReturnPct: 1 }, ['ETH/BTC', 'XRP/BTC'])).toBe('1.00%');
    // No figure: no asset to name either.
    expect(holdText({ symbol: 'ETH/BTC', buyHoldReturnPct: null }, symbols)).toBe('–');
  });

  it('draws its basket as the benchmark only when it is the one run on the equity chart', () => {
    const H = 3_600_000;
    // The engine sends the basket at the equity's points.
    const equity: [number, number][] = [
      [0, 10_000],
      [1 * H, 10_050],
      [3 * H, 10_200],
    ];
    const basket: [number, number][] = [
      [0, 10_000],
      [1 * H, 10_400],
      [3 * H, 9_900],
    ];
    expect(basketBenchmark([{ basket, equity }])).toEqual(basket);
    // A run of one market kept from before its buy and hold was sent has none: it loads and draws no benchmark.
    // Beside another run, the dashed line would pass for the benchmark of both.
    expect(basketBenchmark([{ basket: [], equity }])).toBeNull();
    expect(basketBenchmark([{ basket, equity }, { basket: [], equity }])).toBeNull();
    expect(basketBenchmark([])).toBeNull();
  });

  it("names the benchmark in the chart's key as the HTML report does: one market's buy and hold, a portfolio's basket", () => {
    const series = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' as const };
    expect(benchmarkName({ request: { series }, markets: [] })).toBe('buy and hold BTC/USDT');
    const markets = [{ symbol: 'BTC/USDT', weight: 1 }, { symbol: 'ETH/USDT', weight: 1 }];
    expect(benchmarkName({ request: { series, portfolio: [{ ...series, symbol: 'ETH/USDT' }] }, markets })).toBe("buy and hold the markets' equal-weight basket");
  });

  let seq = 0;
  const run = (strategy: string, symbol: string, portfolio: (typeof ETH)[] = []): RunSummary => ({
    runId: `bt-${++seq}`,
    status: 'done',
    request: { strategy, params: {}, series: { ...BTC, symbol }, mode: 'moderate', capital: 10_000, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 0, seed: 1, portfolio, weights: [] },
    startedAt: 0,
    progress: 1,
    metrics: { totalReturnPct: seq, maxDrawdownPct: 10, sharpe: 1, buyHoldReturnPct: 5, from: 0, to: 1 },
    error: null,
  });

  it('is not counted in "Across markets" as a run on its first market', () => {
    const btc = run('sma-cross', 'BTC/USDT');
    const eth = run('sma-cross', 'ETH/USDT');
    const both = run('sma-cross', 'BTC/USDT', [ETH]);
    const newestFirst = [both, eth, btc];
    const m = marketMatrix(newestFirst, btc)!;
    expect(m.rows.map((r) => r.cells.map((c) => c?.runId))).toEqual([[btc.runId, eth.runId]]);
    expect(m.runs).toBe(2);
    // Selected, a portfolio run has no comparison across markets.
    expect(marketMatrix(newestFirst, both)).toBeNull();
  });

  it('is compared by strategy and mode only with runs over the same markets', () => {
    const btc = run('ema-cross', 'BTC/USDT');
    const a = run('sma-cross', 'BTC/USDT', [ETH]);
    const b = run('ema-cross', 'BTC/USDT', [ETH]);
    expect(groupKey(a)).not.toBe(groupKey(btc));
    expect(groupKey(a)).toBe(groupKey(b));
    const m = compareMatrix([b, a, btc], a)!;
    expect(m.rows.map((r) => r.cells.map((c) => c?.runId))).toEqual([[a.runId], [b.runId]]);
    expect(compareMatrix([b, a, btc], btc)).toBeNull();
  });
});
