// The trader's code runs in a process of its own (strategies/code-host.ts), through the real bridge: a
// strategy that runs out of memory in a shape Node's worker heap limit does not catch (one string after
// another onto one array: nodejs/node#47224) used to abort `keel serve` itself, engine and kill switch
// with it. Now its backtest fails saying what happened, the engine answers and its kill switch engages
// all along, the next run goes ahead in a new process, and a start on paper is refused at its trial.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';

const next = eventWaiter(60_000);
/** From its 20th bar it keeps a string for ever more, in one bar. */
const HOARDER = 'export default { name: "hoarder", description: "Keeps everything from its 20th bar.", params: {}, create: () => { let n = 0; const kept = []; return { onBar() { if (++n >= 20) for (let i = 0; ; i++) kept.push("bar " + n + " copy " + i); } }; } };\n';
const ENDED = /the process Keel runs strategies' code in ended \((SIGABRT|SIGTRAP|SIGILL|exit code \d+)\); a strategy that runs out of memory can end it that way\. Keel itself, its trading and its kill switch, go on/;

let bridge: BridgeSession;

beforeAll(async () => {
  // A small heap for the strategies' process, so the hoarder reaches its end in a second, not at Node's default.
  bridge = await openBridgeSession({ name: 'code-host', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' }, env: { KEEL_CODE_HEAP_MB: '192' } });
  const folder = path.join(bridge.dataDir, 'strategies');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'hoarder.mjs'), HOARDER);
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
