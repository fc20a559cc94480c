// A strategy of the trader's own stuck in a loop, through the real bridge (`keel serve` child, its code
// host, a short KEEL_STRATEGY_TIMEOUT_S): a run, a search and a walk-forward of it end as failed on their
// own, saying which hook at which bar and time with which parameters (a walk-forward's fold, the set it
// picked), as `keel backtest` says it; the stuck worker is terminated and the next run of the same file goes
// ahead. Before, the run sat "running" with its progress frozen until Cancel was pressed. So do a run whose
// worker's load of the file never finishes (a file that runs differently there than where Keel first
// loaded it), and a finished run's trade window whose indicators() loops: neither was watched, so the run
// and the chart waited for ever. A search's own thread, which asks every set's indicators() for their
// warm-up, names the set its stuck indicators() was given (it named only the strategy, so the trader could
// not tell which set to run again).
// The strategy files below that never return block their thread in Atomics.wait rather than spin in a
// loop: to Keel's watch it is the same (a call that does not come back within the limit, the thread then
// terminated), without taking a core from the tests beside it for the seconds the limit runs.
// cli-own-strategy.test.ts and the e2e test keep real loops in onBar.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';
import { KEEL_BIN } from '../helpers/keel-serve.ts';

const next = eventWaiter(30_000);
/** From its bar `after` (bar.index), onBar never returns; `after` past the bars, it runs to the end. */
const STUCK = 'export default { name: "stuck-at", description: "Loops forever from a bar on.", params: { after: { type: "int", default: 50, min: 1, max: 100000 } }, create: (p) => ({ onBar(bar) { if (bar.index >= p.after) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); } }) };\n';
/** Loops in its last two days of bars: the last fold's out-of-sample stretch, which no in-sample run reaches. */
const LATE = `export default { name: "stuck-late", description: "Loops forever near the end.", params: { n: { type: "int", default: 1, min: 1, max: 9 } }, create: () => ({ onBar(bar) { if (bar.t >= ${TO - 2 * 86_400_000}) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); } }) };\n`;
/**
 * Its top-level code loops in any thread but those Keel first loads it in (the import probe and the
 * definition thread are handed the file in their thread's data; a run's worker is not).
 */
const RELOAD = 'import { workerData } from "node:worker_threads";\nif (!(typeof workerData === "object" && workerData !== null && "file" in workerData)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\nexport default { name: "stuck-reload", description: "Loops when a run loads it.", params: { n: { type: "int", default: 1, min: 1, max: 9 } }, create: () => ({ onBar() {} }) };\n';
/** Its indicators() loops for n=2 in a trade window's thread only (its data has withLeadIn); the run's are fine. */
const WINDOW = 'import { workerData } from "node:worker_threads";\nexport default { name: "stuck-window", description: "Loops drawing a window.", params: { n: { type: "int", default: 1, min: 1, max: 9 } }, indicators: (p) => { if (p.n === 2 && typeof workerData === "object" && workerData !== null && "withLeadIn" in workerData) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return [{ name: "sma", params: { period: 10 } }]; }, create: () => ({ onBar() {} }) };\n';
/**
 * Its indicators() loops for n=2 in a search's own thread only (its data has the search's sets), where the
 * search asks every set's for their warm-up: the engine's questions and the sets' runs are fine.
 */
const SEARCH = 'import { workerData } from "node:worker_threads";\nexport default { name: "stuck-search", description: "Loops in a search\'s thread.", params: { n: { type: "int", default: 1, min: 1, max: 9 } }, indicators: (p) => { if (p.n === 2 && typeof workerData === "object" && workerData !== null && "sets" in workerData) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return [{ name: "sma", params: { period: 10 } }]; }, create: () => ({ onBar() {} }) };\n';
const HINT = 'a loop in it? Keel stopped the run. One call may take up to KEEL_STRATEGY_TIMEOUT_S seconds (default 30).';
const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';
const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'own-stall', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' }, env: { KEEL_STRATEGY_TIMEOUT_S: '1' } });
  client = bridge.client;
  const folder = path.join(bridge.dataDir, 'strategies');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'stuck-at.mjs'), STUCK);
  writeFileSync(path.join(folder, 'stuck-late.mjs'), LATE);
  writeFileSync(path.join(folder, 'stuck-reload.mjs'), RELOAD);
  writeFileSync(path.join(folder, 'stuck-window.mjs'), WINDOW);
  writeFileSync(path.join(folder, 'stuck-search.mjs'), SEARCH);
  expect((await client.commands['backtest.strategies']({})).strategies.map((s) => s.name)).toEqual(expect.arrayContaining(['stuck-at', 'stuck-late', 'stuck-reload', 'stuck-window', 'stuck-search']));
}, 60_000);

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

const REQUEST = { series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, capital: 25_000, feePct: 0.1 };

async function run(strategy: string, params: Record<string, number>) {
  const { runId } = await client.commands['backtest.run']({ ...REQUEST, strategy, params, monteCarlo: 0 });
  return next(client, 'backtest.done', (d) => d.runId === runId);
}

async function search(strategy: string, ranges: string, extra: { walkForward?: { folds: number; isRatio: number; anchored: boolean } } = {}) {
  const { runId } = await client.commands['backtest.optimize']({ ...REQUEST, strategy, params: {}, ranges, method: 'grid', objective: 'return', holdoutPct: extra.walkForward ? 0 : 25, ...extra });
  return next(client, 'backtest.optimized', (d) => d.runId === runId);
}

describe('your own strategy stuck in a loop, in the app', () => {
  it('fails a run on its own after KEEL_STRATEGY_TIMEOUT_S, saying where, and the next run of the file goes ahead', async () => {
    const started = Date.now();
    const stuck = await run('stuck-at', { after: 50 });
    expect(stuck.status).toBe('failed');
    expect(stuck.error).toMatch(new RegExp(`^stuck-at with after=50: onBar did not return within 1 s \\(at bar 50, closed at ${ISO}\\): ${escaped(HINT)}$`));
    expect(Date.now() - started).toBeLessThan(15_000);
    const listed = (await client.commands['backtest.list']({})).runs.find((r) => r.runId === stuck.runId);
    expect(listed).toMatchObject({ status: 'failed', error: stuck.error });
    // The stuck worker is gone: the same file runs to its end next, and so does a built-in.
    expect(await run('stuck-at', { after: 100_000 })).toMatchObject({ status: 'done', error: null });
    expect(await run('sma-cross', { fast: 12, slow: 40 })).toMatchObject({ status: 'done', error: null });
  }, 60_000);

  it('fails a search naming the set that got stuck, and the next search goes ahead', async () => {
    const stuck = await search('stuck-at', 'after=50|100000');
    expect(stuck.status).toBe('failed');
    expect(stuck.error).toMatch(new RegExp(`^stuck-at with after=50: onBar did not return within 1 s \\(at bar 50, closed at ${ISO}\\): ${escaped(HINT)}$`));
    expect(await search('stuck-at', 'after=90000|100000')).toMatchObject({ status: 'done', error: null });
  }, 60_000);

  it("fails a run whose worker's load of the file never finishes, naming the file, within the load's 5 s", async () => {
    const started = Date.now();
    const stuck = await run('stuck-reload', { n: 1 });
    expect(stuck.status).toBe('failed');
    expect(stuck.error).toBe(
      'stuck-reload with n=1: stuck-reload.mjs did not finish loading within 5 s in the worker thread that runs it (a loop in its top-level code? It loaded when Keel first looked at the file: does it run differently the next time?): Keel stopped the run. Loading the file may take up to KEEL_STRATEGY_TIMEOUT_S seconds (default 30), and 5 at least.',
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await run('stuck-at', { after: 100_000 })).toMatchObject({ status: 'done', error: null });
  }, 60_000);

  it("fails a search whose thread's load of the file never finishes, naming the file", async () => {
    const started = Date.now();
    const stuck = await search('stuck-reload', 'n=1|2');
    expect(stuck.status).toBe('failed');
    expect(stuck.error).toBe(
      'stuck-reload: stuck-reload.mjs did not finish loading within 5 s in the worker thread that runs it (a loop in its top-level code? It loaded when Keel first looked at the file: does it run differently the next time?): Keel stopped the search. Loading the file may take up to KEEL_STRATEGY_TIMEOUT_S seconds (default 30), and 5 at least.',
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await search('stuck-at', 'after=90000|100000')).toMatchObject({ status: 'done', error: null });
  }, 60_000);

  it("fails a search whose own thread's indicators() never returns for one set, naming that set, the function and the file", async () => {
    const started = Date.now();
    const stuck = await search('stuck-search', 'n=1|2|3');
    expect(stuck.status).toBe('failed');
    // As a set's run names it (and keel backtest --optimize): the set to run again with its parameters.
    expect(stuck.error).toBe(
      'stuck-search with n=2: indicators(params) in stuck-search.mjs did not return within 1 s: a loop in it? Keel stopped the search. One call may take up to KEEL_STRATEGY_TIMEOUT_S seconds (default 30).',
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await search('stuck-at', 'after=90000|100000')).toMatchObject({ status: 'done', error: null });
  }, 60_000);

  it("fails a trade window whose indicators() never returns, naming the function, the file and the run's set", async () => {
    const done = await run('stuck-window', { n: 2 });
    expect(done).toMatchObject({ status: 'done', error: null });
    const started = Date.now();
    await expect(client.commands['backtest.window']({ runId: done.runId, from: FROM, to: FROM + 48 * 3_600_000 })).rejects.toThrow(
      'stuck-window with n=2: indicators(params) in stuck-window.mjs did not return within 1 s: a loop in it? Keel stopped drawing the window. One call may take up to KEEL_STRATEGY_TIMEOUT_S seconds (default 30).',
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    // Another set's window is drawn.
    const fine = await run('stuck-window', { n: 3 });
    expect((await client.commands['backtest.window']({ runId: fine.runId, from: FROM, to: FROM + 48 * 3_600_000 })).candles.length).toBe(49);
  }, 60_000);

  it("fails a walk-forward stuck in a fold's out-of-sample run, naming the set the fold picked, as a search names its", async () => {
    // Neither set trades in sample: they tie, and the first given is the fold's best.
    const stuck = await search('stuck-late', 'n=1|2', { walkForward: { folds: 2, isRatio: 3, anchored: false } });
    expect(stuck.status).toBe('failed');
    // The fold and stretch first: a walk-forward's runs are many, the set alone does not say which.
    expect(stuck.error).toMatch(new RegExp(`^walk-forward fold 2 of 2, out-of-sample [-0-9: ]+ to [-0-9: ]+: stuck-late with n=1: onBar did not return within 1 s \\(at bar \\d+, closed at 2022-12-(29|30|31)T${ISO.slice(16)}\\): ${escaped(HINT)}$`));
    expect(await run('stuck-at', { after: 100_000 })).toMatchObject({ status: 'done', error: null });
  }, 60_000);
});

describe('a bad KEEL_STRATEGY_TIMEOUT_S', () => {
  it('stops keel serve before it opens anything, saying what is valid, with exit 2 and no stack trace', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'keel-stall-env-'));
    const r = spawnSync(process.execPath, [KEEL_BIN, 'serve', '--port', '0', '--data-dir', dataDir], { env: { ...process.env, KEEL_STRATEGY_TIMEOUT_S: '30s' }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^keel serve: KEEL_STRATEGY_TIMEOUT_S must be the seconds one call of your strategy's code may take before Keel stops it, above 0 and at most 86400 \(unset: 30\), got "30s"\n$/);
  });
});
