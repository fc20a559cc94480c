// Parameter search, walk-forward and Monte Carlo: ranges and their refusals, grid and random sets, the
// worker pool agreeing with inline runs, the fold windows, the out-of-sample warning, the stitched
// equity, and the Monte Carlo bands.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EvalPool } from '../../../electron/backtest/eval-pool.ts';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { allocateColumns } from '../../../electron/journal/candle-columns.ts';
import { monteCarlo, pathStats, percentile, tradeReturns } from '../../../electron/backtest/monte-carlo.ts';
import { BacktestCancelled } from '../../../electron/backtest/run-backtest.ts';
import { holdsUp, scoreWords, search, SearchCancelled, type SearchResult } from '../../../electron/backtest/optimize.ts';
import { gridSets, parseRanges, randomSets } from '../../../electron/backtest/param-space.ts';
import { riskModeSettings, withRearm } from '../../../electron/backtest/risk-modes.ts';
import { runSetup, type RunSetup } from '../../../electron/backtest/run-setup.ts';
import { marketSubject } from '../../../electron/backtest/search-subject.ts';
import { foldWindows, walkForward, type WalkForwardResult } from '../../../electron/backtest/walk-forward.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import { findStrategy } from '../../../electron/strategies/registry.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const sma = findStrategy('sma-cross');
const setup: RunSetup = { strategy: 'sma-cross', symbol: 'BTC/USDT', barMs: 3_600_000, risk: riskModeSettings('aggressive'), capital: 10_000, feePct: 0.1, slippageBps: 0 };

async function btc1h(toExclusive = Date.UTC(2023, 0, 1)) {
  return (await candlesFromFile(path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv'), { from: Date.UTC(2021, 0, 1), toExclusive })).candles;
}

describe('parameter ranges and sets', () => {
  it('parses from:to:step and a|b|c, and refuses what the strategy does not have or allow', () => {
    expect(parseRanges(sma, 'fast=5:20:5,slow=30|60')).toEqual({ fast: [5, 10, 15, 20], slow: [30, 60] });
    expect(() => parseRanges(sma, 'fats=5:20')).toThrow('sma-cross has no parameter "fats" (did you mean fast?); its parameters: fast, slow (and the exits: stopLossPct, takeProfitPct, trailingStopPct)');
    expect(() => parseRanges(sma, 'fast=0:5')).toThrow(/fast = 0 is outside its range 1\.\.1000/);
    expect(() => parseRanges(sma, 'fast=2.5|3')).toThrow(/fast must be a whole number/);
    expect(() => parseRanges(sma, 'fast=9:3')).toThrow(/from ≤ to/);
    // Before, an empty or hex item read as 0 or 16, a fourth part was dropped, and a second range replaced the first.
    expect(() => parseRanges(sma, 'fast=5|')).toThrow('range fast=5|: "" is not a number; write from:to[:step] or a|b|c');
    expect(() => parseRanges(sma, 'fast=5|0x10')).toThrow('range fast=5|0x10: "0x10" is not a number');
    expect(() => parseRanges(sma, 'fast=5:20:5:1')).toThrow(/range fast=5:20:5:1: write from:to\[:step\]/);
    expect(() => parseRanges(sma, 'fast=5:10,slow=30,fast=20')).toThrow('range fast is given twice; give each parameter one range (a|b|c lists values)');
  });

  it('refuses a grid too large before making any of its sets, naming its size', () => {
    // 1,000 × 999 × 101 sets: before, the sets were made a parameter at a time and the count checked after
    // each, so the last step built a hundred million of them, filled the memory and crashed the process.
    const ranges = parseRanges(sma, 'fast=1:1000:1,slow=2:1000:1,stopLossPct=0:10:0.1');
    expect(() => gridSets(sma, { fast: 10, slow: 30 }, ranges)).toThrow('the grid has 100,899,000 parameter sets (fast 1,000 × slow 999 × stopLossPct 101), more than 1,000,000; narrow the ranges or use --optimize random');
  });

  it('searches the run\'s exits beside the strategy\'s parameters: 0 is none, and each set runs with its own', async () => {
    expect(parseRanges(sma, 'fast=10|20,stopLossPct=0:4:2,takeProfitPct=0|5')).toEqual({ fast: [10, 20], stopLossPct: [0, 2, 4], takeProfitPct: [0, 5] });
    expect(() => parseRanges(sma, 'stopLossPct=50:100:50')).toThrow(/stopLossPct = 100 is outside its range 0\.\.99/);
    expect(gridSets(sma, { fast: 10, slow: 30 }, { stopLossPct: [0, 3] })).toEqual([
      { fast: 10, slow: 30, stopLossPct: 0 },
      { fast: 10, slow: 30, stopLossPct: 3 },
    ]);
    // The setup's own exits (a 6 % take-profit) stay unless a set names them; a set's 0 takes its exit away.
    const candles = await btc1h();
    const withTarget = { ...setup, exits: { stopLossPct: null, takeProfitPct: 6 } };
    // In a worker thread, as the app and keel backtest search: the sets cross over as plain data.
    const pool = new EvalPool(withTarget, marketSubject(candles), 1);
    let ranked;
    try {
      ranked = (await search(pool, gridSets(sma, { fast: 10, slow: 30 }, { stopLossPct: [0, 3] }), candles.length, 'sharpe', 0)).ranked;
    } finally {
      await pool.close();
    }
    const [none, stop3] = ranked.sort((a, b) => a.params.stopLossPct! - b.params.stopLossPct!);
    const run = (stopLossPct: number | null) => runSetup({ ...withTarget, exits: { stopLossPct, takeProfitPct: 6 } }, candles, { fast: 10, slow: 30 });
    expect(none!.metrics).toEqual(run(null).metrics);
    expect(stop3!.metrics).toEqual(run(3).metrics);
    expect(stop3!.metrics.totalReturnPct).not.toBe(none!.metrics.totalReturnPct);
    // The strategy never sees them: a set's run echoes its own parameters and the exits it ran with.
    const r = runSetup(withTarget, candles, { fast: 10, slow: 30, stopLossPct: 3, takeProfitPct: 0 });
    expect([r.params, r.exits]).toEqual([{ fast: 10, slow: 30 }, { stopLossPct: 3, takeProfitPct: null, trailingStopPct: null }]);
  });

  it('a grid drops the sets that break the strategy\'s rules (fast must stay below slow)', () => {
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [10, 20, 30], slow: [20, 30] });
    expect(sets).toEqual([
      { fast: 10, slow: 20 },
      { fast: 10, slow: 30 },
      { fast: 20, slow: 30 },
    ]);
  });

  it('ranges that make no valid set are refused naming the rule the sets break, not only "no valid sets"', () => {
    expect(() => gridSets(sma, { fast: 10, slow: 30 }, { fast: [40, 50] })).toThrow(
      'no parameter set the ranges make can run (the first, fast=40,slow=30: sma-cross: fast (40) must be smaller than slow (30)); change the ranges so that some sets keep to that rule',
    );
    expect(() => gridSets(sma, { fast: 10, slow: 30 }, { stopLossPct: [2], trailingStopPct: [3] })).toThrow(/fast=10,slow=30,stopLossPct=2,trailingStopPct=3: a set takes a stop-loss or a trailing stop, not both/);
    // A random search over more sets than --trials, none of them valid: the same, for the sets it drew.
    expect(() => randomSets(sma, { fast: 10, slow: 30 }, { fast: [60, 61, 62, 63], slow: [40, 50] }, 3, 1)).toThrow(/^none of the 150 parameter sets drawn from the ranges can run \(the first, fast=6\d,slow=[45]0: sma-cross: fast \(6\d\) must be smaller than slow/);
  });

  it('random sets are distinct, valid, reproducible from the seed, and no more than exist', () => {
    const ranges = { fast: [5, 10, 15, 20], slow: [30, 60, 90] };
    const a = randomSets(sma, { fast: 10, slow: 30 }, ranges, 5, 7);
    expect(a).toEqual(randomSets(sma, { fast: 10, slow: 30 }, ranges, 5, 7));
    expect(new Set(a.map((p) => `${p.fast},${p.slow}`)).size).toBe(5);
    expect(randomSets(sma, { fast: 10, slow: 30 }, ranges, 100, 7).length).toBe(12);
  });
});

describe('search and walk-forward', () => {
  it('worker threads give the same metrics as inline runs', async () => {
    const candles = await btc1h();
    const jobs = [{ params: { fast: 10, slow: 30 }, from: 0, to: 5000 }, { params: { fast: 20, slow: 60 }, from: 1000, to: candles.length }];
    const inline = new EvalPool(setup, marketSubject(candles), 0);
    const threads = new EvalPool(setup, marketSubject(candles), 1);
    try {
      const seen: number[] = [];
      const a = await inline.evaluate(jobs);
      const b = await threads.evaluate(jobs, (d) => seen.push(d));
      expect(b.map((r) => r.metrics)).toEqual(a.map((r) => r.metrics));
      expect(seen).toEqual([1, 2]);
    } finally {
      await threads.close();
    }
  }, 30_000);

  it('a search ranks by the objective and checks the best on the held-out bars', async () => {
    const candles = await btc1h();
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10, 20], slow: [50, 100] });
    const s = await search(pool, sets, candles.length, 'sharpe', 0.25);
    expect(s.ranked.length).toBe(6);
    for (let i = 1; i < s.ranked.length; i++) expect(s.ranked[i - 1]!.score).toBeGreaterThanOrEqual(s.ranked[i]!.score);
    expect(s.inSample).toEqual({ from: 0, to: Math.floor(candles.length * 0.75) });
    expect(s.outOfSample!.from).toBe(s.inSample.to);
    const inSampleOnly = await search(pool, sets, candles.length, 'sharpe', 0);
    expect(inSampleOnly.outOfSample).toBeNull();
    expect(inSampleOnly.warnings.some((w) => /in-sample only/.test(w))).toBe(true);
    expect(s.warnings.join('\n')).not.toMatch(/no set made a trade/);
    // Moderate mode's 20% drawdown limit stopped every set for most of the stretch (2021's fall): said, with the
    // best set's halt, or the ranking would pass for the parameters' doing.
    const best = s.ranked[0]!;
    expect(best.halted!.share).toBeGreaterThan(0.25);
    expect(s.warnings).toContain(
      `WARNING: the best set's kill switch stayed engaged from ${new Date(best.halted!.from).toISOString().slice(0, 10)} to the end of the in-sample stretch, ${Math.round(best.halted!.share * 100)}% of it without a new entry, after a drawdown breach (${s.ranked.filter((r) => r.halted).length} of the 6 sets were held so): its score, and the ranking, are partly the risk limits' doing; keel backtest --rearm-after DAYS (in the app, "Re-arm after drawdown kill" in the backtest form) re-arms it that many days after a drawdown breach, as a trader might`,
    );
  }, 30_000);

  it('a search whose sets trade their stretch through says nothing of the kill switch', async () => {
    const candles = await btc1h();
    const pool = new EvalPool({ ...setup, risk: withRearm(setup.risk, 1) }, marketSubject(candles), 0);
    const s = await search(pool, gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10] }), candles.length, 'sharpe', 0.25);
    expect(s.ranked.every((r) => r.halted === undefined)).toBe(true);
    expect(s.warnings.join('\n')).not.toMatch(/kill switch/);
  }, 30_000);

  it('holds out exactly the last PCT% of the bars (rounded up to a whole bar), not one more by a float\'s error', async () => {
    // 60 days of hours. 1,440 × (1 − 0.3) is 1,007.999… in floats, which held out 433 bars for 30% (432).
    const candles = await btc1h(Date.UTC(2021, 2, 2));
    expect(candles.length).toBe(1440);
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10] });
    for (const [pct, held] of [[30, 432], [55, 792], [80, 1152], [25, 360], [12.5, 180], [7, 101]] as const) {
      const s = await search(pool, sets, candles.length, 'return', pct / 100);
      expect([pct, s.inSample, s.outOfSample && { from: s.outOfSample.from, to: s.outOfSample.to }]).toEqual([pct, { from: 0, to: 1440 - held }, { from: 1440 - held, to: 1440 }]);
    }
  }, 30_000);

  it('cancelled partway (inline), keeps the sets it ran, ranked as the whole search ranks them, with no held-out check', async () => {
    const candles = await btc1h();
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10, 20], slow: [50, 100] });
    const whole = await search(pool, sets, candles.length, 'return', 0.25);
    // The cancel seen after four sets have run.
    let ran = 0;
    const cut = await search(pool, sets, candles.length, 'return', 0.25, (done) => (ran = done), () => ran >= 4).catch((err: unknown) => err);
    expect(cut).toBeInstanceOf(SearchCancelled);
    const { result, ran: counts } = cut as SearchCancelled<SearchResult>;
    expect(counts).toEqual({ done: 4, planned: 6 });
    const firstFour = new Set(sets.slice(0, 4).map((p) => JSON.stringify(p)));
    expect(result.ranked).toEqual(whole.ranked.filter((r) => firstFour.has(JSON.stringify(r.params))));
    expect(result.outOfSample).toBeNull();
    expect(result.warnings.at(-1)).toBe('the search was cancelled after 4 of 6 sets, before its best was run on the held-out bars: nothing checks it out of sample, and it is the best of only the 4 sets that ran');
    // Cancelled before any set finished: nothing to keep, the pool's cancel as before.
    await expect(search(pool, sets, candles.length, 'return', 0.25, undefined, () => true)).rejects.toThrow('the optimization was cancelled');
    await expect(search(pool, sets, candles.length, 'return', 0.25, undefined, () => true)).rejects.not.toBeInstanceOf(SearchCancelled);
  }, 30_000);

  it('a walk-forward cancelled in its second fold keeps the first, summed up alone', async () => {
    const candles = await btc1h();
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10], slow: [50, 100] });
    const plan = { folds: 4, isRatio: 2, anchored: false };
    const whole = await walkForward(pool, setup, marketSubject(candles), sets, plan, 'return');
    // The first fold is its four sets and its out-of-sample run; the cancel is seen two sets into the second.
    let done = 0;
    const cut = await walkForward(pool, setup, marketSubject(candles), sets, plan, 'return', (d) => (done = d), () => done >= 7).catch((err: unknown) => err);
    expect(cut).toBeInstanceOf(SearchCancelled);
    const { result, ran } = cut as SearchCancelled<WalkForwardResult>;
    expect(ran).toEqual({ done: 1, planned: 4 });
    expect(result.folds).toEqual(whole.folds.slice(0, 1));
    const f = result.folds[0]!;
    expect(result.equity).toHaveLength(f.outOfSample.to - f.outOfSample.from);
    expect(result.equity).toEqual(whole.equity.slice(0, result.equity.length));
    expect(result.outOfSampleReturnPct).toBeCloseTo(f.outOfSampleMetrics.totalReturnPct, 9);
    expect(result.warnings[0]).toBe('the walk-forward was cancelled after 1 of 4 folds: its efficiency and out-of-sample return are over only the 1 fold that ran');
  }, 60_000);

  it('ranks by CAGR and Calmar on stretches under a year, where the metrics show none, by the annualized rate', async () => {
    // Two months of hours: the summary's CAGR and Calmar are n/a (under a year), but the sets still rank.
    const candles = await btc1h(Date.UTC(2021, 2, 1));
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10, 20], slow: [50, 100] });
    for (const objective of ['cagr', 'calmar'] as const) {
      const s = await search(pool, sets, candles.length, objective, 0);
      expect(s.ranked.every((r) => Number.isNaN(r.metrics.cagrPct) && Number.isFinite(r.score))).toBe(true);
      expect(s.warnings.join('\n')).not.toMatch(/no set has/);
      // The annualized rate orders the sets as their in-sample returns do (one span for all).
      const returns = s.ranked.map((r) => r.metrics.totalReturnPct);
      if (objective === 'cagr') expect(returns).toEqual([...returns].sort((a, b) => b - a));
    }
  }, 30_000);

  it('says so when no set traded, which leaves the ranking meaningless', async () => {
    const candles = await btc1h();
    // A thousandth of a dollar buys no lot: every entry is refused.
    const pool = new EvalPool({ ...setup, capital: 0.001 }, marketSubject(candles), 0);
    const s = await search(pool, gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10] }), candles.length, 'sharpe', 0.25);
    expect(s.ranked.every((r) => r.metrics.trades === 0)).toBe(true);
    expect(s.warnings[0]).toBe('no set made a trade in sample, so the ranking means nothing: run one set on its own and read its notes (orders the risk room refused, and what the data was)');
  }, 30_000);

  it('warns when the best in-sample result does not hold out of sample', () => {
    const m = (ret: number) => ({ totalReturnPct: ret }) as Metrics;
    expect(holdsUp('sharpe', { metrics: m(40), score: 2 }, { metrics: m(-3), score: -0.4 })).toMatch(/made 40\.00% in sample but -3\.00% out of sample/);
    expect(holdsUp('sharpe', { metrics: m(40), score: 2 }, { metrics: m(5), score: 0.5 })).toMatch(/fell to 0\.50 out of sample/);
    expect(holdsUp('sharpe', { metrics: m(40), score: 2 }, { metrics: m(25), score: 1.5 })).toBeNull();
    // A loss out of sample too small to show is "0.00%", as the table beside the warning writes it, not "-0.00%".
    expect(holdsUp('sharpe', { metrics: m(40), score: 2 }, { metrics: m(-0.0001), score: -0.4 })).toMatch(/made 40\.00% in sample but 0\.00% out of sample/);
    // The objective named in words, as the score column heads it, not by its --objective name.
    expect(holdsUp('profit-factor', { metrics: m(40), score: 2 }, { metrics: m(5), score: 0.5 })).toBe('the best in-sample profit factor of 2.00 fell to 0.50 out of sample (less than half)');
    // No Sharpe ratio out of sample (under two days): said so, where it read "fell to -Infinity".
    expect(holdsUp('sharpe', { metrics: m(40), score: 2 }, { metrics: m(1), score: Number.NEGATIVE_INFINITY })).toBe(
      'the best in-sample Sharpe of 2.00 has no value out of sample (a Sharpe ratio needs daily returns over two days or more), so nothing confirms it',
    );
  });

  it('judges a held-out return at the in-sample pace over the held-out stretch, not against the longer stretch\'s total', () => {
    const DAY = 86_400_000;
    const span = (ret: number, days: number) => ({ totalReturnPct: ret, from: 0, to: days * DAY }) as Metrics;
    // 419.66 % over 365 days is 93.3 % at that pace over 146: 174.45 % held out did better, not "less than half".
    expect(holdsUp('return', { metrics: span(419.66, 365), score: 419.66 }, { metrics: span(174.45, 146), score: 174.45 })).toBeNull();
    // A steady 1 % a month, in sample over 9 months and out of sample over 3, holds up.
    const steady = (months: number) => (1.01 ** months - 1) * 100;
    expect(holdsUp('return', { metrics: span(steady(9), 270), score: steady(9) }, { metrics: span(steady(3), 90), score: steady(3) })).toBeNull();
    // Under half the pace is still a fall, said with the pace it is measured against.
    expect(holdsUp('return', { metrics: span(40, 300), score: 40 }, { metrics: span(3, 100), score: 3 })).toBe(
      "the best in-sample return of 40.00% (11.87% at the same pace over the out-of-sample stretch's 100 days) fell to 3.00% out of sample (less than half)",
    );
    // The warnings write a return's or a CAGR's scores as percents (a walk-forward's mean among them), a ratio as a ratio.
    expect([scoreWords('return', -3.456), scoreWords('cagr', 12), scoreWords('sharpe', 1.5), scoreWords('profit-factor', Number.NEGATIVE_INFINITY)]).toEqual(['-3.46%', '12.00%', '1.50', '-Infinity']);
    // Rates are rates already: a Sharpe ratio is compared as it is, whatever the stretches' lengths.
    expect(holdsUp('sharpe', { metrics: span(40, 300), score: 2 }, { metrics: span(10, 100), score: 0.9 })).toBe('the best in-sample Sharpe of 2.00 fell to 0.90 out of sample (less than half)');
  });

  it('warns when the best set of a search lost money in sample: no edge to carry out of sample', async () => {
    // 2022, BTC's falling year: every long-only cross loses in sample (the best -11.94 %).
    const bear = (await candlesFromFile(path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv'), { from: Date.UTC(2022, 0, 1), toExclusive: Date.UTC(2023, 0, 1) })).candles;
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10, 15, 20], slow: [30, 60, 90] });
    const lost = await search(new EvalPool(setup, marketSubject(bear), 0), sets, bear.length, 'sharpe', 0.25);
    const best = lost.ranked[0]!;
    expect(best.metrics.totalReturnPct).toBeLessThan(0);
    expect(lost.warnings).toContain(`WARNING: the best in-sample set lost ${(-best.metrics.totalReturnPct).toFixed(2)}% in sample (Sharpe ${best.score.toFixed(2)}), so there is no in-sample edge to carry forward; widen the ranges or try another strategy`);
    // 2021's rise: the best set made money in sample, and nothing says otherwise.
    const bull = await btc1h(Date.UTC(2022, 0, 1));
    const won = await search(new EvalPool(setup, marketSubject(bull), 0), sets, bull.length, 'sharpe', 0.25);
    expect(won.ranked[0]!.metrics.totalReturnPct).toBeGreaterThan(0);
    expect(won.warnings.join('\n')).not.toMatch(/the best in-sample set lost/);
  }, 60_000);

  it("a walk-forward ranked by return measures its efficiency at the in-sample pace: a steady market's is near 1, not the in-sample ratio's 1/3", async () => {
    // A market that rises steadily through regular swings: every stretch of it pays the same per day.
    const n = 6000;
    const c = allocateColumns(n);
    for (let i = 0; i < n; i++) {
      const price = 100 * Math.exp(0.0002 * i + 0.03 * Math.sin((2 * Math.PI * i) / 120));
      const prev = i === 0 ? price : c.c[i - 1]!;
      c.t[i] = Date.UTC(2021, 0, 1) + i * 3_600_000;
      c.o[i] = prev;
      c.c[i] = price;
      c.h[i] = Math.max(prev, price);
      c.l[i] = Math.min(prev, price);
      c.v[i] = 1;
    }
    const flat = { ...setup, feePct: 0 };
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10], slow: [20, 40] });
    const w = await walkForward(new EvalPool(flat, marketSubject(c), 0), flat, marketSubject(c), sets, { folds: 4, isRatio: 3, anchored: false }, 'return');
    // Each fold made about a third of its in-sample return out of sample, over a third of the time.
    for (const f of w.folds) expect(f.outOfSampleScore / f.inSampleScore).toBeLessThan(0.5);
    expect(w.efficiency).toBeGreaterThan(0.7);
    expect(w.efficiency).toBeLessThan(1.5);
    expect(w.warnings.join('\n')).not.toMatch(/does not hold out of sample|less than half/);
  }, 30_000);

  it('fold windows roll by the out-of-sample length, in-sample `ratio` times as long, the last OOS to the end', () => {
    expect(foldWindows(100, 3, 2)).toEqual([
      { inSample: { from: 0, to: 40 }, outOfSample: { from: 40, to: 60 } },
      { inSample: { from: 20, to: 60 }, outOfSample: { from: 60, to: 80 } },
      { inSample: { from: 40, to: 80 }, outOfSample: { from: 80, to: 100 } },
    ]);
    // The refusal says what fits; below a ratio of 1 the in-sample stretch is the short one, so a larger ratio.
    expect(() => foldWindows(24, 20, 3)).toThrow('24 bars are too few for 20 walk-forward folds (in-sample ratio 3); give 1 to 9 folds at an in-sample ratio of 3, a smaller ratio, or a longer date range');
    expect(() => foldWindows(24, 2, 0.01)).toThrow('24 bars are too few for 2 walk-forward folds (in-sample ratio 0.01); even 1 fold at an in-sample ratio of 0.01 needs more bars: give a longer date range or a larger ratio');
  });

  it('anchored fold windows start every in-sample stretch at the first bar, the out-of-sample stretches as rolling', () => {
    expect(foldWindows(100, 3, 2, true)).toEqual([
      { inSample: { from: 0, to: 40 }, outOfSample: { from: 40, to: 60 } },
      { inSample: { from: 0, to: 60 }, outOfSample: { from: 60, to: 80 } },
      { inSample: { from: 0, to: 80 }, outOfSample: { from: 80, to: 100 } },
    ]);
  });

  it('an anchored walk-forward picks each fold\'s winner on all the bars before its out-of-sample stretch', async () => {
    const candles = await btc1h();
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10, 20], slow: [50, 100] });
    const w = await walkForward(pool, setup, marketSubject(candles), sets, { folds: 3, isRatio: 1, anchored: true }, 'return');
    expect(w.anchored).toBe(true);
    for (const f of w.folds) {
      expect(f.inSample.from).toBe(0);
      expect(f.inSample.to).toBe(f.outOfSample.from);
      // The winner is the best return over every bar up to the fold, as a search of [0, end) finds it.
      const ranked = await search(pool, sets, f.inSample.to, 'return', 0);
      expect(f.params).toEqual(ranked.ranked[0]!.params);
    }
  }, 30_000);

  it('warns when the folds\' winners had no edge in sample (efficiency undefined), which it left unsaid', async () => {
    const candles = await btc1h();
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    // Slow averages of 30 and 60 bars: with 90 too, the mean in-sample Sharpe sat at -0.01, and a backtest
    // hearing each bar's extremes for the loss limits (kill switches at intrabar lows) took it to +0.02.
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10, 15, 20], slow: [30, 60] });
    const w = await walkForward(pool, setup, marketSubject(candles), sets, { folds: 4, isRatio: 3, anchored: false }, 'sharpe');
    // Three winners lost in sample, one won there and lost out of sample: a mean in-sample Sharpe below 0, -53 % stitched.
    expect(w.folds.filter((f) => f.inSampleScore < 0).length).toBe(3);
    expect(w.folds.every((f) => f.outOfSampleMetrics.totalReturnPct < 0)).toBe(true);
    expect(w.efficiency).toBeNaN();
    expect(w.warnings[0]).toMatch(/^WARNING: the folds' best in-sample sets scored a mean Sharpe of -0\.\d\d, 0 or below, so there was no in-sample edge to carry forward and no efficiency to give; out of sample the folds made -53\.\d\d% stitched together$/);
  }, 30_000);

  it('says how many folds have no out-of-sample value for the objective, which the efficiency leaves out', async () => {
    // 90 days in 100 folds: 20-bar out-of-sample stretches, under the two days a Sharpe ratio needs.
    const candles = await btc1h(Date.UTC(2021, 2, 31));
    expect(candles.length).toBe(2136);
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10] });
    const w = await walkForward(pool, setup, marketSubject(candles), sets, { folds: 100, isRatio: 3, anchored: false }, 'sharpe');
    const none = w.folds.filter((f) => f.outOfSampleScore === Number.NEGATIVE_INFINITY).length;
    expect(none).toBeGreaterThan(50);
    // The efficiency compares the same folds in and out of sample: those with a Sharpe ratio in both.
    const both = w.folds.filter((f) => Number.isFinite(f.inSampleScore) && Number.isFinite(f.outOfSampleScore)).length;
    const over = both === 100 - none ? `the other ${both}` : `the ${both} that have one in sample and out of sample`;
    expect(w.warnings).toContain(
      `WARNING: ${none} of the 100 folds have no Sharpe out of sample (a Sharpe ratio needs daily returns over two days or more), so the efficiency is over ${over}; use fewer folds, a longer range or a smaller in-sample ratio, or rank by another objective, such as return`,
    );
    expect(w.warnings.join('\n')).not.toMatch(/Infinity/);
  }, 30_000);

  it('walk-forward stitches the out-of-sample runs into one equity curve', async () => {
    const candles = await btc1h();
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10], slow: [50, 100] });
    const w = await walkForward(pool, setup, marketSubject(candles), sets, { folds: 3, isRatio: 3, anchored: false }, 'sharpe');
    expect(w.folds.length).toBe(3);
    const oosBars = w.folds.reduce((s, f) => s + f.outOfSample.to - f.outOfSample.from, 0);
    expect(w.equity.length).toBe(oosBars);
    // Continuous in time, and its end is the compounded out-of-sample return.
    for (let i = 1; i < w.equity.length; i++) expect(w.equity[i]![0]).toBeGreaterThan(w.equity[i - 1]![0]);
    const compounded = w.folds.reduce((x, f) => x * (f.outOfSampleMetrics.finalEquity / setup.capital), 1);
    expect(w.outOfSampleReturnPct).toBeCloseTo((compounded - 1) * 100, 8);
    expect(w.equity[w.equity.length - 1]![1]).toBeCloseTo(setup.capital * compounded, 6);
    // The out-of-sample runs go to the pool's threads (where a strategy of the trader's is watched): the same folds and curve.
    const threads = new EvalPool(setup, marketSubject(candles), 1);
    try {
      expect(await walkForward(threads, setup, marketSubject(candles), sets, { folds: 3, isRatio: 3, anchored: false }, 'sharpe')).toEqual(w);
    } finally {
      await threads.close();
    }
  }, 30_000);
  it('the walk-forward\'s trades (for its Monte Carlo) compound to its stitched return, a position open at a fold\'s end counted as the curve counts it', async () => {
    const candles = await btc1h();
    const pool = new EvalPool(setup, marketSubject(candles), 0);
    const sets = gridSets(sma, { fast: 10, slow: 30 }, { fast: [5, 10], slow: [50, 100] });
    const w = await walkForward(pool, setup, marketSubject(candles), sets, { folds: 6, isRatio: 3, anchored: false }, 'sharpe');
    // A fold whose out-of-sample run ends in a trade (folds 1 and 3 here): the next fold starts flat from the value it ended at.
    expect(w.folds.some((f) => f.outOfSampleMetrics.openTrades > 0)).toBe(true);
    const trades = w.folds.reduce((n, f) => n + f.outOfSampleMetrics.trades + f.outOfSampleMetrics.openTrades, 0);
    expect(w.outOfSampleTradeReturns).toHaveLength(trades);
    // Left out, they made the Monte Carlo's "the run, in order" disagree with the stitched return (-7% against +14% on ETH 2020-2022).
    expect(pathStats(w.outOfSampleTradeReturns).returnPct).toBeCloseTo(w.outOfSampleReturnPct, 6);
  }, 30_000);
});

describe('Monte Carlo', () => {
  it('compounds trade returns: +10 %, −20 %, +25 % is +10 % with a 20 % drawdown', () => {
    const s = pathStats([0.1, -0.2, 0.25]);
    expect(s.returnPct).toBeCloseTo(10, 10);
    expect(s.maxDrawdownPct).toBeCloseTo(20, 10);
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([0, 10], 0.05)).toBeCloseTo(0.5, 10);
  });

  it('reordering keeps the return but moves the drawdown; resampling moves both', () => {
    const returns = [0.05, -0.03, 0.04, -0.06, 0.02, 0.03, -0.01, 0.05, -0.04, 0.02];
    const mc = monteCarlo(returns, 2000, 3);
    const actual = pathStats(returns).returnPct;
    expect(mc.reorder.returnPct.p5).toBeCloseTo(actual, 8);
    expect(mc.reorder.returnPct.p95).toBeCloseTo(actual, 8);
    expect(mc.reorder.maxDrawdownPct.p95).toBeGreaterThan(mc.reorder.maxDrawdownPct.p5);
    expect(mc.resample.returnPct.p95).toBeGreaterThan(mc.resample.returnPct.p5);
    expect(monteCarlo(returns, 2000, 3)).toEqual(mc);
    // The run itself, in its own order, measured as the simulations are: where it falls in the bands.
    expect(mc.actual).toEqual(pathStats(returns));
  });

  it('reports its progress every few simulations up to the last, and stops when cancelled', () => {
    const returns = Array.from({ length: 50_000 }, (_, i) => (i % 7 === 0 ? -0.01 : 0.004));
    const seen: number[] = [];
    const mc = monteCarlo(returns, 25, 1, { onProgress: (done, runs) => seen.push(done / runs) });
    // 200,000 trade steps between reports: every 4th simulation of 50,000 trades, and the last.
    expect(seen).toEqual([4, 8, 12, 16, 20, 24, 25].map((d) => d / 25));
    // Hooks change nothing drawn.
    expect(monteCarlo(returns, 25, 1)).toEqual(mc);
    let polls = 0;
    expect(() => monteCarlo(returns, 25, 1, { cancelled: () => ++polls === 2 })).toThrow(BacktestCancelled);
    expect(polls).toBe(2);
  });

  it('trade returns are each trade on the equity before it', () => {
    const t = (pnl: number) => ({ side: 'long' as const, entryTs: 0, exitTs: 0, entryPrice: 1, exitPrice: 1, qty: 1, fees: 0, pnl, returnPct: 0, closed: true, exit: 'signal' as const });
    expect(tradeReturns([t(100), t(-110)], 1000)).toEqual([0.1, -0.1]);
    // In the order they closed: a portfolio lists its markets' overlapping trades by entry.
    const at = (pnl: number, entryTs: number, exitTs: number) => ({ ...t(pnl), entryTs, exitTs });
    expect(tradeReturns([at(-110, 1, 9), at(100, 2, 5)], 1000)).toEqual([0.1, -0.1]);
  });
});
