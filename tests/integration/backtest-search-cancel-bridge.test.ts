// Cancelling a long parameter search keeps what it already scored (through the real bridge: `keel serve`
// child, WebSocket client). A grid search cancelled partway keeps the sets it ran, ranked as the finished
// search ranks them (the same scores and metrics, in the same order), says how many of how many ran, and
// claims no held-out check it did not make; its line in the list of searches carries the partial best. A
// walk-forward cancelled after its first fold keeps the folds that completed, their stitched out-of-sample
// equity and return, and says how many of the planned folds ran. What a cancelled search kept is in the
// journal after a restart, as a finished search's result is, with how far it got (the share of its sets that ran).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import type { CommandRequest } from '../../shared/contract/index.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';

const next = eventWaiter(120_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'backtest-search-cancel', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' } });
  client = bridge.client;
}, 60_000);

afterAll(async () => {
  await bridge?.close();
});

/** Starts `request` and cancels it once `enough` of its progress steps are done; the summary it ends with. */
async function cancelledAfter(request: CommandRequest<'backtest.optimize'>, enough: number) {
  let runId = '';
  const reached = new Promise<void>((resolve) => {
    const off = client.events['backtest.optimizeProgress']((p) => {
      if (p.runId === runId && p.done >= enough) {
        off();
        resolve();
      }
    });
  });
  const ended = next(client, 'backtest.optimized', (e) => e.runId === runId);
  runId = (await client.commands['backtest.optimize'](request)).runId;
  await reached;
  await client.commands['backtest.optimizeCancel']({ runId });
  return ended;
}

const key = (params: Record<string, number>) => JSON.stringify(params);

describe('a cancelled search over the bridge', () => {
  it('keeps the sets a cancelled grid search ran, ranked and scored as the finished search ranks them, and checks nothing out of sample', async () => {
    // 10 × 20 = 200 sets of sma-cross over two years of hours, a quarter held out.
    const request = { strategy: 'sma-cross', params: {}, series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, ranges: 'fast=5:50:5,slow=60:250:10', method: 'grid' as const, objective: 'return' as const, holdoutPct: 25 };
    const finished = next(client, 'backtest.optimized', () => true);
    const { runId: whole } = await client.commands['backtest.optimize'](request);
    expect(await finished).toMatchObject({ runId: whole, status: 'done', partial: null });
    const full = await client.commands['backtest.optimization']({ runId: whole });
    expect(full.setCount).toBe(200);

    const end = await cancelledAfter(request, 40);
    expect(end.status).toBe('cancelled');
    const cut = await client.commands['backtest.optimization']({ runId: end.runId });
    const ran = cut.sets.length;
    expect(ran).toBeGreaterThanOrEqual(40);
    expect(ran).toBeLessThanOrEqual(200);
    expect(cut.setCount).toBe(ran);
    expect(cut.partial).toEqual({ done: ran, planned: 200, unit: 'sets' });
    expect(end.partial).toEqual(cut.partial);
    // The finished search's ranking of those same sets: the same scores and metrics, in the same order.
    const kept = new Set(cut.sets.map((s) => key(s.params)));
    expect(cut.sets).toEqual(full.sets.filter((s) => kept.has(key(s.params))));
    // The best of those was never run on the held-out bars: no score is claimed for it, and the search says so.
    expect(cut.outOfSample).toBeNull();
    expect(cut.inSample).toEqual(full.inSample);
    expect(cut.warnings).toContain(`the search was cancelled after ${ran} of 200 sets, before its best was run on the held-out bars: nothing checks it out of sample, and it is the best of only the ${ran} sets that ran`);
    // Its line in the list of searches: the partial best, nothing out of sample.
    expect(end.headline).toEqual({ params: cut.sets[0]!.params, inSampleScore: cut.sets[0]!.score, outOfSampleScore: null, outOfSampleReturnPct: null, warnings: cut.warnings.length });
    const listed = (await client.commands['backtest.optimizations']({})).searches.find((s) => s.runId === end.runId);
    expect(listed).toMatchObject({ status: 'cancelled', partial: cut.partial, headline: end.headline });
  }, 240_000);

  it('keeps a cancelled search\'s partial result across a restart', async () => {
    const before = (await client.commands['backtest.optimizations']({})).searches;
    const cut = before.find((s) => s.partial !== null)!;
    const result = await client.commands['backtest.optimization']({ runId: cut.runId });
    // How far it got is the share of its sets that ran, before a restart and after it (not 0).
    expect(cut.progress).toBe(cut.partial!.done / cut.partial!.planned);
    expect(result.progress).toBe(cut.progress);
    await bridge.restart();
    client = bridge.client;
    // As listed before, but for how far a search that did not finish and kept nothing had got (not kept).
    const unfinished = <T extends { progress: number }>(s: T) => ({ ...s, progress: 0 });
    expect((await client.commands['backtest.optimizations']({})).searches).toEqual(before.map((s) => (s.status === 'done' || s.partial !== null ? s : unfinished(s))));
    expect(await client.commands['backtest.optimization']({ runId: cut.runId })).toEqual(result);
  }, 120_000);

  it('keeps the folds a cancelled walk-forward completed, their stitched equity and return, and says how many of the planned folds ran', async () => {
    // Ten folds of 80 sets each over two years of hours; cancelled once the first fold (80 sets and its out-of-sample run) is done.
    const request = { strategy: 'sma-cross', params: {}, series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, ranges: 'fast=5:50:5,slow=60:200:20', method: 'grid' as const, objective: 'return' as const, holdoutPct: 25, walkForward: { folds: 10, isRatio: 3 } };
    const end = await cancelledAfter(request, 81);
    expect(end.status).toBe('cancelled');
    const cut = await client.commands['backtest.optimization']({ runId: end.runId });
    const wf = cut.walkForward!;
    expect(wf).not.toBeNull();
    const ran = wf.folds.length;
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(ran).toBeLessThan(10);
    expect(cut.partial).toEqual({ done: ran, planned: 10, unit: 'folds' });
    expect(end.partial).toEqual(cut.partial);
    expect(cut.setCount).toBe(80);
    // The stitched equity runs over the kept folds' out-of-sample stretches only, and compounds their returns.
    expect(wf.equity[0]![0]).toBe(wf.folds[0]!.outOfSample.from);
    expect(wf.equity.at(-1)![0]).toBe(wf.folds.at(-1)!.outOfSample.to);
    const compounded = (wf.folds.reduce((level, f) => level * (1 + f.outOfSampleMetrics.totalReturnPct! / 100), 1) - 1) * 100;
    expect(wf.outOfSampleReturnPct).toBeCloseTo(compounded, 6);
    expect(wf.warnings).toContain(`the walk-forward was cancelled after ${ran} of 10 folds: its efficiency and out-of-sample return are over only the ${ran} ${ran === 1 ? 'fold' : 'folds'} that ran`);
    // The list's line: the last kept fold's winner.
    expect(end.headline).toMatchObject({ params: wf.folds.at(-1)!.params, outOfSampleReturnPct: wf.outOfSampleReturnPct });
  }, 240_000);
});
