// `keel serve` never imports a strategy file of the trader's into its own process (stand-in-definition.ts):
// the file is imported in the process for strategies' code only, and what the engine asks of it with other
// parameters than the defaults, check(params) and indicators(params), is answered by a thread there. The
// file here writes the pid of every process that imports it, its check loops for fast=77 and its indicators
// for fast=66: a run or a search asked with them is refused after 2 s saying so (before, the check held the
// engine for ever, and the indicators a run that never ended), the kill switch engages at once after, and
// the next run goes ahead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';

const next = eventWaiter(60_000);
let bridge: BridgeSession;
let marks: string;

/** An SMA cross whose check loops for fast=77 and whose indicators loop for fast=66; it marks each process that imports it. */
const PICKY = (marksFile: string) => `
import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(marksFile)}, process.pid + '\\n');
export default {
  name: 'picky-cross',
  description: 'an SMA cross with a fussy check',
  params: { fast: { type: 'int', default: 10, min: 2, max: 100 }, slow: { type: 'int', default: 30, min: 3, max: 300 } },
  indicators(p) {
    while (p.fast === 66) {}
    return [{ name: 'sma', params: { period: p.fast } }, { name: 'sma', params: { period: p.slow } }];
  },
  check(p) {
    while (p.fast === 77) {}
    return p.fast < p.slow ? null : 'fast must be below slow';
  },
  create(_p, ctx) {
    const [fast, slow] = ctx.indicators;
    return {
      onBar(bar) {
        if (fast.ago(0) > slow.ago(0) && ctx.position() === 0 && !ctx.hasOpenOrders()) ctx.buy(ctx.maxBuyQty(bar.c));
        if (fast.ago(0) < slow.ago(0) && ctx.position() > 0) ctx.closePosition();
      },
    };
  },
};
`;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'own-definition', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' } });
  const folder = path.join(bridge.dataDir, 'strategies');
  mkdirSync(folder, { recursive: true });
  marks = path.join(bridge.dir, 'imported-by.txt');
  writeFileSync(marks, '');
  writeFileSync(path.join(folder, 'picky-cross.mjs'), PICKY(marks));
}, 60_000);

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

const BASE = { strategy: 'picky-cross', series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, capital: 25_000, feePct: 0.1 };
const REQUEST = { ...BASE, monteCarlo: 0 };
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: Error) => err.message,
  );

describe('your own strategy, as keel serve holds it', () => {
  it('is checked, run and searched with its file imported only in the process for strategies\u2019 code', async () => {
    const client = bridge.client;
    expect((await client.commands['backtest.strategies']({})).strategies.find((s) => s.name === 'picky-cross')).toMatchObject({ description: 'an SMA cross with a fussy check' });
    expect(await refusal(client.commands['backtest.run']({ ...REQUEST, params: { fast: 40, slow: 20 } }))).toMatch(/fast must be below slow/);

    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    const { runId } = await client.commands['backtest.run']({ ...REQUEST, params: { fast: 12, slow: 40 } });
    expect(await done).toMatchObject({ status: 'done', error: null });
    expect((await client.commands['backtest.result']({ runId })).fills.length).toBeGreaterThan(10);

    // A search's grid is checked by the file's check: the sets with fast not below slow are left out.
    const searched = next(client, 'backtest.optimized', (d) => d.runId === search.runId);
    const search = await client.commands['backtest.optimize']({ ...BASE, params: {}, ranges: 'fast=10|30|50,slow=20|40', method: 'grid', objective: 'return', holdoutPct: 0 });
    expect(await searched).toMatchObject({ status: 'done' });
    const sets = (await client.commands['backtest.optimization']({ runId: search.runId })).sets.map((s) => `${s.params.fast}/${s.params.slow}`);
    expect(sets.sort()).toEqual(['10/20', '10/40', '30/40']);

    const pids = new Set(readFileSync(marks, 'utf8').trim().split('\n').map(Number));
    expect(pids.size).toBeGreaterThanOrEqual(1);
    expect(pids.has(bridge.serve.child.pid!)).toBe(false);
  }, 120_000);

  it('refuses a run or a search whose check or indicators loop after 2 s, saying so; the kill switch engages at once after, and the next run goes ahead', async () => {
    const client = bridge.client;
    const started = performance.now();
    const refused = await refusal(client.commands['backtest.run']({ ...REQUEST, params: { fast: 77, slow: 90 } }));
    expect(refused).toMatch(/picky-cross: check\(\) with fast=77, slow=90 did not return within 2 s \(a loop in it\?\), so Keel stopped it; the engine and the kill switch go on\. Fix check\(\) in picky-cross\.mjs/);
    expect(performance.now() - started).toBeLessThan(10_000);

    expect(await refusal(client.commands['backtest.run']({ ...REQUEST, params: { fast: 66, slow: 90 } }))).toMatch(
      /picky-cross: indicators\(\) with fast=66, slow=90 did not return within 2 s \(a loop in it\?\), so Keel stopped it/,
    );
    expect(await refusal(client.commands['backtest.optimize']({ ...BASE, params: {}, ranges: 'fast=10|66,slow=90', method: 'grid', objective: 'return', holdoutPct: 0 }))).toMatch(
      // Asked of the thread in the process for strategies' code in one go, the set it is stuck on named all the same.
      /picky-cross: indicators\(\) with fast=66, slow=90 \(set 2 of 2, asked in one go\) did not return within 2 s \(a loop in it\?\)/,
    );
    expect((await client.commands['backtest.list']({})).runs.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);

    const killed = await client.commands['risk.kill']({ reason: 'test: after the looping check' });
    expect(killed.state.kill.engaged).toBe(true);
    await client.commands['risk.rearm']({});

    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    const { runId } = await client.commands['backtest.run']({ ...REQUEST, params: { fast: 12, slow: 40 } });
    expect(await done).toMatchObject({ status: 'done', error: null });
    expect(new Set(readFileSync(marks, 'utf8').trim().split('\n').map(Number)).has(bridge.serve.child.pid!)).toBe(false);
  }, 120_000);
});
