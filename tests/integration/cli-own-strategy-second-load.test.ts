// `keel backtest` with a strategy file that runs differently the next time it is loaded: Keel's probe loads
// it first (its top-level code, then check() and indicators() with the defaults) and a definition thread
// loads it again, both fine; the worker that runs it loads it once more, and there it loops. That load used
// to be watched by nothing, so the command hung for ever; it now stops after the load's bound (5 s, or
// KEEL_STRATEGY_TIMEOUT_S when longer), naming the file, what was running and the run's set, writing no
// report. Also: a check() stuck for one set reads as a command's stop, not the app's "the engine and the
// kill switch go on", and a file that never loads is not told to "press Reload".
// The strategy files below that never return block their thread in Atomics.wait rather than spin in a
// loop: to Keel's watch it is the same (a call that does not come back within the limit, the thread then
// terminated), without taking a core from the tests beside it for the seconds the limit runs.
// cli-own-strategy.test.ts and the e2e test keep real loops in onBar.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEL } from '../helpers/keel-cli.ts';

let dir: string;
const CSV = 'BTCUSDT_1m.csv';
const REPORTS = ['--json', 'again.json', '--html', 'again.html'];
/** Small, so the tests are quick; a load still gets 5 s (the probe's), so the bounds below allow for that. */
const LIMIT = { KEEL_STRATEGY_TIMEOUT_S: '2' };
const HINT = 'Loading the file may take up to KEEL_STRATEGY_TIMEOUT_S seconds (default 30), and 5 at least.';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-second-load-'));
  const rows = ['timestamp,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < 400; i++) {
    const o = price;
    price = Math.round((price + Math.sin(i / 9) * 0.8) * 100) / 100;
    rows.push(`${Date.UTC(2024, 0, 1) + i * 60_000},${o},${(Math.max(o, price) + 0.3).toFixed(2)},${(Math.min(o, price) - 0.3).toFixed(2)},${price},${50 + (i % 7)}`);
  }
  writeFileSync(path.join(dir, CSV), rows.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** keel() without waiting: two stuck commands at once, each waiting out its own bound while the other does. */
function keelAsync(args: string[], timeout = 60_000): Promise<{ code: number | null; err: string; ms: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...LIMIT };
  delete env.KEEL_DATA_DIR;
  const started = Date.now();
  const child = spawn(process.execPath, [KEEL, 'backtest', '--data-dir', path.join(dir, 'data'), '--data', CSV, ...args], { cwd: dir, env, timeout });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err, ms: Date.now() - started })));
}

/** `keel backtest` in the test's folder; one that hangs is killed at `timeout` (its code then null). */
function keel(args: string[], timeout = 60_000) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...LIMIT };
  delete env.KEEL_DATA_DIR;
  const started = Date.now();
  const r = spawnSync(process.execPath, [KEEL, 'backtest', '--data-dir', path.join(dir, 'data'), '--data', CSV, ...args], { cwd: dir, env, encoding: 'utf8', timeout });
  return { code: r.status, err: r.stderr, ms: Date.now() - started };
}

/**
 * A strategy file whose `where` loops in any thread but Keel's first looks at it: the probe and the
 * definition thread are handed the file in their thread's data, the worker that runs it is not (a file
 * may tell its threads apart so, or by a marker file it left, or a count in globalThis).
 */
function secondLoadLoops(name: string, where: 'top' | 'check' | 'indicators') {
  const file = path.join(dir, `${name}.mjs`);
  const loop = 'if (!first) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);';
  writeFileSync(
    file,
    [
      'import { workerData } from "node:worker_threads";',
      'const first = typeof workerData === "object" && workerData !== null && "file" in workerData;',
      where === 'top' ? loop : '',
      'export default {',
      `  name: "${name}",`,
      '  params: { fast: { type: "int", default: 10, min: 1, max: 100 } },',
      `  check: (p) => { ${where === 'check' ? loop : ''} return null; },`,
      `  indicators: (p) => { ${where === 'indicators' ? loop : ''} return [{ name: "sma", params: { period: p.fast } }]; },`,
      '  create: () => ({ onBar() {} }),',
      '};',
      '',
    ].join('\n'),
  );
  return file;
}

const noReports = () => REPORTS.filter((f) => f.includes('.')).every((f) => !existsSync(path.join(dir, f)));

describe('keel backtest with a strategy file that loops only when its run loads it', () => {
  it("stops a run and a search whose worker's load of the file never finishes, naming the file and the set", async () => {
    const file = secondLoadLoops('again-top', 'top');
    const [one, search] = await Promise.all([
      keelAsync(['--strategy', file, '--params', 'fast=7', ...REPORTS]),
      // A search's worker loads it as its first set waits: that set is named.
      keelAsync(['--strategy', file, '--optimize', 'grid', '--grid', 'fast=5:6', '--workers', '1', ...REPORTS]),
    ]);
    expect(one.err).toContain(
      `keel backtest: again-top with fast=7: again-top.mjs did not finish loading within 5 s in the worker thread that runs it (a loop in its top-level code? It loaded when Keel first looked at the file: does it run differently the next time?): Keel stopped the run; no report was written. ${HINT}\n`,
    );
    expect(one.code).toBe(1);
    expect(search.err).toContain('keel backtest: again-top with fast=5: again-top.mjs did not finish loading within 5 s in the worker thread that runs it');
    expect(search.code).toBe(1);
    expect(noReports()).toBe(true);
    // Each stopped about 5 s into the load (plus the command's own start), not at the test's kill.
    expect(one.ms).toBeLessThan(40_000);
    expect(search.ms).toBeLessThan(40_000);
  }, 120_000);

  it('names check() or indicators() with the defaults when the load stops there', async () => {
    const [check, indicators] = await Promise.all([
      keelAsync(['--strategy', secondLoadLoops('again-check', 'check'), '--params', 'fast=7', ...REPORTS]),
      keelAsync(['--strategy', secondLoadLoops('again-indicators', 'indicators'), '--params', 'fast=7', ...REPORTS]),
    ]);
    expect(check.err).toContain(
      `keel backtest: again-check with fast=7: check() with its default parameters in again-check.mjs did not return within 5 s as the worker thread that runs it loaded the file: a loop in it? Keel stopped the run; no report was written. ${HINT}\n`,
    );
    expect(check.code).toBe(1);
    expect(indicators.err).toContain('keel backtest: again-indicators with fast=7: indicators() with its default parameters in again-indicators.mjs did not return within 5 s as the worker thread');
    expect(indicators.code).toBe(1);
    expect(noReports()).toBe(true);
    expect(check.ms).toBeLessThan(40_000);
    expect(indicators.ms).toBeLessThan(40_000);
  }, 120_000);
});

describe("keel backtest's words for a strategy file's loop", () => {
  it("says the command stopped with a stuck check(), not that the app's engine and kill switch go on", () => {
    const file = path.join(dir, 'check-seven.mjs');
    writeFileSync(file, ['export default {', '  name: "check-seven",', '  params: { fast: { type: "int", default: 10, min: 1, max: 100 } },', '  check: (p) => { if (p.fast === 7) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return null; },', '  create: () => ({ onBar() {} }),', '};', ''].join('\n'));
    const r = keel(['--strategy', file, '--params', 'fast=7', ...REPORTS]);
    expect(r.err).toBe('keel backtest: check-seven: check() with fast=7 did not return within 2 s (a loop in it?), so Keel stopped it, and keel backtest with it; no report was written. Fix check() in check-seven.mjs\n');
    expect(r.code).toBe(2);
    expect(noReports()).toBe(true);
    expect(r.ms).toBeLessThan(40_000);
  }, 60_000);

  it('tells a file that never loads to be fixed and run again, not to press Reload', () => {
    const file = path.join(dir, 'never-loads.mjs');
    writeFileSync(file, 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\nexport default { name: "never-loads", create: () => ({ onBar() {} }) };\n');
    const r = keel(['--strategy', file, ...REPORTS]);
    expect(r.err).toBe(
      `keel backtest: ${file}: did not finish loading within 5 s (a loop in its top-level code?), so it was not loaded: Keel loads a strategy file in a worker thread first, so that such a file cannot hang the command; fix it and run it again\n`,
    );
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(40_000);
  }, 60_000);
});
