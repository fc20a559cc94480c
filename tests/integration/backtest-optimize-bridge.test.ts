// Parameter searches through the real bridge (`keel serve` child, WebSocket client): a grid search in
// worker threads with progress while the engine keeps answering, the same ranking and held-out check as
// `keel backtest --optimize grid --json` for the same ranges, refusals that say what is valid (a grid too
// large for the app among them), cancellation, the list of the session's searches, and the finished
// searches kept in the journal across a restart.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import type { EventPayload } from '../../shared/contract/index.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';

const next = eventWaiter(90_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'backtest-optimize', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' } });
  client = bridge.client;
}, 60_000);

afterAll(async () => {
  await bridge?.close();
});

interface CliSearch {
  optimization: {
    objective: string;
    warnings: string[];
    ranked: { params: Record<string, number>; score: number | null; metrics: Record<string, number | null> }[];
    outOfSample: { score: number | null; metrics: Record<string, number | null> } | null;
  };
}

describe('parameter searches over the bridge', () => {
  it('runs a grid search in workers with progress and ranks the sets as keel backtest --optimize does', async () => {
    const progress: EventPayload<'backtest.optimizeProgress'>[] = [];
    const off = client.events['backtest.optimizeProgress']((p) => progress.push(p));
    const done = next(client, 'backtest.optimized', () => true);
    const request = { strategy: 'sma-cross', params: {}, series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, ranges: 'fast=5:15:5,slow=20:40:10', method: 'grid' as const, objective: 'sharpe' as const, holdoutPct: 25 };
    const { runId } = await client.commands['backtest.optimize'](request);
    expect(runId).toMatch(/^opt-\d+$/);
    expect((await client.commands['app.info']({})).version).toBeTruthy();
    const end = await done;
    off();
    expect(end).toMatchObject({ runId, status: 'done', progress: 1, error: null });
    // Nine sets, then the best over the held-out quarter.
    expect(progress.at(-1)).toEqual({ runId, done: 10, total: 10 });
    const result = await client.commands['backtest.optimization']({ runId });
    expect(result.setCount).toBe(9);
    expect(result.sets.map((s) => `${s.params.fast}/${s.params.slow}`).sort()).toEqual(['10/20', '10/30', '10/40', '15/20', '15/30', '15/40', '5/20', '5/30', '5/40']);
    // The held-out bars follow the searched ones inside the requested range.
    expect(result.inSample!.from).toBe(FROM);
    expect(result.outOfSample!.from).toBeGreaterThan(result.inSample!.to);
    expect(result.outOfSample!.to).toBe(TO);

    const json = path.join(bridge.dir, 'search.json');
    execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'aggressive', '--optimize', 'grid', '--grid', 'fast=5:15:5,slow=20:40:10', '--objective', 'sharpe', '--holdout', '25', '--data-dir', bridge.dataDir, '--json', json], { cwd: REPO_ROOT, stdio: 'ignore' });
    const cli = (JSON.parse(readFileSync(json, 'utf8')) as CliSearch).optimization;
    expect(result.sets.map((s) => ({ params: s.params, score: s.score, metrics: s.metrics }))).toEqual(cli.ranked);
    expect(result.outOfSample!.score).toBe(cli.outOfSample!.score);
    expect(result.outOfSample!.metrics).toEqual(cli.outOfSample!.metrics);
    expect(result.warnings).toEqual(cli.warnings);
    // The line the list of searches shows: the CLI's best set, its score in and out of sample.
    expect(end.headline).toEqual({
      params: cli.ranked[0]!.params,
      inSampleScore: cli.ranked[0]!.score,
      outOfSampleScore: cli.outOfSample!.score,
      outOfSampleReturnPct: cli.outOfSample!.metrics.totalReturnPct,
      warnings: cli.warnings.length,
    });
  }, 180_000);

  it('refuses bad ranges, a grid too large for the app and ranges with no valid set, saying what is valid', async () => {
    const base = { strategy: 'sma-cross', params: {}, series: SERIES, method: 'grid' as const, objective: 'sharpe' as const, holdoutPct: 25 };
    await expect(client.commands['backtest.optimize']({ ...base, ranges: 'fats=5:10' })).rejects.toThrow(/sma-cross has no parameter "fats" \(did you mean fast\?\); its parameters: fast, slow/);
    await expect(client.commands['backtest.optimize']({ ...base, ranges: 'fast=10:5' })).rejects.toThrow(/range fast=10:5: write from:to\[:step\] with from ≤ to and step > 0/);
    await expect(client.commands['backtest.optimize']({ ...base, direction: 'both', ranges: 'takeProfitPct=50:150:50' })).rejects.toThrow("takeProfitPct=100 in the ranges: a short's take-profit is a percent below its entry, so below 100 (a short gains 100% only at a price of 0), and direction long and short lets the strategy short; every short's entry would be refused, and only the longs would trade. Give one below 100");
    await expect(client.commands['backtest.optimize']({ ...base, ranges: 'fast=1:1000,slow=2:5000:10' })).rejects.toThrow(/the grid has 500,000 parameter sets \(fast 1,000 × slow 500\), more than 5,000; narrow the ranges or use a random search/);
    await expect(client.commands['backtest.optimize']({ ...base, ranges: 'fast=50:60,slow=20:30' })).rejects.toThrow('no parameter set the ranges make can run (the first, fast=50,slow=20: sma-cross: fast (50) must be smaller than slow (20)); change the ranges so that some sets keep to that rule');
    await expect(client.commands['backtest.optimize']({ ...base, ranges: 'fast=5:10', series: { ...SERIES, timeframe: '5m' } })).rejects.toThrow(/no candles stored for local:BTC\/USDT:5m/);
    await expect(client.commands['backtest.optimization']({ runId: 'opt-999' })).rejects.toThrow(/no optimization opt-999/);
  });

  it('cancels a running search', async () => {
    const done = next(client, 'backtest.optimized', () => true);
    // Two hundred random sets over every bar of the series: long enough to cancel.
    const { runId } = await client.commands['backtest.optimize']({ strategy: 'bollinger-reversion', params: {}, series: SERIES, ranges: 'period=10:100,mult=1:3:0.25', method: 'random', trials: 200, objective: 'return', holdoutPct: 0 });
    const summary = await client.commands['backtest.optimizeCancel']({ runId });
    expect(summary.runId).toBe(runId);
    const end = await done;
    expect(end).toMatchObject({ runId, status: 'cancelled' });
    expect((await client.commands['backtest.optimization']({ runId })).sets).toEqual([]);
  }, 60_000);

  it("lists the session's searches newest first, each with its headline once done", async () => {
    const { searches } = await client.commands['backtest.optimizations']({});
    // The grid search and the cancelled one; refused requests made none.
    expect(searches.map((s) => [s.runId, s.status])).toEqual([
      ['opt-2', 'cancelled'],
      ['opt-1', 'done'],
    ]);
    expect(searches[0]!.headline).toBeNull();
    const grid = await client.commands['backtest.optimization']({ runId: 'opt-1' });
    expect(searches[1]!.headline).toEqual({
      params: grid.sets[0]!.params,
      inSampleScore: grid.sets[0]!.score,
      outOfSampleScore: grid.outOfSample!.score,
      outOfSampleReturnPct: grid.outOfSample!.metrics.totalReturnPct,
      warnings: grid.warnings.length,
    });
    expect(searches[1]!.request.ranges).toBe('fast=5:15:5,slow=20:40:10');
  });

  it('runs one search at a time: the next waits queued, starts when the running one ends, and a queued one cancels at once', async () => {
    // Long enough to be running while the others are started.
    const { runId: first } = await client.commands['backtest.optimize']({ strategy: 'bollinger-reversion', params: {}, series: SERIES, ranges: 'period=10:200,mult=1:3:0.1', method: 'random', trials: 1000, objective: 'return', holdoutPct: 0 });
    const { runId: second } = await client.commands['backtest.optimize']({ strategy: 'sma-cross', params: {}, series: SERIES, from: FROM, to: TO, ranges: 'fast=5:15:5,slow=20:40:10', method: 'grid', objective: 'sharpe', holdoutPct: 25 });
    const { runId: third } = await client.commands['backtest.optimize']({ strategy: 'sma-cross', params: {}, series: SERIES, ranges: 'fast=5:10', method: 'grid', objective: 'sharpe', holdoutPct: 0 });
    const status = async () => Object.fromEntries((await client.commands['backtest.optimizations']({})).searches.map((x) => [x.runId, x.status]));
    expect(await status()).toMatchObject({ [first]: 'running', [second]: 'queued', [third]: 'queued' });
    expect(await client.commands['backtest.optimizeCancel']({ runId: third })).toMatchObject({ status: 'cancelled' });
    const secondDone = next(client, 'backtest.optimized', (e) => e.runId === second);
    await client.commands['backtest.optimizeCancel']({ runId: first });
    expect(await secondDone).toMatchObject({ status: 'done', progress: 1 });
    expect(await status()).toMatchObject({ [first]: 'cancelled', [second]: 'done', [third]: 'cancelled' });
    // The queued search ran as if alone: the same sets and scores as the first grid search.
    const a = await client.commands['backtest.optimization']({ runId: 'opt-1' });
    const b = await client.commands['backtest.optimization']({ runId: second });
    expect(b.sets).toEqual(a.sets);
  }, 120_000);

  it('keeps the finished searches across a restart (list, results), new ids after them; a search Keel closed on says so', async () => {
    const before = (await client.commands['backtest.optimizations']({})).searches;
    const grid = await client.commands['backtest.optimization']({ runId: 'opt-1' });
    // Still going when Keel closes: a thousand random sets over every bar of the series.
    const { runId: cut } = await client.commands['backtest.optimize']({ strategy: 'bollinger-reversion', params: {}, series: SERIES, ranges: 'period=10:200,mult=1:3:0.1', method: 'random', trials: 1000, objective: 'return', holdoutPct: 0 });
    await bridge.restart();
    client = bridge.client;
    const after = (await client.commands['backtest.optimizations']({})).searches;
    expect(after.filter((s) => s.runId !== cut)).toEqual(before);
    expect(after[0]).toMatchObject({ runId: cut, status: 'cancelled', error: 'Keel was closed while this optimization ran', headline: null });
    // The grid's whole result, every set with its metrics and the held-out check, as before the restart.
    expect(await client.commands['backtest.optimization']({ runId: 'opt-1' })).toEqual(grid);
    const { runId } = await client.commands['backtest.optimize']({ strategy: 'sma-cross', params: {}, series: SERIES, ranges: 'fast=5:10', method: 'grid', objective: 'sharpe', holdoutPct: 0 });
    expect(runId).toBe(`opt-${Number(cut.slice(4)) + 1}`);
    await client.commands['backtest.optimizeCancel']({ runId });
  }, 120_000);
});
