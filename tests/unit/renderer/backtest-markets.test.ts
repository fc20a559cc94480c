// "Also run, to compare" on other markets: the ticked series become the same runs again on each of them
// (the form's series first), and the "Across markets" tab lays a strategy's runs on several series side
// by side, each market with its own buy and hold, counting where the strategy beat it and made money.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { marketBarsAxis, marketGroupKey, marketMatrix } from '../../../renderer/src/features/backtest/market-matrix.ts';
import { pctTickText } from '../../../renderer/src/features/backtest/plot-axes.ts';
import { niceTicks } from '../../../shared/backtest/nice-ticks.ts';
import { defaultDraft, storedSeriesName, toRunRequests } from '../../../renderer/src/features/backtest/run-form.ts';
import { manyExchanges, marketsLabel } from '../../../renderer/src/features/backtest/run-markets.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]])];
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h', 'binance:SOL/USDT:4h'];

describe('running on other markets from the form', () => {
  it('runs everything the form asks for on its series, then on each ticked series in the list order', () => {
    const draft = { ...defaultDraft(STRATEGIES[0], 'local:ETH/USDT:1h'), params: { fast: '5', slow: '50' }, compareStrategies: ['ema-cross'], compareSeries: ['binance:SOL/USDT:4h', 'local:BTC/USDT:1h'] };
    const runs = toRunRequests(draft, STRATEGIES, STORED);
    expect(runs.map((r) => [`${r.series.exchange}:${r.series.symbol}:${r.series.timeframe}`, r.strategy, r.params])).toEqual([
      ['local:ETH/USDT:1h', 'sma-cross', { fast: 5, slow: 50 }],
      ['local:ETH/USDT:1h', 'ema-cross', { fast: 12, slow: 26 }],
      ['local:BTC/USDT:1h', 'sma-cross', { fast: 5, slow: 50 }],
      ['local:BTC/USDT:1h', 'ema-cross', { fast: 12, slow: 26 }],
      ['binance:SOL/USDT:4h', 'sma-cross', { fast: 5, slow: 50 }],
      ['binance:SOL/USDT:4h', 'ema-cross', { fast: 12, slow: 26 }],
    ]);
    // The same money and dates on every market.
    expect(new Set(runs.map((r) => JSON.stringify({ ...r, strategy: '', params: {}, series: null }))).size).toBe(1);
  });

  it("ignores a tick on the form's own series and on a series no longer stored", () => {
    const draft = { ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), compareSeries: ['local:BTC/USDT:1h', 'local:DOGE/USDT:1h'] };
    expect(toRunRequests(draft, STRATEGIES, STORED)).toHaveLength(1);
  });
});

let seq = 0;
function run(strategy: string, symbol: string, ret: number | null, hold: number, over: Partial<RunSummary['request']> = {}): RunSummary {
  const done = ret !== null;
  return {
    runId: `bt-${++seq}`,
    status: done ? 'done' : 'running',
    request: { strategy, params: {}, series: { exchange: 'local', symbol, timeframe: '1h' }, mode: 'moderate', capital: 10_000, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 0, seed: 1, portfolio: [], weights: [], ...over },
    startedAt: 0,
    progress: done ? 1 : 0.5,
    metrics: done ? { totalReturnPct: ret, maxDrawdownPct: 10, sharpe: 1, buyHoldReturnPct: hold, from: 0, to: 3_600_000 } : null,
    error: null,
  };
}
const newestFirst = (runs: RunSummary[]) => [...runs].reverse();

describe('the comparison across markets', () => {
  it('puts each strategy and mode down and each market across, with its buy and hold, and counts where it held', () => {
    const runs = [run('sma-cross', 'BTC/USDT', 30, 20), run('sma-cross', 'ETH/USDT', -5, -40), run('ema-cross', 'BTC/USDT', 10, 20), run('ema-cross', 'ETH/USDT', null, -40)];
    const m = marketMatrix(newestFirst(runs), runs[0]!)!;
    expect(m.markets).toEqual([
      { key: 'local:BTC/USDT:1h', label: 'BTC/USDT 1h', buyHoldReturnPct: 20, from: 0, to: 3_600_000 },
      { key: 'local:ETH/USDT:1h', label: 'ETH/USDT 1h', buyHoldReturnPct: -40, from: 0, to: 3_600_000 },
    ]);
    expect(m.spansDiffer).toBe(false);
    expect(m.rows.map((r) => [r.label, r.cells.map((c) => c?.status), r.done, r.beat, r.positive])).toEqual([
      ['sma-cross · moderate', ['done', 'done'], 2, 2, 1],
      // A run still going is in its cell and not counted yet.
      ['ema-cross · moderate', ['done', 'running'], 1, 0, 1],
    ]);
    expect(m.runs).toBe(4);
  });

  it('needs a strategy run on two markets, compares only runs with the same money and dates, the newest of a repeated cell', () => {
    const alone = run('sma-cross', 'BTC/USDT', 1, 20);
    const bothBtc = run('rsi-reversion', 'BTC/USDT', 2, 20);
    const olderEth = run('rsi-reversion', 'ETH/USDT', 3, -40);
    const newerEth = run('rsi-reversion', 'ETH/USDT', 4, -40);
    const otherMoney = run('rsi-reversion', 'SOL/USDT', 5, 0, { capital: 99 });
    expect(marketGroupKey(otherMoney)).not.toBe(marketGroupKey(alone));
    expect(marketMatrix([alone], alone)).toBeNull();
    const m = marketMatrix(newestFirst([alone, bothBtc, olderEth, newerEth, otherMoney]), alone)!;
    // sma-cross ran on one market only: not a row. SOL was run with other money: not a column.
    expect(m.rows.map((r) => [r.label, r.cells.map((c) => c?.runId)])).toEqual([['rsi-reversion · moderate', [bothBtc.runId, newerEth.runId]]]);
    expect(m.markets.map((k) => k.key)).toEqual(['local:BTC/USDT:1h', 'local:ETH/USDT:1h']);
    expect(marketMatrix(newestFirst([alone, bothBtc, olderEth, newerEth, otherMoney]), otherMoney)).toBeNull();
    // The count says what the cells show: two runs, not the three made on these markets.
    expect(m.runs).toBe(2);
    // A newer run of a cell that was cancelled leaves the finished one in the cell.
    const cancelled = { ...run('rsi-reversion', 'ETH/USDT', null, -40), status: 'cancelled' as const };
    const again = marketMatrix(newestFirst([alone, bothBtc, olderEth, newerEth, cancelled]), alone)!;
    expect(again.rows[0]!.cells.map((c) => [c?.runId, c?.status])).toEqual([[bothBtc.runId, 'done'], [newerEth.runId, 'done']]);
    expect(again.rows[0]!.done).toBe(2);
  });

  it('says when the markets cover different stretches of time (no From and To given: each series whole)', () => {
    const btc = run('sma-cross', 'BTC/USDT', 1, 2);
    const eth = run('sma-cross', 'ETH/USDT', 3, 4);
    eth.metrics!['from'] = 7_200_000;
    expect(marketMatrix(newestFirst([btc, eth]), btc)!.spansDiffer).toBe(true);
  });

  it('names the exchange when the markets span several', () => {
    const runs = [run('sma-cross', 'BTC/USDT', 1, 2), run('sma-cross', 'BTC/USDT', 3, 4, { series: { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' } })];
    expect(marketMatrix(newestFirst(runs), runs[0]!)!.markets.map((k) => k.label)).toEqual(['local BTC/USDT 1h', 'binance BTC/USDT 1h']);
  });
});

describe('the returns as bars', () => {
  it('fits the axis to the returns and buy and holds as the other plots do: a little past the highest, not up to the next round step', () => {
    const runs = [run('sma-cross', 'BTC/USDT', 21, 3), run('sma-cross', 'ETH/USDT', 2, 4)];
    const y = marketBarsAxis(marketMatrix(newestFirst(runs), runs[0]!)!)!;
    // The bars stand on 0 at the bottom; the top is 21 % and 6 % of the span, not 25 % (a round step's
    // worth of empty plot over the highest bar); the ticks the report's charts would put there.
    expect([y.min, y.max]).toEqual([0, 21 * 1.06]);
    expect(y.ticks).toEqual(niceTicks(y.min, y.max).values);
    expect(y.ticks).toEqual([0, 5, 10, 15, 20]);
    // A run still going adds nothing; none finished, no axis.
    const going = [run('sma-cross', 'BTC/USDT', null, 0), run('sma-cross', 'ETH/USDT', null, 0)];
    expect(marketBarsAxis(marketMatrix(newestFirst(going), going[0]!)!)).toBeNull();
  });

  it('labels ticks grouped by thousands as the table writes its returns (1,000%, not 1000%)', () => {
    const runs = [run('sma-cross', 'BTC/USDT', 1234.5, 900), run('sma-cross', 'ETH/USDT', -40, -60)];
    const y = marketBarsAxis(marketMatrix(newestFirst(runs), runs[0]!)!)!;
    const labels = y.ticks.map((t) => pctTickText(t, y.decimals));
    expect(labels).toContain('1,000%');
    expect(labels).toContain('0%');
    expect(labels.every((l) => /^-?\d{1,3}(,\d{3})*%$/.test(l))).toBe(true);
  });
});

describe('the same symbol stored from two exchanges', () => {
  it("names each tick's exchange once the stored series come from several (BTC/USDT 1m twice read the same)", () => {
    expect(storedSeriesName('perp:BTC/USDT:1m', ['local:BTC/USDT:1m', 'perp:BTC/USDT:1m'])).toBe('perp BTC/USDT 1m');
    expect(storedSeriesName('local:BTC/USDT:1m', ['local:BTC/USDT:1m', 'perp:BTC/USDT:1m'])).toBe('local BTC/USDT 1m');
    expect(storedSeriesName('local:ETH/USDT:1h', ['local:BTC/USDT:1m', 'local:ETH/USDT:1h'])).toBe('ETH/USDT 1h');
  });

  it("reads a tick as the run it adds: at the form's timeframe, saying what it is made from", () => {
    const stored = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h', 'local:XRP/USDT:1d'];
    // The form runs 4h bars: the ETH/USDT run is 4h, rolled up from the stored 1h candles.
    expect(storedSeriesName('local:ETH/USDT:1h', stored, '4h')).toBe('ETH/USDT 4h (from 1h)');
    // The form's own timeframe, or none chosen: the stored series as it is.
    expect(storedSeriesName('local:ETH/USDT:1h', stored, '1h')).toBe('ETH/USDT 1h');
    expect(storedSeriesName('local:ETH/USDT:1h', stored, '')).toBe('ETH/USDT 1h');
    // Daily candles make no 4h bars: the tick says so rather than promising a 4h run.
    expect(storedSeriesName('local:XRP/USDT:1d', stored, '4h')).toBe('XRP/USDT 1d (makes no 4h)');
  });

  it("names each run's exchange in a list whose runs span several", () => {
    const perp = { series: { exchange: 'perp', symbol: 'BTC/USDT', timeframe: '5m' as const } };
    const local = { series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '5m' as const } };
    expect(manyExchanges([perp, local])).toBe(true);
    expect(manyExchanges([local, local])).toBe(false);
    expect(marketsLabel(perp, manyExchanges([perp, local]))).toBe('perp BTC/USDT 5m');
    expect(marketsLabel(perp)).toBe('BTC/USDT 5m');
  });
});

describe('too many at once', () => {
  it('says how many were ticked and what the most is, before anything is sent', () => {
    const many = Array.from({ length: 6 }, (_, i) => strategySpec(`s${i}`, [['n', 1]]));
    const draft = { ...defaultDraft(many[0], 'local:BTC/USDT:1h'), compareStrategies: many.map((s) => s.name), compareModes: ['conservative' as const, 'aggressive' as const], compareSeries: ['local:ETH/USDT:1h'] };
    expect(toRunRequests({ ...draft, compareSeries: [] }, many, STORED)).toHaveLength(18);
    expect(() => toRunRequests(draft, many, STORED)).toThrow('36 runs ticked (strategies × modes × markets); at most 32 start at once: tick fewer');
  });
});
