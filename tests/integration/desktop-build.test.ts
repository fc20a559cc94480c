// The desktop app's main process as electron-vite builds it (npm run package builds the same), in plain
// Node: no Electron binary can run here, but the worker threads the app starts are plain Node, and so is
// the code that finds them. A worker the build leaves out, or a shared chunk that looks for the workers in
// a folder they are not in, breaks every backtest, search and strategy trial in the app while keel serve
// and the CLI (which run the sources) go on working.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../electron/backtest/risk-modes.ts';
import { RunPool, type PoolJob } from '../../electron/backtest/run-pool.ts';
import { WORKER_ENTRIES, type WorkerName } from '../../electron/backtest/worker-url.ts';
import type { CandleColumns } from '../../electron/journal/candle-columns.ts';
import type { StrategyContext } from '../../electron/strategies/strategy.ts';
import { StrategyThread } from '../../electron/strategies/strategy-thread.ts';
import { DefinitionThread } from '../../electron/strategies/definition-thread.ts';
import { CodeHost, forkHost } from '../../electron/strategies/code-host.ts';
import { forkChild } from '../../electron/app/child-line.ts';
import { childKeychain } from '../../electron/secrets/child-keychain.ts';
import { KeyStore } from '../../electron/secrets/key-store.ts';
import { KeychainError } from '../../electron/secrets/keychain-error.ts';
import { readBtc1m } from '../helpers/indicator-candles.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the project, so the built files find the app's dependencies (better-sqlite3, zod) as in the package.
const cacheDir = join(ROOT, 'node_modules', '.cache');
let out = '';
let main = '';

beforeAll(() => {
  mkdirSync(cacheDir, { recursive: true });
  out = mkdtempSync(join(cacheDir, 'keel-desktop-build-'));
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [cli, 'build', '--outDir', out], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  main = join(out, 'main');
}, 150_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

/** The built main files as modules, by file name. */
function builtFiles(): string[] {
  return readdirSync(main);
}

/**
 * An export of the built chunk that defines it, found by its text (`function workerUrl(`, `class RunPool`)
 * and then by the function's or class's own name: the chunks' file and export names are the bundler's.
 */
async function builtExport<T>(defines: string, name: string): Promise<T> {
  const file = builtFiles().find((f) => f.endsWith('.js') && f !== 'index.js' && readFileSync(join(main, f), 'utf8').includes(defines));
  if (!file) throw new Error(`no built chunk defines "${defines}" in ${builtFiles().join(', ')}`);
  const mod = (await import(pathToFileURL(join(main, file)).href)) as Record<string, { name?: string }>;
  const found = Object.values(mod).find((v) => typeof v === 'function' && v.name === name);
  if (!found) throw new Error(`${file} exports no ${name}`);
  return found as T;
}

function columns(n: number): CandleColumns {
  const s = readBtc1m(n);
  return { t: s.time, o: s.open, h: s.high, l: s.low, c: s.close, v: s.volume, length: n };
}

describe('the desktop build of the main process', () => {
  it('writes every file flat beside index.js, a worker for each of the app’s worker threads among them', () => {
    const files = builtFiles();
    expect(files).toContain('index.js');
    for (const f of files) expect(statSync(join(main, f)).isFile(), `${f} is a folder`).toBe(true);
    for (const name of Object.keys(WORKER_ENTRIES)) expect(files).toContain(`${name}.js`);
    // No built worker pulls in Electron: they are threads of the main process's Node.
    for (const name of Object.keys(WORKER_ENTRIES)) expect(readFileSync(join(main, `${name}.js`), 'utf8')).not.toMatch(/from\s+["']electron["']/);
  });

  it('finds each worker where the build put it, from the chunk its finder was bundled into', async () => {
    const workerUrl = await builtExport<(n: WorkerName) => URL>('function workerUrl(', 'workerUrl');
    for (const name of Object.keys(WORKER_ENTRIES) as WorkerName[]) {
      const file = fileURLToPath(workerUrl(name));
      expect(resolve(file)).toBe(join(main, `${name}.js`));
      expect(existsSync(file)).toBe(true);
    }
  });

  it('runs a backtest in the built run-pool worker, as a strategy trial and a comparison do in the app, with the sources’ fills', async () => {
    const BuiltPool = await builtExport<typeof RunPool>('class RunPool ', 'RunPool');
    const candles = columns(5_000);
    const job: PoolJob = {
      setup: { strategy: 'sma-cross', symbol: 'BTC/USDT', barMs: 60_000, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0.1, slippageBps: 0 },
      market: 0,
      params: { fast: 10, slow: 30 },
    };
    const built = new BuiltPool([{ candles }], 1);
    try {
      const [run] = await built.run([job]);
      const [inline] = await new RunPool([{ candles }], 0).run([job]);
      expect(run!.fills.length).toBeGreaterThan(20);
      expect(run!.fills).toEqual(inline!.fills);
      expect(run!.metrics.totalReturnPct).toBe(inline!.metrics.totalReturnPct);
    } finally {
      await built.close();
    }
  });

  it('runs a strategy file of the trader’s own in the built strategy worker, its ctx calls answered on this thread', async () => {
    const file = join(out, 'every-third.mjs');
    writeFileSync(file, "export default { name: 'every-third', description: 'buys every third bar', params: {}, create: (_p, ctx) => ({ onBar(bar) { if (bar.index % 3 === 2) ctx.buy(1, { tag: 'third' }); } }) };\n");
    const bought: { qty: number; tag: string | undefined; at: number }[] = [];
    let at = 0;
    const ctx = { id: 'every-third', symbol: 'BTC/USDT', direction: 'long', buy: (qty: number, o?: { tag?: string }) => (bought.push({ qty, tag: o?.tag, at }), true) } as unknown as StrategyContext;
    // The engine's side is the app's (bundled into index.js, which needs Electron); the worker is the built one.
    const thread = new StrategyThread({ file, strategy: 'every-third', params: {}, barMs: 60_000, ctx, worker: pathToFileURL(join(main, 'strategy-worker.js')) });
    try {
      for (at = 0; at < 7; at++) thread.onBar({ t: at * 60_000, o: 1, h: 1, l: 1, c: 1, v: 1, index: at });
      expect(bought).toEqual([
        { qty: 1, tag: 'third', at: 2 },
        { qty: 1, tag: 'third', at: 5 },
      ]);
    } finally {
      thread.close();
    }
  });

  it('runs the built process for strategies\u2019 code: a file\u2019s import probe, a trial run and a strategy on an account in it, each in its built worker', async () => {
    // Electron starts it as a utilityProcess, a Node process of its own; here Node's fork starts the same file.
    const host = new CodeHost((_entry, options) => forkHost(join(main, 'code-host-process.js'), options));
    const file = join(out, 'hosted.mjs');
    writeFileSync(file, "export default { name: 'hosted', description: 'buys on its second bar', params: {}, create: (_p, ctx) => { let n = 0; return { onBar() { if (++n === 2) ctx.buy(ctx.maxBuyQty(100) / 2); } }; } };\n");
    const broken = join(out, 'broken.mjs');
    writeFileSync(broken, 'export default { name: "broken" };\n');
    try {
      expect(await host.call('probe', file)).toEqual({ strategy: { name: 'hosted', description: 'buys on its second bar', params: {}, checks: false } });
      expect(await host.call('probe', broken)).toMatchObject({ problem: expect.stringMatching(/broken\.mjs: broken: create\(params, ctx\) must be a function/) });
      const bars = Array.from({ length: 50 }, (_, i) => ({ t: i * 60_000, o: 100, h: 101, l: 99, c: 100, v: 1 }));
      expect(await host.call('trial', { strategy: 'hosted', strategyFile: file, params: {}, symbol: 'BTC/USDT', timeframe: '1m', direction: 'long', bars })).toBeNull();
      // On an account: its thread there, reached through the built relay thread here, its ctx calls answered here.
      const bought: number[] = [];
      const ctx = { id: 'hosted', symbol: 'BTC/USDT', direction: 'long', maxBuyQty: () => 8, buy: (qty: number) => (bought.push(qty), true) } as unknown as StrategyContext;
      const thread = new StrategyThread({ file, strategy: 'hosted', params: {}, barMs: 60_000, ctx, host: await host.line(), worker: pathToFileURL(join(main, 'strategy-relay-worker.js')) });
      try {
        for (let at = 0; at < 3; at++) thread.onBar({ t: at * 60_000, o: 1, h: 1, l: 1, c: 1, v: 1, index: at });
        expect(bought).toEqual([4]);
      } finally {
        thread.close();
      }
      // What the engine asks of the file's definition (its stand-in's thread): there too, through the same relay.
      const definition = new DefinitionThread({ file, strategy: 'hosted', params: {}, host: await host.line(), worker: pathToFileURL(join(main, 'strategy-relay-worker.js')) });
      try {
        expect(definition.ask('check', [{}, {}])).toEqual([null, null]);
        expect(definition.ask('indicators', [{}])).toEqual([[]]);
      } finally {
        definition.close();
      }
    } finally {
      host.close();
    }
  }, 60_000);

  it('runs the built keychain host: the engine reaches the OS keychain through it, the native keychain library loading there', async () => {
    // Electron starts it as a utilityProcess; here Node's fork starts the same file. A bus address with nothing
    // behind it: the keychain library, loaded in that process, answers at once that there is no session bus.
    const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(out, 'no-bus')}`;
    const keychain = childKeychain({ start: (_entry, options) => forkChild(join(main, 'keychain-host.js'), options) });
    try {
      const err = await new KeyStore(keychain, { timeoutMs: 20_000 }).list().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeychainError);
      expect((err as KeychainError).message).toMatch(/^no OS keychain is available: there is no D-Bus session bus .*\(keychain said: .*Failed to connect to socket/);
    } finally {
      keychain.close();
      if (bus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = bus;
    }
  });

  it('builds the preload as one CommonJS file that requires nothing but electron, as a sandboxed preload must', () => {
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    expect([...new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))]).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(|import\.meta/);
  });
});
