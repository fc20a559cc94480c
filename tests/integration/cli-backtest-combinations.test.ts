// `keel backtest` given flags together that each work alone, or given awkward values, as a user types them
// (node bin/keel.js in a child process, on the real 1m and 1h files): what once ran without a word and
// misled (an empty comparison, a flag given twice of which the first was dropped, the same run twice, a
// flag that changed nothing, a search "best" that was only the first set tried, a Monte Carlo of no trade,
// a report written over /dev/stdout) is refused with exit 2 and no report, or said.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC_1H as H1, BTC_1M as M1, runKeel } from '../helpers/keel-cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-combinations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keel = (args: string[]) => runKeel(dir, ['backtest', ...args]);
/** One UTC day of the 1m file: 1,440 bars, too short for a Sharpe ratio (two days of daily returns). */
const ONE_DAY = ['--data', M1, '--from', '2023-03-01', '--to', '2023-03-01'];
const noReports = () => readdirSync(dir).filter((f) => f.startsWith('bad'));

describe('keel backtest: flags that do not go together, and awkward values', () => {
  it('refuses a --strategy that names none, instead of an empty table (and a crash with --json)', () => {
    for (const given of ['', ' , ']) {
      const r = keel(['--strategy', given, '--data', M1, '--json', 'bad.json', '--monte-carlo', '10']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--strategy ${JSON.stringify(given)} names no strategy; give a name, or your own strategy file; strategies: sma-cross,`);
      expect(r.err).not.toContain('TypeError');
      expect(r.out).toBe('');
    }
    expect(noReports()).toEqual([]);
  });

  it("draws a walk-forward's Monte Carlo from its out-of-sample trades, not from the last fold's set over every bar", () => {
    const r = keel(['--strategy', 'sma-cross', '--data', H1, '--from', '2021-01-01', '--to', '2021-12-31', '--optimize', 'grid', '--grid', 'fast=5|10,slow=20|40', '--walk-forward', '3', '--monte-carlo', '200', '--json', 'wf-mc.json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, 'wf-mc.json'), 'utf8')) as { metrics: { trades: number }; monteCarlo: { trades: number; actual: { returnPct: number } }; walkForward: { outOfSampleReturnPct: number; folds: { outOfSampleMetrics: { trades: number; openTrades: number } }[] } };
    // A trade open at a fold's end counts too, at the fold's last close, as the stitched curve counts it.
    const oosTrades = doc.walkForward.folds.reduce((n, f) => n + f.outOfSampleMetrics.trades + f.outOfSampleMetrics.openTrades, 0);
    expect(oosTrades).toBeGreaterThan(1);
    expect(doc.monteCarlo.trades).toBe(oosTrades);
    // So the trades in their order make the stitched out-of-sample return, as the Walk-forward table's "all" row says.
    expect(doc.monteCarlo.actual.returnPct).toBeCloseTo(doc.walkForward.outOfSampleReturnPct, 6);
    // Not the report's run (the last fold's set over the whole year, in-sample stretches included), which closed another number.
    expect(doc.metrics.trades).not.toBe(oosTrades);
    expect(r.out).toContain(`Monte Carlo (200 runs of ${oosTrades} trades) of the walk-forward's out-of-sample trades, the folds stitched`);
  });

  it("marks a search grid's pairs the strategy's rules refuse, and says what the mark means", () => {
    const r = keel(['--strategy', 'sma-cross', '--data', H1, '--from', '2021-01-01', '--to', '2021-06-30', '--optimize', 'grid', '--grid', 'fast=10:30:10,slow=20|40']);
    expect(r.code).toBe(0);
    const at = r.out.indexOf('Sharpe by fast (down) and slow (across), in sample; green is best');
    expect(r.out.slice(at).split('\n')[0]).toBe("Sharpe by fast (down) and slow (across), in sample; green is best (– not tried: the strategy's rules refuse the pair)");
    const rows = r.out.slice(at).split('\n').slice(2, 5).map((l) => l.trim().split(/\s+/));
    expect(rows.map((row) => [row[0], row[1] === '–' ? '–' : 'score'])).toEqual([['10', 'score'], ['20', '–'], ['30', '–']]);
    // The summary at the top is the best set over all the bars, not its in-sample row: the output says so.
    expect(r.out).toMatch(/\nThe run this report opens with is the best set \(fast=\d+,slow=\d+\) over all the bars, the in-sample ones it was picked on included/);
    // A random search leaves pairs undrawn that no rule refuses: its key says so. Its JSON says how the sets
    // were drawn and the seed that draws them again, as it does beside the Monte Carlo's bands.
    const drawn = keel(['--strategy', 'sma-cross', '--data', H1, '--from', '2021-01-01', '--to', '2021-06-30', '--optimize', 'random', '--grid', 'fast=5:20:5,slow=30:90:30', '--trials', '6', '--seed', '3']);
    expect(drawn.code, drawn.err).toBe(0);
    expect(drawn.out).toContain("green is best (– not tried: the random search did not draw the pair (or the strategy's rules refuse it))");
    const seeded = keel(['--strategy', 'sma-cross', '--data', H1, '--from', '2021-01-01', '--to', '2021-06-30', '--optimize', 'random', '--grid', 'fast=5:20:5,slow=30:90:30', '--trials', '6', '--seed', '3', '--monte-carlo', '20', '--json', 'seeded.json']);
    expect(seeded.code, seeded.err).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, 'seeded.json'), 'utf8')) as { optimization: { method: string; seed: number }; monteCarlo: { seed: number; runs: number } };
    expect([doc.optimization.method, doc.optimization.seed, doc.monteCarlo.seed, doc.monteCarlo.runs]).toEqual(['random', 3, 3, 20]);
  });

  it("says why a capital too small for the market's smallest order never trades, rather than only no trades", () => {
    const r = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--capital', '0.0001']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/trades \(closed\) +0\n/);
    const said = r.out.split('\n').filter((l) => l.includes("below the market's smallest"));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^note: sma-cross: an entry at [\d.]+ would be [\d.e-]+ BTC \([\d.e-]+ USDT, from equity 0\.0001 USDT at a position share of [\d.]+%\), below the market's smallest (quantity \(0\.00001 BTC\) and order value \(5 USDT\)|order value \(5 USDT; its smallest quantity is 0\.00001 BTC\)): no order was placed; more capital sizes it above \(the position share is already all of the equity\) \(said once\)$/);
    // A position share below all of the equity (conservative: half) is one a mode could raise.
    const half = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--capital', '0.0001', '--mode', 'conservative']);
    expect(half.out).toMatch(/at a position share of 50%\), below the market's smallest .*; more capital, or a mode with a larger position share, sizes it above \(said once\)\n/);
  });

  it('refuses a flag of one value given twice, where the first was dropped without a word', () => {
    // Before, the run kept dailyLossLimitPct=50 and the default 20 % drawdown limit: maxDrawdownPct=50 was lost.
    const limits = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--limits', 'maxDrawdownPct=50', '--limits', 'dailyLossLimitPct=50', '--json', 'bad.json']);
    expect(limits.code).toBe(2);
    expect(limits.err).toContain('--limits is given twice ("maxDrawdownPct=50", "dailyLossLimitPct=50"); give it once, its items separated by commas: --limits maxDrawdownPct=50,dailyLossLimitPct=50');
    const stop = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--stop-loss', '1', '--stop-loss', '2']);
    expect(stop.code).toBe(2);
    expect(stop.err).toContain('--stop-loss is given twice ("1", "2"); give it once');
    const grid = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--optimize', 'grid', '--grid', 'fast=5|10', '--grid', 'slow=40|50']);
    expect(grid.err).toContain('--grid is given twice ("fast=5|10", "slow=40|50"); give it once, its items separated by commas: --grid fast=5|10,slow=40|50');
    // The list it suggests names each limit once (the last value), so that it runs: both defaultStopPct=10s were refused as given twice.
    const twice = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--limits', 'defaultStopPct=10', '--limits', 'closeOnLossLimit=true,defaultStopPct=12']);
    expect(twice.err).toContain('give it once, its items separated by commas: --limits closeOnLossLimit=true,defaultStopPct=12\n');
    // --data and --params are given once per file and per set, as before.
    expect(keel(['--strategy', 'sma-cross', ...ONE_DAY, '--params', 'fast=5', '--params', 'fast=8']).code).toBe(0);
    expect(noReports()).toEqual([]);
  });

  it('refuses the same run asked for twice, which ran twice under a note blaming the risk modes', () => {
    const cases: [string[], string][] = [
      [['--strategy', 'sma-cross', '--mode', 'moderate,moderate'], '--mode lists moderate twice; give each mode once'],
      [['--strategy', 'sma-cross,ema-cross,sma-cross'], '--strategy lists sma-cross twice; give each strategy once'],
      [['--strategy', 'sma-cross', '--direction', 'long,both,long'], '--direction lists long twice; give each direction once'],
      // fast=10 is sma-cross's default, so it is the set no --params gives.
      [['--strategy', 'sma-cross', '--params', 'fast=5', '--params', 'fast=10', '--params', ''], '--params fast=10 and no --params (the defaults) give the same set (fast=10,slow=30); give each set once'],
    ];
    for (const [args, said] of cases) {
      const r = keel([...args, ...ONE_DAY, '--json', 'bad.json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(said);
    }
    expect(noReports()).toEqual([]);
  });

  it('refuses search flags that would change nothing: --is-ratio without folds, --holdout with them, --trials on a grid, --seed with nothing to draw', () => {
    const search = ['--strategy', 'sma-cross', '--data', H1, '--optimize'];
    const cases: [string[], string][] = [
      [[...search, 'grid', '--grid', 'fast=5|10', '--is-ratio', '2'], "--is-ratio goes with --walk-forward N: it sets each fold's in-sample stretch as a multiple of its out-of-sample one"],
      [[...search, 'grid', '--grid', 'fast=5|10', '--walk-forward', '3', '--holdout', '10'], '--holdout goes with a plain search; a walk-forward checks every fold out of sample instead'],
      [[...search, 'grid', '--grid', 'fast=5|10', '--trials', '10'], '--trials is how many sets --optimize random draws; --optimize grid tries every set of the ranges'],
      [['--strategy', 'sma-cross', '--data', H1, '--seed', '7'], '--seed fixes the draws of --monte-carlo N and --optimize random, and neither is asked for'],
      [[...search, 'grid', '--grid', 'fast=5|10', '--seed', '7', '--monte-carlo', '0'], '--seed fixes the draws of --monte-carlo N and --optimize random, and neither is asked for'],
    ];
    for (const [args, said] of cases) {
      const r = keel([...args, '--json', 'bad.json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(said);
      // Refused before the file is read, let alone searched.
      expect(r.err).not.toContain('candles of BTC/USDT');
    }
    expect(noReports()).toEqual([]);
  });

  it('refuses a take-profit of 100 % or more where the strategy may short, instead of refusing every short at run time', () => {
    // Before, the run went on: every short's entry refused by the broker (a note), no short at all.
    const short = keel(['--strategy', 'sma-cross', '--data', H1, '--direction', 'short', '--take-profit', '150', '--json', 'bad.json']);
    expect(short.code).toBe(2);
    expect(short.err).toContain("--take-profit 150: a short's take-profit is a percent below its entry, so below 100 (a short gains 100% only at a price of 0), and --direction short lets the strategy short");
    const both = keel(['--strategy', 'sma-cross', '--data', H1, '--direction', 'long,both', '--take-profit', '100']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('and --direction both lets the strategy short; every short\'s entry would be refused, and only the longs would trade');
    const searched = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--direction', 'both', '--optimize', 'grid', '--grid', 'takeProfitPct=0:200:50']);
    expect(searched.code).toBe(2);
    expect(searched.err).toContain("--grid takeProfitPct=100: a short's take-profit is a percent below its entry, so below 100");
    // Long only, a target of 150 % is a target like any other.
    expect(keel(['--strategy', 'sma-cross', ...ONE_DAY, '--take-profit', '150']).code).toBe(0);
    expect(noReports()).toEqual([]);
  });

  it('warns when no set has a value for the objective, instead of calling the first set tried the best', () => {
    // One day: every set's Sharpe ratio is undefined (–), so the ranking was the order of the grid, and
    // fast=5, the first, was "best" and the report's run whatever it earned.
    const r = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--optimize', 'grid', '--grid', 'fast=5:20:5']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('WARNING: no set has a Sharpe in sample (a Sharpe ratio needs daily returns over two days or more), so the sets are not ranked and the first one given stands in for the best');
    // By return, the same day ranks: no such warning.
    const byReturn = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--optimize', 'grid', '--grid', 'fast=5:20:5', '--objective', 'return']);
    expect(byReturn.code).toBe(0);
    expect(byReturn.out).not.toContain('no set has a');
    // A walk-forward says so once for its folds, not once per fold.
    const walk = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--optimize', 'grid', '--grid', 'fast=5:20:5', '--walk-forward', '12']);
    expect(walk.code).toBe(0);
    expect(walk.out).toContain('WARNING: no set has a Sharpe in the in-sample stretch of any of the 12 folds, so those folds took the first set given, not the best');
    expect(walk.out.match(/no set has a Sharpe/g)).toHaveLength(1);
  });

  it('says a Monte Carlo of a run without a closed trade says nothing', () => {
    const r = keel(['--strategy', 'sma-cross', '--data', M1, '--from', '2023-03-01T00:00Z', '--to', '2023-03-01T00:30Z', '--monte-carlo', '50']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Monte Carlo (50 runs of 0 trades)\nthe run closed no trade, so there is nothing to reorder or resample');
    // One trade: every simulation is that trade, a band of no width that would read as a certainty.
    const one = keel(['--strategy', 'sma-cross', '--data', H1, '--from', '2022-01-01', '--to', '2022-01-03', '--monte-carlo', '50']);
    expect(one.code, one.err).toBe(0);
    expect(one.out).toContain('Monte Carlo (50 runs of 1 trade)\nthe run closed one trade, so every reordering and every resample is that one trade: the band has no width');
  });

  it('draws every set when --trials asks for as many as the ranges hold, at once, and says so', () => {
    // Before, --trials 1000000 over three values drew 50 million times (~20 s) to find the three.
    const started = Date.now();
    const r = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--optimize', 'random', '--grid', 'fast=5:7', '--trials', '1000000', '--objective', 'return']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('random search over 3 parameter sets (every valid set the ranges hold; --trials asked for 1,000,000)');
    expect(Date.now() - started).toBeLessThan(10_000);
    const one = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--optimize', 'grid', '--grid', 'fast=5', '--objective', 'return']);
    expect(one.err).toContain('grid search over 1 parameter set');
    expect(one.out).toContain('Optimization (1 set, in sample');
  });

  it('refuses one file given twice under two names (a link and its target)', () => {
    const link = path.join(dir, 'BTCUSDT-link_1m.csv');
    symlinkSync(M1, link);
    const r = keel(['--strategy', 'sma-cross', '--data', link, '--data', M1]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--data ${link} is given twice (as ${M1} too); give each file once`);
  });

  it('writes a report through a link, and into a pipe or /dev/stdout in place, never replacing them', () => {
    // A report named by a link replaces the file the link names; the link stays.
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'reports', 'run-1.json'), 'the last run');
    symlinkSync(path.join('reports', 'run-1.json'), path.join(dir, 'latest.json'));
    const linked = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--json', 'latest.json']);
    expect(linked.code, linked.err).toBe(0);
    expect(lstatSync(path.join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'run-1.json'), 'utf8')).strategy).toBe('sma-cross');
    expect(readdirSync(path.join(dir, 'reports'))).toEqual(['run-1.json']);
    // --json /dev/fd/1 (as /dev/stdout): the JSON follows the summary on the command's own output. A
    // rename over /dev/stdout had replaced the device, for every process after it, when /dev could be
    // written (as root); /dev/fd/1 takes the same path here and could not be harmed that way if it broke.
    const piped = keel(['--strategy', 'sma-cross', ...ONE_DAY, '--json', '/dev/fd/1']);
    expect(piped.code, piped.err).toBe(0);
    const json = piped.out.slice(piped.out.lastIndexOf('\n{"strategy"') + 1);
    expect(JSON.parse(json).metrics.trades).toBe(Number(/trades \(closed\)\s+(\d+)/.exec(piped.out)![1]));
    expect(existsSync(path.join(dir, 'bad.json'))).toBe(false);
  });
});
