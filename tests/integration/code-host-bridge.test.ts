// The trader's code runs in a process of its own (strategies/code-host.ts), through the real bridge. A
// strategy that runs out of memory in a shape Node's worker heap limit does not catch (one string after
// another onto one array: nodejs/node#47224) aborts the process its thread is in; before, that was
// `keel serve` itself, engine and kill switch with it. Whether a given allocation aborts or is caught
// depends on V8's timing, so these strategies end their process the way such a blow-up does, with a
// SIGABRT to it: the backtest fails saying what happened, the engine answers and its kill switch engages
// all along, the next run goes ahead in a new process, a start on paper is refused at its trial, and one
// already running on paper is stopped at once with the reason.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';
import { REPO_ROOT } from '../helpers/keel-serve.ts';

const next = eventWaiter(60_000);
/** On its 20th bar it ends its process, as a fatal out-of-memory does. */
const HOARDER = 'export default { name: "hoarder", description: "Ends its process on its 20th bar.", params: {}, create: () => { let n = 0; return { onBar() { if (++n === 20) process.kill(process.pid, "SIGABRT"); } }; } };\n';
/** Buys on its first bar; ends its process on the first bar after `flag` exists: later than any trial run. */
const LATER_HOARDER = (flag: string) =>
  `import { existsSync } from 'node:fs';\nexport default { name: 'later-hoarder', description: 'Ends its process once told to.', params: {}, create: (_p, ctx) => { let n = 0; return { onBar(bar) { if (++n === 1) ctx.buy(ctx.maxBuyQty(bar.c) / 4); if (existsSync(${JSON.stringify(flag)})) process.kill(process.pid, "SIGABRT"); } }; } };\n`;
const MINUTES = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'binanceus_BTCUSDT_1m_20230301_20230321.csv');
const ENDED = /the process Keel runs strategies' code in ended \((SIGABRT|exit code 134)\); a strategy that runs out of memory can end it that way\. Keel itself, its trading and its kill switch, go on/;

let bridge: BridgeSession;
let flag: string;

beforeAll(async () => {
  bridge = await openBridgeSession({
    name: 'code-host',
    candles: [
      { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' },
      { file: MINUTES, symbol: 'BTC/USDT', timeframe: '1m' },
    ],
  });
  const folder = path.join(bridge.dataDir, 'strategies');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'hoarder.mjs'), HOARDER);
  flag = path.join(bridge.dir, 'hoard-now');
  writeFileSync(path.join(folder, 'later-hoarder.mjs'), LATER_HOARDER(flag));
}, 60_000);

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

const REQUEST = { params: {}, series: SERIES, from: FROM, to: TO, mode: 'aggressive' as const, capital: 25_000, feePct: 0.1, monteCarlo: 0 };

describe("a strategy that runs out of memory in the app's backtest", () => {
  it('fails its run, saying so; the engine and the kill switch go on, and the next run goes ahead', async () => {
    const client = bridge.client;
    expect((await client.commands['backtest.strategies']({})).strategies.map((s) => s.name)).toContain('hoarder');
    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    const { runId } = await client.commands['backtest.run']({ ...REQUEST, strategy: 'hoarder' });
    const ended = await done;
    expect(ended.status).toBe('failed');
    expect(ended.error).toMatch(ENDED);

    // The same keel serve answers, and its kill switch engages and re-arms.
    const killed = await client.commands['risk.kill']({ reason: 'test: after the hoarder' });
    expect(killed.state.kill.engaged).toBe(true);
    await client.commands['risk.rearm']({});
    expect((await client.commands['risk.state']({})).kill.engaged).toBe(false);

    // A new process for the next run: sma-cross runs to the end.
    const again = next(client, 'backtest.done', (d) => d.runId === second.runId);
    const second = await client.commands['backtest.run']({ ...REQUEST, params: { fast: 12, slow: 40 }, strategy: 'sma-cross' });
    expect(await again).toMatchObject({ status: 'done', error: null });
    expect((await client.commands['backtest.result']({ runId: second.runId })).fills.length).toBeGreaterThan(10);
  }, 120_000);

  it('is not started on paper: its trial run ends the same way, and says so', async () => {
    const client = bridge.client;
    await client.commands['replay.start']({ series: SERIES, speed: 1, history: 0 });
    await client.commands['replay.pause']({});
    const refused = await client.commands['strategy.start']({ strategy: 'hoarder', params: {} }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(refused).toMatch(/^hoarder was not started: its trial run could not finish: the process Keel runs strategies' code in ended/);
    expect((await client.commands['strategy.running']({})).strategies).toEqual([]);
    expect((await client.commands['risk.state']({})).kill.engaged).toBe(false);
  }, 120_000);
});

describe('a strategy of your own on paper that runs out of memory on a later bar', () => {
  it('is stopped at once, saying so; the engine and the kill switch go on', async () => {
    const client = bridge.client;
    const minutes = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
    await client.commands['replay.start']({ series: minutes, speed: 1000, history: 100 });
    const bought = next(client, 'strategy.state', (st) => st.id === 'later-hoarder' && st.position.qty !== '0');
    const started = await client.commands['strategy.start']({ strategy: 'later-hoarder', params: {}, series: { symbol: 'BTC/USDT', timeframe: '1m' } });
    expect(started).toMatchObject({ id: 'later-hoarder', account: 'paper' });
    await bought;
    // From the next bar it hoards: its thread's process ends, and the engine hears it at once.
    const stopped = next(client, 'strategy.state', (st) => st.id === 'later-hoarder' && st.status === 'stopped');
    writeFileSync(flag, 'now');
    const state = await stopped;
    expect(state.statusText).toMatch(/^stopped: later-hoarder lost its thread: the process Keel runs strategies' code in ended \(unexpectedly\); .* with the bar at 2023-03-.*: its thread ended, and so is the strategy stopped, so the engine and the kill switch go on/);
    expect((await client.commands['strategy.running']({})).strategies).toEqual([]);
    // The same keel serve: its kill switch engages and flattens what the strategy held.
    const killed = await client.commands['risk.kill']({ reason: 'test: after the later hoarder', flatten: true });
    expect(killed.state.kill.engaged).toBe(true);
    await client.commands['replay.pause']({});
    await client.commands['risk.rearm']({});
  }, 120_000);
});
