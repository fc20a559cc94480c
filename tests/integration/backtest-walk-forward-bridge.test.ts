// Walk-forward searches through the real bridge (`keel serve` child, WebSocket client): the same folds,
// winners, scores, stitched out-of-sample equity, efficiency and warnings as `keel backtest --optimize grid
// --walk-forward N --json` for the same ranges (the holdout ignored by both), progress over folds × (sets +
// 1), an anchored walk-forward as `--anchored` cuts it, folds that do not fit the bars refused before
// anything starts with how many fit, and cancellation.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thinSegments } from '../../electron/backtest/series-shapes.ts';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import type { EventPayload } from '../../shared/contract/index.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';

const HOUR = 3_600_000;
const next = eventWaiter(120_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'backtest-walk-forward', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' } });
  client = bridge.client;
}, 60_000);

afterAll(async () => {
  await bridge?.close();
});

interface CliWalk {
  walkForward: {
    efficiency: number | null;
    outOfSampleReturnPct: number;
    warnings: string[];
    /** Bar indices, [from, to). */
    folds: { inSample: { from: number; to: number }; outOfSample: { from: number; to: number }; params: Record<string, number>; inSampleScore: number | null; outOfSampleScore: number | null; inSampleMetrics: Record<string, number | null>; outOfSampleMetrics: Record<string, number | null> }[];
    equity: [number, number][];
  };
}

describe('walk-forward searches over the bridge', () => {
  it('walks forward in workers with progress over the folds and agrees with keel backtest --walk-forward', async () => {
    const progress: EventPayload<'backtest.optimizeProgress'>[] = [];
    const off = client.events['backtest.optimizeProgress']((p) => progress.push(p));
    const done = next(client, 'backtest.optimized', () => true);
    // holdoutPct as a form would leave it: a walk-forward does not use it (the CLI refuses --holdout beside --walk-forward).
    const request = { strategy: 'sma-cross', params: {}, series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, ranges: 'fast=5:15:5,slow=20|40', method: 'grid' as const, objective: 'sharpe' as const, holdoutPct: 25, walkForward: { folds: 4, isRatio: 2 } };
    const { runId } = await client.commands['backtest.optimize'](request);
    const end = await done;
    off();
    expect(end).toMatchObject({ runId, status: 'done', progress: 1, error: null, request: { walkForward: { folds: 4, isRatio: 2 } } });
    // Four folds, each six sets in sample and the winner out of sample.
    expect(progress.at(-1)).toEqual({ runId, done: 28, total: 28 });
    const result = await client.commands['backtest.optimization']({ runId });
    expect(result).toMatchObject({ setCount: 6, sets: [], inSample: null, outOfSample: null });
    const wf = result.walkForward!;
    expect(wf.folds).toHaveLength(4);

    const json = path.join(bridge.dir, 'walk.json');
    execFileSync(
      process.execPath,
      [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'aggressive', '--optimize', 'grid', '--grid', 'fast=5:15:5,slow=20|40', '--objective', 'sharpe', '--walk-forward', '4', '--is-ratio', '2', '--data-dir', bridge.dataDir, '--json', json],
      { cwd: REPO_ROOT, stdio: 'ignore' },
    );
    const cli = (JSON.parse(readFileSync(json, 'utf8')) as CliWalk).walkForward;
    expect(wf.folds.map((f) => ({ params: f.params, inSampleScore: f.inSampleScore, outOfSampleScore: f.outOfSampleScore, inSampleMetrics: f.inSampleMetrics, outOfSampleMetrics: f.outOfSampleMetrics }))).toEqual(
      cli.folds.map((f) => ({ params: f.params, inSampleScore: f.inSampleScore, outOfSampleScore: f.outOfSampleScore, inSampleMetrics: f.inSampleMetrics, outOfSampleMetrics: f.outOfSampleMetrics })),
    );
    expect(wf.outOfSampleReturnPct).toBe(cli.outOfSampleReturnPct);
    expect(wf.efficiency).toBe(cli.efficiency);
    expect(wf.warnings).toEqual(cli.warnings);
    expect(result.warnings).toEqual(cli.warnings);
    // The list of searches shows the set it would trade next (the last fold's winner) and the folds' mean
    // scores: the means the CLI's efficiency divides.
    const h = end.headline!;
    expect(h.params).toEqual(cli.folds.at(-1)!.params);
    expect(h.outOfSampleReturnPct).toBe(cli.outOfSampleReturnPct);
    expect(h.warnings).toBe(cli.warnings.length);
    expect(h.inSampleScore).not.toBeNull();
    if (cli.efficiency !== null) expect(h.outOfSampleScore! / h.inSampleScore!).toBeCloseTo(cli.efficiency, 12);
    expect(h.inSampleScore).toBeCloseTo(cli.folds.reduce((a, f) => a + f.inSampleScore!, 0) / cli.folds.length, 12);

    // The folds' bar times: the CLI's stitched equity holds each out-of-sample bar once, in order; the
    // in-sample stretch ends on the bar before its out-of-sample one (the series has no gaps here).
    const lengths = cli.folds.map((f) => f.outOfSample.to - f.outOfSample.from);
    let at = 0;
    for (const [k, f] of wf.folds.entries()) {
      expect(f.outOfSample).toEqual({ from: cli.equity[at]![0], to: cli.equity[at + lengths[k]! - 1]![0] });
      expect(f.inSample.to).toBe(f.outOfSample.from - HOUR);
      expect(f.inSample.from).toBe(f.inSample.to - (cli.folds[k]!.inSample.to - cli.folds[k]!.inSample.from - 1) * HOUR);
      at += lengths[k]!;
    }
    expect(wf.folds[0]!.inSample.from).toBe(FROM);
    expect(wf.folds.at(-1)!.outOfSample.to).toBe(TO);
    // The stitched curve, thinned fold by fold to about 2,000 points: every fold's first point kept.
    expect(cli.equity.length).toBeGreaterThan(4000);
    expect(wf.equity.length).toBeLessThanOrEqual(2010);
    expect(wf.equity).toEqual(thinSegments(cli.equity, lengths, 2000));
    for (const f of wf.folds) expect(wf.equity.some(([t]) => t === f.outOfSample.from)).toBe(true);
    expect(wf.equity.at(-1)).toEqual(cli.equity.at(-1));
  }, 240_000);

  it('walks forward anchored, every in-sample stretch from the first bar, as keel backtest --anchored does', async () => {
    const done = next(client, 'backtest.optimized', () => true);
    const { runId } = await client.commands['backtest.optimize']({ strategy: 'sma-cross', params: {}, series: SERIES, from: FROM, to: TO, mode: 'aggressive', ranges: 'fast=5|10,slow=20|40', method: 'grid', objective: 'return', walkForward: { folds: 3, isRatio: 1, anchored: true } });
    expect(await done).toMatchObject({ runId, status: 'done', request: { walkForward: { folds: 3, isRatio: 1, anchored: true } } });
    const wf = (await client.commands['backtest.optimization']({ runId })).walkForward!;
    // Each in-sample stretch starts where the series does and ends on the bar before its out-of-sample one.
    for (const f of wf.folds) {
      expect(f.inSample.from).toBe(FROM);
      expect(f.inSample.to).toBe(f.outOfSample.from - HOUR);
    }
    const json = path.join(bridge.dir, 'anchored.json');
    execFileSync(
      process.execPath,
      [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'aggressive', '--optimize', 'grid', '--grid', 'fast=5|10,slow=20|40', '--objective', 'return', '--walk-forward', '3', '--is-ratio', '1', '--anchored', '--workers', '0', '--data-dir', bridge.dataDir, '--json', json],
      { cwd: REPO_ROOT, stdio: 'ignore' },
    );
    const cli = (JSON.parse(readFileSync(json, 'utf8')) as CliWalk & { walkForward: { anchored: boolean } }).walkForward;
    expect(cli.anchored).toBe(true);
    expect(cli.folds.map((f) => f.inSample.from)).toEqual([0, 0, 0]);
    expect(wf.folds.map((f) => [f.params, f.inSampleMetrics, f.outOfSampleMetrics])).toEqual(cli.folds.map((f) => [f.params, f.inSampleMetrics, f.outOfSampleMetrics]));
    expect(wf.outOfSampleReturnPct).toBe(cli.outOfSampleReturnPct);
  }, 120_000);

  it('refuses folds that do not fit the bars, and folds or ratios out of bounds, saying what is valid', async () => {
    const before = (await client.commands['backtest.optimizations']({})).searches.length;
    // Three days: 72 bars.
    const base = { strategy: 'sma-cross', params: {}, series: SERIES, from: Date.UTC(2021, 0, 1), to: Date.UTC(2021, 0, 3, 23), ranges: 'fast=5:10', method: 'grid' as const, objective: 'sharpe' as const };
    await expect(client.commands['backtest.optimize']({ ...base, walkForward: { folds: 50, isRatio: 3 } })).rejects.toThrow(
      '72 bars are too few for 50 walk-forward folds (in-sample ratio 3); give 1 to 33 folds at an in-sample ratio of 3, a smaller ratio, or a longer date range',
    );
    await expect(client.commands['backtest.optimize']({ ...base, to: Date.UTC(2021, 0, 1, 3), walkForward: { folds: 1, isRatio: 20 } })).rejects.toThrow(
      /4 bars are too few for 1 walk-forward folds \(in-sample ratio 20\); even 1 fold at an in-sample ratio of 20 needs more bars/,
    );
    await expect(client.commands['backtest.optimize']({ ...base, walkForward: { folds: 0, isRatio: 3 } })).rejects.toThrow(/walkForward\.folds/);
    await expect(client.commands['backtest.optimize']({ ...base, walkForward: { folds: 101 } })).rejects.toThrow(/walkForward\.folds/);
    await expect(client.commands['backtest.optimize']({ ...base, walkForward: { folds: 3, isRatio: 0 } })).rejects.toThrow(/walkForward\.isRatio/);
    await expect(client.commands['backtest.optimize']({ ...base, walkForward: { folds: 3, isRatio: 21 } })).rejects.toThrow(/walkForward\.isRatio/);
    // Nothing started: the refusals come before any worker.
    expect((await client.commands['backtest.optimizations']({})).searches.length).toBe(before);
  });

  it('cancels a running walk-forward', async () => {
    const done = next(client, 'backtest.optimized', () => true);
    // Ten folds of two hundred random sets over every bar of the series: long enough to cancel.
    const { runId } = await client.commands['backtest.optimize']({ strategy: 'bollinger-reversion', params: {}, series: SERIES, ranges: 'period=10:100,mult=1:3:0.25', method: 'random', trials: 200, objective: 'return', walkForward: { folds: 10, isRatio: 3 } });
    const summary = await client.commands['backtest.optimizeCancel']({ runId });
    expect(summary.runId).toBe(runId);
    const end = await done;
    expect(end).toMatchObject({ runId, status: 'cancelled' });
    expect((await client.commands['backtest.optimization']({ runId })).walkForward).toBeNull();
  }, 60_000);
});
