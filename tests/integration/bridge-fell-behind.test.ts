// A page that stops reading the bridge's events (a frozen tab) is closed with a reason once its backlog
// passes the limit, after the events already queued, instead of silently missing the ones after: a page
// that missed a kill switch's state or a fill would go on showing what is no longer so. A page that keeps
// up gets every event meanwhile. The real bridge server and real WebSockets on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_PATH, FELL_BEHIND_CLOSE, TOKEN_PARAM } from '../../shared/bridge/protocol.ts';
import { EventBus } from '../../electron/app/event-bus.ts';
import { memoryLogger } from '../../electron/app/logger.ts';
import { startBridgeServer, type BridgeServer } from '../../electron/server/bridge-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function open(server: BridgeServer): Promise<WebSocket> {
  const origin = `http://127.0.0.1:${server.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${BRIDGE_PATH}?${TOKEN_PARAM}=${server.token}`, { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A ticker event with a padded symbol, ~`bytes` long on the wire. */
function ticker(i: number, bytes: number) {
  return { symbol: `BTC/USDT${' '.repeat(bytes)}`, last: 100 + i, bid: 99 + i, ask: 101 + i, change24hPct: 0, ts: i };
}

describe('the bridge and a page that stops reading', () => {
  it('closes it with the reason after its backlog passes the limit, and a page that keeps up gets every event', async () => {
    const bus = new EventBus();
    const log = memoryLogger();
    const staticDir = mkdtempSync(join(tmpdir(), 'keel-bridge-lag-'));
    cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
    const server = await startBridgeServer({ keel: { bus, dispatch: () => Promise.resolve({ ok: true, result: {} }) } as never, log, staticDir, port: 0, maxBufferedBytes: 256 * 1024 });
    cleanups.push(() => server.close());

    const frozen = await open(server);
    const live = await open(server);
    cleanups.push(() => {
      frozen.terminate();
      live.terminate();
    });
    let liveSeen = 0;
    live.on('message', () => liveSeen++);
    const frozenSeen: number[] = [];
    frozen.on('message', (d) => frozenSeen.push((JSON.parse(d.toString()) as { payload: { ts: number } }).payload.ts));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => frozen.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    // The frozen page's socket stops reading: the kernel's buffers fill, then the server's queue grows.
    (frozen as unknown as { _socket: { pause(): void } })._socket.pause();

    // ~40 MB of events, in slices so the live page's socket drains between them.
    const events = 4000;
    for (let i = 0; i < events; i++) {
      bus.emit('market.ticker', ticker(i, 10_000) as never);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 5));
    }
    await expect.poll(() => liveSeen, { timeout: 20_000 }).toBe(events);
    expect(log.lines.join('\n')).toMatch(/bytes of events unread; closing it \(this page fell behind Keel's events; reload it to catch up\)/);

    (frozen as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toEqual({ code: FELL_BEHIND_CLOSE.code, reason: FELL_BEHIND_CLOSE.reason });
    // What it did receive is a run from the start with no gap: the events queued before the close, in order.
    expect(frozenSeen.length).toBeGreaterThan(0);
    expect(frozenSeen.length).toBeLessThan(events);
    expect(frozenSeen).toEqual(Array.from({ length: frozenSeen.length }, (_, i) => i));
  });
});
