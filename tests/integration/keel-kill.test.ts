// `keel kill` from a terminal against a running `keel serve` whose UI is frozen: one browser client has
// stopped reading its socket (its window hung), and the kill must still cancel every paper order, through
// the engine's control channel, with no UI involved.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { controlFilePath } from '../../electron/risk/control/control-file.ts';
import { openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN } from '../helpers/keel-serve.ts';

const run = promisify(execFile);

let bridge: BridgeSession;
let client: BridgeClient;
let frozen: WebSocket;

async function keel(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [KEEL_BIN, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'kill' });
  client = bridge.client;
  for (let i = 0; i < 25; i++) await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.1', price: (90 - i * 0.1).toFixed(2) });
  // The frozen UI: a client that subscribed and then stopped reading (its socket paused, nothing drains).
  frozen = new WebSocket(bridge.serve.wsUrl, { origin: bridge.serve.origin });
  await new Promise<void>((resolve) => frozen.once('open', () => resolve()));
  (frozen as unknown as { _socket: { pause(): void } })._socket.pause();
});

afterAll(async () => {
  frozen?.terminate();
  expect(await bridge?.close()).toBe(0);
});

describe('keel kill', () => {
  it('finds the running Keel through a 0600 control file in the data directory', async () => {
    const file = controlFilePath(bridge.dataDir);
    await vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 5_000 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('cancels every paper order while a client hangs, and blocks new entries until re-armed', async () => {
    expect((await client.commands['trading.orders']({ status: 'open' })).orders).toHaveLength(25);
    const r = await keel(['kill', '--data-dir', bridge.dataDir]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Kill switch engaged: 25 orders cancelled in [\d.]+ ms\. New entries are blocked until you re-arm in Keel\.\n$/);
    expect(r.code).toBe(0);
    expect((await client.commands['trading.orders']({ status: 'open' })).orders).toHaveLength(0);
    const state = await client.commands['risk.state']({});
    expect(state).toMatchObject({ status: 'halted', kill: { engaged: true, via: 'cli', by: 'user' } });
    const refused = await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.1', price: '90' });
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatch(/kill switch is engaged/);
    const events = (await client.commands['risk.events']({ limit: 10 })).events;
    expect(events.map((e) => e.kind)).toEqual(['refusal', 'kill']);
    expect(events[1]!.message).toMatch(/kill switch engaged via cli: keel kill from a terminal; 25 orders cancelled/);
    expect((await client.commands['risk.rearm']({})).status).toBe('ok');
  });

  it('refuses a second keel serve on the same data directory, which would have taken keel kill away from the first', async () => {
    // Before the lock, the second wrote its control.json over the first's and removed it when it stopped.
    const second = await keel(['serve', '--port', '0', '--data-dir', bridge.dataDir]);
    expect(second.code).toBe(1);
    // It names the first by its address, for a trader who lost the terminal that printed it.
    expect(second.stderr).toContain(`keel serve: another Keel is running on ${bridge.dataDir}: keel serve at ${bridge.serve.url}, pid ${bridge.serve.child.pid}`);
    await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.1', price: '80' });
    const r = await keel(['kill', '--data-dir', bridge.dataDir, '--reason', 'after the second']);
    expect(r.stdout).toMatch(/^Kill switch engaged: 1 order cancelled/);
    // Pulled again before a re-arm: it says it found the switch engaged, and by what, not "engaged" as if armed.
    const again = await keel(['kill', '--data-dir', bridge.dataDir, '--reason', 'once more']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Kill switch was already engaged \(since \d{4}-\d\d-\d\dT[\d:.]+Z, by user via cli: after the second\); pulled again: no orders cancelled in [\d.]+ ms\./);
    expect((await client.commands['risk.rearm']({})).status).toBe('ok');
  });

  it('says so when no Keel runs on the data directory', async () => {
    const r = await keel(['kill', '--flatten', '--data-dir', join(bridge.dir, 'nothing-here')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/keel kill: no running Keel uses .*nothing-here/);
  });
});
