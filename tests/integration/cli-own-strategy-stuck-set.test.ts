// `keel backtest` with a strategy file whose indicators() or check() loops for one parameter set only
// (fast=7): the command stops after KEEL_STRATEGY_TIMEOUT_S naming the function, the file and that set,
// and writes no report. Two places used to miss the set: a run's worker called indicators() outside the
// calls its stall watch sees (a loop there hung the command for ever), and a search's grid was checked in
// one call whose stall named only the number of sets.
// The strategy files below that never return block their thread in Atomics.wait rather than spin in a
// loop: to Keel's watch it is the same (a call that does not come back within the limit, the thread then
// terminated), without taking a core from the tests beside it for the seconds the limit runs.
// cli-own-strategy.test.ts and the e2e test keep real loops in onBar.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEL } from '../helpers/keel-cli.ts';

let dir: string;
const CSV = 'BTCUSDT_1m.csv';
const REPORTS = ['--json', 'stuck.json', '--html', 'stuck.html'];
const HALF_SECOND = { KEEL_STRATEGY_TIMEOUT_S: '0.5' };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-stuck-set-'));
  // 600 one-minute candles swinging around 100.
  const rows = ['timestamp,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < 600; i++) {
    const o = price;
    price = Math.round((price + Math.sin(i / 9) * 0.8) * 100) / 100;
    rows.push(`${Date.UTC(2024, 0, 1) + i * 60_000},${o},${(Math.max(o, price) + 0.3).toFixed(2)},${(Math.min(o, price) - 0.3).toFixed(2)},${price},${50 + (i % 7)}`);
  }
  writeFileSync(path.join(dir, CSV), rows.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `keel backtest` in the test's folder; a command that hangs is killed at `timeout` (its code then null). */
function keel(args: string[], extraEnv: Record<string, string>, timeout = 20_000) {
  const env = { ...process.env, ...extraEnv };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'backtest', '--data-dir', path.join(dir, 'data'), '--data', CSV, ...args], { cwd: dir, env, encoding: 'utf8', timeout });
  return { code: r.status, err: r.stderr };
}

const strategyFile = (name: string, lines: string[]) => {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, ['export default {', `  name: "${name}",`, '  params: { fast: { type: "int", default: 10, min: 1, max: 100 } },', ...lines, '  create: () => ({ onBar() {} }),', '};', ''].join('\n'));
  return file;
};

const noReports = () => REPORTS.filter((f) => f.includes('.')).every((f) => !existsSync(path.join(dir, f)));

describe('keel backtest with a strategy whose indicators() or check() never returns for one set', () => {
  it("stops a run's indicators() that loops for fast=7 in its worker, naming indicators(), the file and the set", () => {
    // A memo gone wrong: asked about fast=7 a second time in one module, it loops. The command's own
    // questions about each set (warm-up) ask once, in a thread of their own; the run's worker asks again.
    const file = path.join(dir, 'memo7.mjs');
    writeFileSync(
      file,
      [
        'const asked = new Set();',
        'export default {',
        '  name: "memo7",',
        '  params: { fast: { type: "int", default: 10, min: 1, max: 100 } },',
        '  indicators: (p) => {',
        '    if (p.fast === 7 && asked.has(7)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);',
        '    asked.add(p.fast);',
        '    return [{ name: "sma", params: { period: p.fast } }];',
        '  },',
        '  create: () => ({ onBar() {} }),',
        '};',
        '',
      ].join('\n'),
    );
    const started = Date.now();
    const said = 'memo7 with fast=7: indicators(params) in memo7.mjs did not return within 0.5 s: a loop in it? Keel stopped the run; no report was written.';
    const one = keel(['--strategy', file, '--params', 'fast=7', ...REPORTS], HALF_SECOND);
    expect(one.err).toContain(`keel backtest: ${said}`);
    expect(one.code).toBe(1);
    const search = keel(['--strategy', file, '--optimize', 'grid', '--grid', 'fast=5:8', '--workers', '1', ...REPORTS], HALF_SECOND);
    expect(search.err).toContain(`keel backtest: ${said}`);
    expect(search.code).toBe(1);
    expect(noReports()).toBe(true);
    // Stopped about half a second into the loop, not at the test's kill.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 45_000);

  it("names the set a search's grid check() is stuck on, not only how many sets were asked", () => {
    const file = strategyFile('check7', ['  check: (p) => { if (p.fast === 7) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return null; },']);
    const started = Date.now();
    const r = keel(['--strategy', file, '--optimize', 'grid', '--grid', 'fast=5:8', ...REPORTS], HALF_SECOND);
    expect(r.err).toMatch(/keel backtest: check7: check\(\) with fast=7 \(set 3 of 4, asked in one go\) did not return within 0\.5 s \(a loop in it\?\), so Keel stopped it.*Fix check\(\) in check7\.mjs/);
    expect(r.code).toBe(2);
    expect(noReports()).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
