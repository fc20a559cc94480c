// `keel backtest` comparisons in worker threads, as a user runs them (node bin/keel.js in a child process)
// on the real BTC and ETH hourly files: the same comparison with --workers 2 prints and writes exactly what
// it does inline (--workers 0), whichever run ends first; a run that fails in a worker stops the command
// with the strategy, the bar and the line of the trader's file, and leaves no report; a bad --workers is
// refused with what is valid.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const DATA = path.resolve(repoRoot, '..', 'shared', 'data');
const BTC = path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
const ETH = path.join(DATA, 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv');
const RANGE = ['--from', '2021-01-01', '--to', '2022-12-31'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keel(args: string[]) {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'backtest', '--data-dir', path.join(dir, 'data'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('keel backtest comparisons in worker threads', () => {
  it('prints and writes the same with 2 workers as inline, runs in the order asked', () => {
    const ask = ['--strategy', 'sma-cross,ema-cross,rsi-reversion', '--mode', 'moderate,aggressive', '--data', BTC, '--data', ETH, ...RANGE];
    const inline = keel([...ask, '--workers', '0', '--json', 'inline.json', '--html', 'inline.html']);
    const pooled = keel([...ask, '--workers', '2', '--json', 'pooled.json', '--html', 'pooled.html']);
    expect(inline.code, inline.err).toBe(0);
    expect(pooled.code, pooled.err).toBe(0);
    expect(pooled.err).toContain('backtest: 12 runs in 2 worker threads');
    expect(inline.err).not.toContain('worker threads');
    expect(pooled.out).toBe(inline.out);
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    expect(read('pooled.json')).toBe(read('inline.json'));
    expect(read('pooled.html')).toBe(read('inline.html'));
    const runs = (JSON.parse(read('pooled.json')) as { runs: { strategy: string; mode: string; symbol: string; metrics: { trades: number } }[] }).runs;
    expect(runs.map((r) => `${r.strategy} ${r.mode} ${r.symbol}`)).toEqual(
      ['sma-cross', 'ema-cross', 'rsi-reversion'].flatMap((s) => ['moderate', 'aggressive'].flatMap((m) => [`${s} ${m} BTC/USDT`, `${s} ${m} ETH/USDT`])),
    );
    // Real runs, not twelve copies of one: the strategies trade differently.
    expect(new Set(runs.map((r) => r.metrics.trades)).size).toBeGreaterThan(2);
  }, 120_000);

  it('a small comparison runs inline by default (threads would cost more than they save)', () => {
    const r = keel(['--strategy', 'sma-cross,ema-cross', '--data', BTC, ...RANGE]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('worker threads');
    expect(r.out).toContain('ema-cross(fast=12,slow=26) moderate');
  }, 60_000);

  it("a run that throws in a worker stops the command at that strategy's bar and line, with no report", () => {
    const file = path.join(dir, 'late-throw.mjs');
    writeFileSync(file, ['export default {', '  name: "late-throw",', '  create: () => ({', '    onBar(bar) {', '      if (bar.index === 5000) throw new RangeError("no room left");', '    },', '  }),', '};', ''].join('\n'));
    const r = keel(['--strategy', `sma-cross,${file}`, '--data', BTC, '--data', ETH, ...RANGE, '--workers', '2', '--json', 'late.json', '--html', 'late.html']);
    // The strategy's own failure, exit 1, though it threw a RangeError (README.md, Exit codes).
    expect(r.code).toBe(1);
    // Bar 5000 of the hourly bars from 2021-01-01 is 208 days and 8 hours in: it opens 2021-07-28T08:00Z and closes at 09:00.
    expect(r.err).toMatch(/keel backtest: late-throw stopped the run at bar 5000, closed at 2021-07-28T09:00:00Z: no room left \(at late-throw\.mjs:5:\d+\)/);
    expect(existsSync(path.join(dir, 'late.json')) || existsSync(path.join(dir, 'late.html'))).toBe(false);
    // As it does with --workers 0 (a file of the trader's still runs in one worker, where a loop in it can be stopped).
    const inline = keel(['--strategy', `sma-cross,${file}`, '--data', BTC, '--data', ETH, ...RANGE, '--workers', '0']);
    expect(inline.code).toBe(r.code);
    expect(inline.err).toBe(r.err.replace(/^backtest: 4 runs in 2 worker threads\n/m, 'backtest: 4 runs in 1 worker thread\n'));
  }, 60_000);

  it("a strategy file's problem found in a worker (create() returning nothing) ends the command as it does inline, exit 2", () => {
    const file = path.join(dir, 'no-return.mjs');
    writeFileSync(file, 'export default { name: "no-return", create() {} };\n');
    const ask = ['--strategy', file, '--mode', 'moderate,aggressive', '--data', BTC, ...RANGE];
    const pooled = keel([...ask, '--workers', '2']);
    const inline = keel([...ask, '--workers', '0']);
    expect(pooled.err).toContain('keel backtest: no-return: create() failed: create(params, ctx) in no-return.mjs returned undefined (a missing return?)');
    expect([pooled.code, inline.code]).toEqual([2, 2]);
  }, 60_000);

  it('refuses a --workers that is not a whole number from 0 to 64', () => {
    for (const bad of ['-1', '65', '1.5', 'many']) {
      const r = keel(['--strategy', 'sma-cross,ema-cross', '--data', BTC, `--workers=${bad}`]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--workers ${bad}: give a whole number from 0 (inline) to 64`);
    }
  });
});
