// Strategies through the real bridge: a `keel serve` child, a WebSocket client, imported candles replayed
// at speed. A start that would short on the spot paper account is refused, saying what would work. sma-cross
// with small periods, started over the bridge, places orders with origin strategy on the paper account and
// its ledger shows a position; a restarted Keel starts it again (paper) under the
// same id, waiting for its market; stopping it is answered with its last state. Switched to margin, the
// paper account runs long and short, and cannot go back to spot while such a strategy runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { eventWaiter, openBridgeSession, swingingMinutesCsv, type BridgeSession } from '../helpers/bridge-session.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const next = eventWaiter(30_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  // 600 one-minute candles swinging around 100, imported with the real CLI.
  bridge = await openBridgeSession({ name: 'strategy-bridge', candles: { csv: swingingMinutesCsv(600), symbol: 'BTC/USDT', timeframe: '1m' } });
  client = bridge.client;
});

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

describe('strategies over the bridge', () => {
  it('lists the catalog and refuses a bad start with what is valid', async () => {
    const { strategies } = await client.commands['strategy.catalog']({});
    expect(strategies.map((s) => s.name)).toContain('sma-cross');
    await expect(client.commands['strategy.start']({ strategy: 'sma-cross' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('no market is active') });
    await expect(client.commands['strategy.start']({ strategy: 'sma-cross', params: { fast: 0 } })).rejects.toMatchObject({ code: 'invalid_request', message: 'sma-cross: fast = 0 is outside its range 1..1000' });
    await expect(client.commands['strategy.stop']({ id: 'sma-cross' })).rejects.toMatchObject({ code: 'not_found' });
    // The app's paper account is spot: short and both are refused before anything starts.
    await expect(client.commands['strategy.start']({ strategy: 'sma-cross', direction: 'both' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'sma-cross was not started: long and short needs a margin account (shorts are sold with 1× collateral), and the paper account is spot, which cannot go short; start it long only on paper, or long and short on a margin account',
    });
    await expect(client.commands['strategy.start']({ strategy: 'sma-cross', direction: 'sideways' as 'long' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('the sides the strategy may take: long (long or flat), short (short or flat) or both; short and both need a margin account'),
    });
    expect((await client.commands['strategy.running']({})).strategies).toEqual([]);
  });

  it('sma-cross on the replay places orders with origin strategy and its ledger holds a position', async () => {
    await client.commands['replay.start']({ series: SERIES, speed: 1000, history: 0 });
    const started = await client.commands['strategy.start']({ strategy: 'sma-cross', params: { fast: 2, slow: 5 } });
    expect(started).toMatchObject({ id: 'sma-cross', account: 'paper', series: { source: 'replay', ...SERIES }, direction: 'long', ledger: 'strategy:sma-cross', status: 'warming' });
    // Both listen from here: the state that follows the fill can reach the client in the same read.
    const holding = next(client, 'strategy.state', (s) => s.id === 'sma-cross' && s.position.qty !== '0');
    const fill = await next(client, 'trading.fill', (f) => f.origin.kind === 'strategy' && f.side === 'buy');
    expect(fill).toMatchObject({ account: 'paper', symbol: 'BTC/USDT', origin: { kind: 'strategy', id: 'sma-cross' } });
    const state = await holding;
    expect(state.status).toBe('running');
    await client.commands['replay.pause']({});

    const { strategies } = await client.commands['strategy.running']({});
    expect(strategies).toHaveLength(1);
    // Paused, the replay sends no bar: its row says waiting and why, not running.
    expect(strategies[0]).toMatchObject({ status: 'waiting', statusText: expect.stringMatching(/^waiting: its market sends no candles now \(replay of local:BTC\/USDT:1m paused at .*\); it runs again when they come$/) });
    const positions = (await client.commands['trading.positions']({})).positions.filter((p) => p.ledger === 'strategy:sma-cross');
    expect(positions).toHaveLength(1);
    expect(strategies[0]!.position.qty).toBe(positions[0]!.qty);
    const orders = (await client.commands['trading.orders']({ status: 'all' })).orders;
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.origin.kind === 'strategy' && o.origin.id === 'sma-cross')).toBe(true);
  });

  it('a restarted Keel starts the paper strategy again, waiting for its market, and it can be stopped', async () => {
    const before = (await client.commands['strategy.running']({})).strategies[0]!;
    // Stopped (a clean exit) and started again on the same data directory, with a new client.
    expect(await bridge.restart()).toBe(0);
    client = bridge.client;
    const [again] = (await client.commands['strategy.running']({})).strategies;
    expect(again).toMatchObject({ id: 'sma-cross', params: before.params, series: before.series, direction: 'long', status: 'waiting', bars: 0 });
    // Its ledger kept the position it had.
    expect(again!.position.qty).toBe(before.position.qty);
    const stopped = await client.commands['strategy.stop']({ id: 'sma-cross' });
    expect(stopped).toMatchObject({ id: 'sma-cross', status: 'stopped', statusText: 'stopped: by the user', stoppedBy: 'user' });
    expect((await client.commands['strategy.running']({})).strategies).toEqual([]);
  });

  it('on the paper account switched to margin, long and short starts; the account cannot go back to spot under it', async () => {
    await client.commands['trading.cancelAll']({});
    expect(await client.commands['trading.setAccountKind']({ kind: 'margin' })).toMatchObject({ account: 'paper', kind: 'margin' });
    await client.commands['replay.start']({ series: SERIES, speed: 1, history: 0 });
    await client.commands['replay.pause']({});
    const started = await client.commands['strategy.start']({ strategy: 'sma-cross', params: { fast: 2, slow: 5 }, direction: 'both' });
    expect(started).toMatchObject({ id: 'sma-cross', account: 'paper', direction: 'both' });
    await expect(client.commands['trading.setAccountKind']({ kind: 'spot' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'the paper account cannot switch to spot while sma-cross (long and short) runs on it and may sell short; stop it first',
    });
    await client.commands['strategy.stop']({ id: 'sma-cross' });
    expect(await client.commands['trading.setAccountKind']({ kind: 'spot' })).toMatchObject({ kind: 'spot' });
    await client.commands['replay.stop']({});
  });
});
