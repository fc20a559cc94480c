// A strategy of the trader's own through the real bridge (`keel serve` child, WebSocket client): a file
// dropped into the data directory's strategies folder while Keel runs is listed (marked with its file),
// a broken one beside it is listed as a problem with what to change, an edit is picked up; a run of it in
// a worker gives what `keel backtest` gives for the same file and what the built-in twin gives; a search
// spreads it over worker threads; and started as a paper strategy, it is started again after a restart.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'strategies', 'my-sma-cross.ts');
const next = eventWaiter(60_000);
/** A strategy of one's own with a bug: from its 50th bar, onBar never returns. */
const STUCK = 'export default { name: "stuck-loop", description: "Loops forever from its 50th bar.", params: {}, create: () => { let n = 0; return { onBar() { if (++n >= 50) for (;;) {} } }; } };\n';

let bridge: BridgeSession;
let client: BridgeClient;
let folder: string;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'own-strategy', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' } });
  client = bridge.client;
  folder = path.join(bridge.dataDir, 'strategies');
}, 60_000);

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

const REQUEST = { params: { fast: 12, slow: 40 }, series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, capital: 25_000, feePct: 0.1 };

async function runToEnd(strategy: string) {
  const done = next(client, 'backtest.done', (d) => d.runId === runId);
  const { runId } = await client.commands['backtest.run']({ ...REQUEST, strategy, monteCarlo: 0 });
  expect(await done).toMatchObject({ status: 'done', error: null });
  return client.commands['backtest.result']({ runId });
}

describe('your own strategy over the bridge', () => {
  it('lists a file put into the strategies folder while Keel runs, a broken one as a problem, and an edit', async () => {
    const before = await client.commands['backtest.strategies']({});
    expect(before.strategies.every((s) => s.file === null)).toBe(true);
    expect(before.problems).toEqual([]);

    mkdirSync(folder, { recursive: true });
    const mine = path.join(folder, 'my-sma-cross.ts');
    copyFileSync(EXAMPLE, mine);
    const broken = path.join(folder, 'fast-only.mjs');
    writeFileSync(broken, 'export default { name: "fast-only", params: { fast: { type: "int", default: 0, min: 1, max: 9 } }, create: () => ({ onBar() {} }) };\n');
    const listed = await client.commands['backtest.strategies']({});
    expect(listed.strategies.map((s) => s.name)).toEqual(['sma-cross', 'ema-cross', 'rsi-reversion', 'bollinger-reversion', 'donchian-breakout', 'ai-assisted', 'my-sma-cross']);
    expect(listed.strategies.at(-1)).toMatchObject({ file: mine, description: 'Long when the fast SMA of the close crosses above the slow one; flat when it crosses below.' });
    expect(listed.strategies.at(-1)!.params.map((p) => [p.name, p.default, p.min, p.max])).toEqual([
      ['fast', 10, 1, 1000],
      ['slow', 30, 2, 5000],
    ]);
    expect(listed.problems).toEqual([{ file: broken, message: `${broken}: fast-only: parameter fast: default 0 is outside its range 1..9` }]);
    // The live strategies panel lists the same.
    const catalog = await client.commands['strategy.catalog']({});
    expect(catalog.strategies.at(-1)).toMatchObject({ name: 'my-sma-cross', file: mine });
    expect(catalog.problems).toEqual(listed.problems);

    // An edit (a newer file) is imported afresh when the strategies are listed again.
    writeFileSync(mine, readFileSync(EXAMPLE, 'utf8').replace("description: 'Long when", "description: 'Edited. Long when"));
    const later = Date.now() / 1000 + 5;
    utimesSync(mine, later, later);
    const edited = await client.commands['backtest.strategies']({});
    expect(edited.strategies.at(-1)!.description).toMatch(/^Edited\. Long when/);
  });

  it("runs in a worker with keel backtest's numbers for the file, and the built-in twin's fills", async () => {
    const own = await runToEnd('my-sma-cross');
    expect(own.fills.length).toBeGreaterThan(10);
    const builtin = await runToEnd('sma-cross');
    expect(own.fills).toEqual(builtin.fills);
    expect(own.metrics).toEqual(builtin.metrics);
    const json = path.join(bridge.dir, 'own.json');
    execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'my-sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'aggressive', '--capital', '25000', '--fee', '0.1', '--data-dir', bridge.dataDir, '--json', json], { cwd: REPO_ROOT, stdio: 'ignore' });
    const cli = JSON.parse(readFileSync(json, 'utf8')) as { metrics: unknown; fills: unknown[] };
    expect(own.metrics).toEqual(cli.metrics);
    expect(own.fills).toEqual(cli.fills);
  }, 120_000);

  it("searches its parameters in the search's worker threads", async () => {
    const done = next(client, 'backtest.optimized', (d) => d.runId === runId);
    const { runId } = await client.commands['backtest.optimize']({ ...REQUEST, strategy: 'my-sma-cross', params: {}, ranges: 'fast=8:16:4,slow=30|40', method: 'grid', objective: 'return', holdoutPct: 25 });
    expect(await done).toMatchObject({ status: 'done', error: null });
    const result = await client.commands['backtest.optimization']({ runId });
    expect(result.setCount).toBe(6);
    expect(result.sets.map((s) => s.params).sort((a, b) => a.fast! - b.fast! || a.slow! - b.slow!)).toEqual([8, 12, 16].flatMap((fast) => [30, 40].map((slow) => ({ fast, slow }))));
    expect(new Set(result.sets.map((s) => s.metrics.totalReturnPct)).size).toBeGreaterThan(1);
    expect(result.outOfSample).not.toBeNull();
  }, 120_000);

  it('checks a run and a search against the file as it is now, not as it was last listed', async () => {
    // Before, the app checked parameters against the definition from the last listing while the worker
    // imported the edited file: a range narrowed since was not enforced, a file broken since failed in the worker.
    const mine = path.join(folder, 'my-sma-cross.ts');
    const original = readFileSync(mine, 'utf8');
    let stamp = Date.now() / 1000 + 10;
    const rewrite = (text: string) => {
      writeFileSync(mine, text);
      utimesSync(mine, (stamp += 5), stamp);
    };
    try {
      rewrite(original.replace("min: 1, max: 1000, step: 1, description: 'fast", "min: 1, max: 20, step: 1, description: 'fast"));
      const refusal = (p: Promise<unknown>) =>
        p.then(
          () => 'accepted',
          (err: Error) => err.message,
        );
      expect(await refusal(client.commands['backtest.run']({ ...REQUEST, params: { fast: 25, slow: 40 }, strategy: 'my-sma-cross', monteCarlo: 0 }))).toMatch(/fast.*25.*1\.\.20/);
      expect(await refusal(client.commands['backtest.optimize']({ ...REQUEST, strategy: 'my-sma-cross', params: {}, ranges: 'fast=10:30:10,slow=40', method: 'grid', objective: 'return', holdoutPct: 25 }))).toMatch(/fast.*30.*1\.\.20/);

      rewrite(original.replace('  create(_p', '  create(((_p'));
      const broken = await refusal(client.commands['backtest.run']({ ...REQUEST, strategy: 'my-sma-cross', monteCarlo: 0 }));
      expect(broken).toMatch(/^my-sma-cross was not run: .*my-sma-cross\.ts: could not be loaded/);
      const many = await refusal(client.commands['backtest.runMany']({ runs: [{ ...REQUEST, strategy: 'sma-cross', monteCarlo: 0 }, { ...REQUEST, strategy: 'my-sma-cross', monteCarlo: 0 }] }));
      expect(many).toMatch(/^my-sma-cross: none started: .*could not be loaded/);
      expect((await client.commands['backtest.list']({})).runs.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);
    } finally {
      rewrite(original);
    }
    expect((await runToEnd('my-sma-cross')).fills.length).toBeGreaterThan(10);
  }, 120_000);

  it('cancels a run whose strategy is stuck in a loop, and the next run goes ahead', async () => {
    // The worker never gets back to the cancel flag; before, the run stayed "running" for good and held its place.
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'stuck-loop.mjs'), STUCK);
    expect((await client.commands['backtest.strategies']({})).strategies.map((s) => s.name)).toContain('stuck-loop');
    const { runId } = await client.commands['backtest.run']({ ...REQUEST, params: {}, strategy: 'stuck-loop', monteCarlo: 0 });
    const ended = next(client, 'backtest.done', (d) => d.runId === runId);
    await new Promise((r) => setTimeout(r, 500));
    const asked = Date.now();
    await client.commands['backtest.cancel']({ runId });
    expect(await ended).toMatchObject({ status: 'cancelled', error: 'it did not stop within 3 s of the cancel (a strategy stuck in a loop?), so its worker was stopped' });
    expect(Date.now() - asked).toBeLessThan(6_000);
    expect((await runToEnd('sma-cross')).fills.length).toBeGreaterThan(10);
  }, 60_000);

  it('does not start on paper a strategy of its own that a trial run finds stuck, or one that throws; the engine answers all along', async () => {
    // On an account a strategy runs in the engine's thread: this one would have held it, the kill switch with it.
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'stuck-loop.mjs'), STUCK);
    writeFileSync(path.join(folder, 'throws.mjs'), 'export default { name: "throws", description: "Fails on its 10th bar.", params: {}, create: () => { let n = 0; return { onBar() { if (++n === 10) throw new Error("no such indicator: vwap"); } }; } };\n');
    await client.commands['backtest.strategies']({});
    await client.commands['replay.start']({ series: SERIES, speed: 1, history: 0 });
    await client.commands['replay.pause']({});
    const asked = Date.now();
    const start = client.commands['strategy.start']({ strategy: 'stuck-loop', params: {} });
    const refused = start.then(
      () => null,
      (err: Error) => err.message,
    );
    // The risk room answers while the trial runs in its worker.
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await client.commands['risk.state']({})).kill.engaged).toBe(false);
    expect(await refused).toMatch(/^stuck-loop did not get through a trial run over (the last [\d,]+ 1h bars of BTC\/USDT|[\d,]+ made-up 1h bars \(no BTC\/USDT history was at hand\)) within 10 s \(stuck in a loop\?\), so it was not started: on an account it would be stopped at the first bar it takes more than 2 s on/);
    expect(Date.now() - asked).toBeLessThan(20_000);
    const failing = await client.commands['strategy.start']({ strategy: 'throws', params: {} }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failing).toMatch(/^throws failed in a trial run over .*, so it was not started: .*no such indicator: vwap/);
    expect((await client.commands['strategy.running']({})).strategies.map((s) => s.strategy)).toEqual([]);
  }, 60_000);

  it('runs as a paper strategy, and a restarted Keel loads the file and starts it again', async () => {
    await client.commands['replay.start']({ series: SERIES, speed: 1, history: 0 });
    const started = await client.commands['strategy.start']({ strategy: 'my-sma-cross', params: { fast: 5, slow: 20 } });
    expect(started).toMatchObject({ id: 'my-sma-cross', account: 'paper', ledger: 'strategy:my-sma-cross' });
    await client.commands['replay.pause']({});
    expect(await bridge.restart()).toBe(0);
    client = bridge.client;
    const { strategies } = await client.commands['strategy.running']({});
    expect(strategies).toHaveLength(1);
    expect(strategies[0]).toMatchObject({ id: 'my-sma-cross', strategy: 'my-sma-cross', params: { fast: 5, slow: 20 }, status: 'waiting' });
    await client.commands['strategy.stop']({ id: 'my-sma-cross' });
  }, 120_000);
});
