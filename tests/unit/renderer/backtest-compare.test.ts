// "Also run, to compare": the form's ticks become every strategy in every mode (the form's run first, the
// others with their defaults), and the comparison tab groups runs made on the same data with the same
// money into strategies × modes, the best return of each strategy marked, and plots them return against
// max drawdown on round axes.
import { describe, expect, it } from 'vitest';
import { compareMatrix, groupKey } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { fitAxis } from '../../../renderer/src/features/backtest/plot-axes.ts';
import { riskReturnPlot } from '../../../renderer/src/features/backtest/risk-return.ts';
import type { RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { defaultDraft, toRunRequests } from '../../../renderer/src/features/backtest/run-form.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]]), strategySpec('rsi-reversion', [['period', 14]])];

describe('running several from the form', () => {
  it('is one run with nothing ticked', () => {
    const draft = defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h');
    expect(toRunRequests(draft, STRATEGIES)).toHaveLength(1);
  });

  it('runs the form first, then every ticked strategy (its defaults) in every ticked mode', () => {
    const draft = { ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), params: { fast: '5', slow: '50' }, mode: 'aggressive' as const, compareStrategies: ['rsi-reversion'], compareModes: ['custom' as const, 'conservative' as const], positionPct: '40' };
    const runs = toRunRequests(draft, STRATEGIES);
    // Only the custom runs carry the position % (the engine refuses one on a preset mode).
    expect(runs.map((r) => r.positionPct)).toEqual([undefined, undefined, 40, undefined, undefined, 40]);
    expect(runs.map((r) => [r.strategy, r.mode, r.params])).toEqual([
      ['sma-cross', 'aggressive', { fast: 5, slow: 50 }],
      ['sma-cross', 'conservative', { fast: 5, slow: 50 }],
      ['sma-cross', 'custom', { fast: 5, slow: 50 }],
      ['rsi-reversion', 'aggressive', { period: 14 }],
      ['rsi-reversion', 'conservative', { period: 14 }],
      ['rsi-reversion', 'custom', { period: 14 }],
    ]);
    // The same data and money for all of them.
    expect(new Set(runs.map((r) => JSON.stringify({ ...r, strategy: '', params: {}, mode: '', positionPct: undefined }))).size).toBe(1);
  });

  it("ignores a tick on the form's own strategy or mode, and refuses the form's bad parameters before any run", () => {
    const draft = { ...defaultDraft(STRATEGIES[1], 'local:BTC/USDT:1h'), compareStrategies: ['ema-cross'], compareModes: ['moderate' as const] };
    expect(toRunRequests(draft, STRATEGIES)).toHaveLength(1);
    expect(() => toRunRequests({ ...draft, params: { fast: '0', slow: '26' }, compareStrategies: ['sma-cross'] }, STRATEGIES)).toThrow('fast: a whole number from 1 to 1000');
  });
});

let seq = 0;
function run(strategy: string, mode: RunSummary['request']['mode'], ret: number | null, over: Partial<RunSummary['request']> = {}): RunSummary {
  const done = ret !== null;
  return {
    runId: `bt-${++seq}`,
    status: done ? 'done' : 'queued',
    request: { strategy, params: strategy === 'sma-cross' ? { fast: 10, slow: 30 } : {}, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, mode, capital: 10_000, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 0, seed: 1, portfolio: [], weights: [], ...over },
    startedAt: 0,
    progress: done ? 1 : 0,
    metrics: done ? { totalReturnPct: ret, maxDrawdownPct: -10, sharpe: 1, buyHoldReturnPct: 42 } : null,
    error: null,
  };
}
const newestFirst = (runs: RunSummary[]) => [...runs].reverse();

describe('the comparison by strategy and mode', () => {
  it('says once, naming every row it holds for, why moderate and aggressive made the same runs', () => {
    const runs = [run('sma-cross', 'moderate', 12), run('sma-cross', 'aggressive', 12), run('ema-cross', 'moderate', -3), run('ema-cross', 'aggressive', -3), run('rsi-reversion', 'moderate', 4), run('rsi-reversion', 'aggressive', 7)];
    const m = compareMatrix(newestFirst(runs), runs[0]!)!;
    expect(m.alike).toHaveLength(1);
    expect(m.alike[0]).toMatch(/^sma-cross fast=10 slow=30 and ema-cross: moderate and aggressive made the same run: each sizes an entry at its risk per trade .* an SL % of 4 sizes them at 50% and 75% of equity\.$/);
  });

  it('puts strategies down and modes across (in the modes order), the best return of each row marked', () => {
    const runs = [run('sma-cross', 'aggressive', 12), run('sma-cross', 'conservative', 20), run('rsi-reversion', 'aggressive', -3), run('rsi-reversion', 'conservative', null)];
    const m = compareMatrix(newestFirst(runs), runs[0]!)!;
    expect(m.modes).toEqual(['conservative', 'aggressive']);
    expect(m.rows.map((r) => r.label)).toEqual(['sma-cross fast=10 slow=30', 'rsi-reversion']);
    expect(m.rows[0]!.cells.map((c) => c?.metrics?.['totalReturnPct'])).toEqual([20, 12]);
    expect(m.rows[0]!.best).toEqual([0]);
    // A run still queued is in its cell, not counted as the best.
    expect(m.rows[1]!.cells[0]).toMatchObject({ status: 'queued', metrics: null });
    expect(m.rows[1]!.best).toEqual([1]);
    expect(m).toMatchObject({ runs: 4, buyHoldReturnPct: 42 });
    // A tie marks both: the second is not worse.
    const tied = [run('ema-cross', 'moderate', -5.68), run('ema-cross', 'aggressive', -5.68), run('sma-cross', 'moderate', 1)];
    expect(compareMatrix(newestFirst(tied), tied[0]!)!.rows.find((r) => r.label === 'ema-cross')!.best).toEqual([0, 1]);
  });

  it('compares only runs on the same data with the same money, the newest of a repeated cell, and needs two', () => {
    const other = run('sma-cross', 'moderate', 5, { capital: 99 });
    const a = run('sma-cross', 'moderate', 1);
    const again = run('sma-cross', 'moderate', 2);
    const b = run('ema-cross', 'moderate', 3);
    expect(groupKey(other)).not.toBe(groupKey(a));
    const m = compareMatrix(newestFirst([other, a, again, b]), b)!;
    expect(m.rows.map((r) => [r.label, r.cells.map((c) => c?.runId)])).toEqual([
      ['sma-cross fast=10 slow=30', [again.runId]],
      ['ema-cross', [b.runId]],
    ]);
    expect(compareMatrix([other, a], other)).toBeNull();
    expect(compareMatrix([], null)).toBeNull();
    // The count says what the cells show: two runs, not the three made (the page said "3 runs" over two cells).
    expect(m.runs).toBe(2);
    // One cell run twice is nothing to compare.
    expect(compareMatrix(newestFirst([a, again]), again)).toBeNull();
  });

  it('keeps a finished run in its cell when the same run started again was cancelled or failed', () => {
    const done = run('sma-cross', 'moderate', 7);
    const other = run('ema-cross', 'moderate', 3);
    const stopped = { ...run('sma-cross', 'moderate', null), status: 'cancelled' as const };
    const failed = { ...run('ema-cross', 'moderate', null), status: 'failed' as const, error: 'boom' };
    const m = compareMatrix(newestFirst([done, other, stopped, failed]), failed)!;
    expect(m.rows.map((r) => r.cells.map((c) => [c?.runId, c?.status]))).toEqual([[[done.runId, 'done']], [[other.runId, 'done']]]);
    expect(m.runs).toBe(2);
    // A re-run still going shows its progress in the cell, over the older figures.
    const again = run('sma-cross', 'moderate', null);
    expect(compareMatrix(newestFirst([done, other, again]), again)!.rows[0]!.cells[0]).toMatchObject({ runId: again.runId, status: 'queued' });
  });

  it('leaves a cell empty where a strategy was not run in a mode', () => {
    const runs = [run('sma-cross', 'conservative', 1), run('sma-cross', 'aggressive', 2), run('ema-cross', 'aggressive', 3)];
    const m = compareMatrix(newestFirst(runs), runs[2]!)!;
    expect(m.rows[1]!.cells[0]).toBeNull();
    expect(m.rows[1]!.best).toEqual([1]);
  });
});

describe('return against max drawdown', () => {
  it('fits both axes with round ticks inside, from 0 on the drawdown axis (fitAxis, as every plot and the report)', () => {
    // A drawdown axis from 0 (not padded past it) to a little past the deepest, not up to the next round step.
    expect(fitAxis(0, 23.29)).toEqual({ min: 0, max: 23.29 * 1.06, ticks: [0, 5, 10, 15, 20], decimals: 0 });
    const both = fitAxis(-42.93, 30.88);
    expect(both.ticks).toEqual([-40, -20, 0, 20]);
    expect([both.min, both.max]).toEqual([-42.93 - 73.81 * 0.06, 30.88 + 73.81 * 0.06]);
    expect(fitAxis(0.1, 0.37).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    // One value: an axis around it, not a division by zero.
    expect(fitAxis(0, 0)).toMatchObject({ min: -1 - 0.12, max: 1 + 0.12 });
    expect(fitAxis(5, 5).ticks.length).toBeGreaterThan(1);
  });

  it('plots the finished runs (each at its drawdown and return) with the buy-and-hold line inside the axes', () => {
    const runs = [run('sma-cross', 'aggressive', 30.88), run('sma-cross', 'conservative', 4.78), run('ema-cross', 'aggressive', null)];
    runs[1]!.metrics!['maxDrawdownPct'] = 21.22;
    runs[0]!.metrics!['maxDrawdownPct'] = 23.29;
    const m = compareMatrix(newestFirst(runs), runs[0]!)!;
    const plot = riskReturnPlot(m)!;
    expect(plot.points.map((p) => [p.label, p.drawdownPct, p.returnPct, p.row, p.col])).toEqual([
      ['sma-cross fast=10 slow=30 · conservative', 21.22, 4.78, 0, 0],
      ['sma-cross fast=10 slow=30 · aggressive', 23.29, 30.88, 0, 1],
    ]);
    expect(plot.buyHoldReturnPct).toBe(42);
    expect(plot.buyHoldOff).toBeNull();
    expect(plot.y.min).toBeLessThanOrEqual(0);
    expect(plot.y.max).toBeGreaterThanOrEqual(42);
    expect(plot.x.max).toBeGreaterThanOrEqual(23.29);
    // One finished run is nothing to compare.
    expect(riskReturnPlot(compareMatrix(newestFirst(runs.slice(1)), runs[1]!)!)).toBeNull();
  });

  it("fits the return axis to the runs' returns, padded a little, on round ticks (not -200 % to 600 % for -34 % to 270 %)", () => {
    // Three strategies over 2021-2023 as the probe ran them; buy and hold made 519.47 %.
    const runs = [run('sma-cross', 'moderate', 269.65), run('ema-cross', 'moderate', 143.28), run('rsi-reversion', 'moderate', -34.34)];
    runs.forEach((r, i) => Object.assign(r.metrics!, { maxDrawdownPct: [28.83, 32.48, 57.73][i], buyHoldReturnPct: 519.47 }));
    const plot = riskReturnPlot(compareMatrix(newestFirst(runs), runs[0]!)!)!;
    const { y } = plot;
    // Every point inside, with a margin of a few percent of the span, and no more.
    const span = 269.65 - -34.34;
    expect(y.min).toBeLessThan(-34.34);
    expect(y.min).toBeGreaterThan(-34.34 - 0.15 * span);
    expect(y.max).toBeGreaterThan(269.65);
    expect(y.max).toBeLessThan(269.65 + 0.15 * span);
    // Round ticks, evenly stepped, all inside the axis, enough to read it by; 0 among them.
    expect(y.ticks.length).toBeGreaterThanOrEqual(4);
    expect(y.ticks.every((t) => t >= y.min && t <= y.max)).toBe(true);
    const step = y.ticks[1]! - y.ticks[0]!;
    expect([50, 100]).toContain(step);
    expect(y.ticks.every((t, i) => i === 0 || t - y.ticks[i - 1]! === step)).toBe(true);
    expect(y.ticks).toContain(0);
    // Buy and hold far above them (taking it in would squash the runs into the lower half): named at the top edge.
    expect(plot.buyHoldReturnPct).toBe(519.47);
    expect(plot.buyHoldOff).toBe('above');

    // Buy and hold near the runs is drawn inside the axis, as before.
    runs.forEach((r) => (r.metrics!['buyHoldReturnPct'] = 300));
    const near = riskReturnPlot(compareMatrix(newestFirst(runs), runs[0]!)!)!;
    expect(near.buyHoldOff).toBeNull();
    expect(near.y.max).toBeGreaterThan(300);
    expect(near.y.max).toBeLessThan(300 + 0.15 * (300 - -34.34));
  });
});
