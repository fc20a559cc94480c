// The browser bridge as a browser and an attacker see it: a real `keel serve` process on 127.0.0.1.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBridgeClient, type BridgeClient, type SocketLike } from '../../shared/bridge/client.ts';
import { KeelError, type EventPayload } from '../../shared/contract/index.ts';
import { openServeSession, type ServeSession } from '../helpers/bridge-session.ts';
import type { KeelServe } from '../helpers/keel-serve.ts';

let session: ServeSession;
let serve: KeelServe;

function connect(url = serve.wsUrl, origin = serve.origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function client(ws: WebSocket): BridgeClient {
  return createBridgeClient(ws as unknown as SocketLike);
}

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>)));
}

function httpGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: serve.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  // 300 generated one-minute candles, imported with the real CLI.
  const rows = ['timestamp,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < 300; i++) {
    const o = price;
    price = Math.round((price + Math.sin(i / 7) * 2) * 100) / 100;
    rows.push(`${Date.UTC(2024, 0, 1) + i * 60_000},${o},${Math.max(o, price) + 1},${Math.min(o, price) - 1},${price},${10 + (i % 5)}`);
  }
  session = await openServeSession({ name: 'bridge', candles: { csv: rows.join('\n'), symbol: 'BTC/USDT', timeframe: '1m' } });
  serve = session.serve;
});

afterAll(async () => {
  expect(await session?.close()).toBe(0);
});

describe('keel serve bridge', () => {
  it('binds 127.0.0.1 and prints a URL with a token', () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('answers calls from the holder of the token', async () => {
    const c = client(await connect());
    const info = await c.commands['app.info']({});
    expect(info).toMatchObject({ name: 'Keel', tradingMode: 'paper', shell: 'browser' });
    const { series } = await c.commands['market.series']({});
    expect(series).toEqual([{ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m', count: 300, firstTs: Date.UTC(2024, 0, 1), lastTs: Date.UTC(2024, 0, 1) + 299 * 60_000 }]);
    c.close();
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(connect(serve.wsUrl.replace(/token=.*/, ''))).rejects.toThrow('HTTP 401');
    await expect(connect(serve.wsUrl.replace(/token=.*/, 'token=' + 'x'.repeat(32)))).rejects.toThrow('HTTP 401');
    await expect(connect(serve.wsUrl, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(serve.wsUrl, `http://127.0.0.1:${serve.port + 1}`)).rejects.toThrow('HTTP 403');
    expect(serve.stderr()).toMatch(/refused WebSocket from origin "http:\/\/evil.example"/);
  });

  it('refuses pages without the token, and sets a cookie with it', async () => {
    const bare = await httpGet('/');
    expect(bare.status).toBe(401);
    expect(bare.body).toContain('access token');
    const ok = await httpGet(`/?token=${serve.token}`);
    expect(ok.status).toBe(200);
    expect(String(ok.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    expect(String(ok.headers['content-security-policy'])).not.toContain('unsafe-eval');
    const viaCookie = await httpGet('/', { cookie: `keel_token=${serve.token}` });
    expect(viaCookie.status).toBe(200);
    const rebound = await httpGet(`/?token=${serve.token}`, { host: `evil.example:${serve.port}` });
    expect(rebound.status).toBe(421);
    const escape = await httpGet(`/..%2f..%2fpackage.json?token=${serve.token}`);
    expect(escape.status).toBe(404);
  });

  it('survives a burst of garbage frames, answering each with a typed error, then serves a valid call', async () => {
    const ws = await connect();
    const garbage: (string | Buffer)[] = [
      'not json',
      '{"id":',
      'null',
      '[]',
      '42',
      JSON.stringify({ id: 1 }),
      JSON.stringify({ id: 'x', call: 'app.info' }),
      JSON.stringify({ id: 2, call: 'no.such.command' }),
      JSON.stringify({ id: 3, call: 'replay.setSpeed', params: { speed: 'fast' } }),
      JSON.stringify({ id: 4, call: 'market.candles', params: { series: { exchange: 'local', symbol: 'DROP TABLE', timeframe: '7m' } } }),
      JSON.stringify({ id: 5, call: '__proto__' }),
      JSON.stringify({ id: 6, call: 'constructor' }),
      Buffer.from([0xff, 0x00, 0x13]),
      'x'.repeat(300 * 1024),
    ];
    const replies: Record<string, unknown>[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        replies.push(JSON.parse(d.toString()) as Record<string, unknown>);
        if (replies.length === garbage.length * 20) resolve();
      }),
    );
    for (let round = 0; round < 20; round++) for (const g of garbage) ws.send(g, { binary: Buffer.isBuffer(g) });
    await done;
    const codes = new Set(replies.map((r) => (r.outcome as { error: { code: string } }).error.code));
    expect([...codes].sort()).toEqual(['invalid_request', 'malformed_message', 'message_too_large', 'unknown_command']);
    expect(replies.every((r) => (r.outcome as { ok: boolean }).ok === false)).toBe(true);
    const unknown = replies.find((r) => r.id === 2)!;
    expect((unknown.outcome as { error: { message: string } }).error.message).toContain('no.such.command');

    ws.send(JSON.stringify({ id: 99, call: 'app.info', params: {} }));
    const reply = await nextFrame(ws);
    expect(reply).toMatchObject({ id: 99, outcome: { ok: true, result: { name: 'Keel' } } });
    expect(serve.stderr()).toMatch(/refused frame/);
    ws.close();
    // The process is still up for everyone else.
    const c = client(await connect());
    expect((await c.commands['app.info']({})).name).toBe('Keel');
    c.close();
  });

  it('closes a connection that sends a frame far past the limit, and stays up', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send('y'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const c = client(await connect());
    expect((await c.commands['app.info']({})).name).toBe('Keel');
    c.close();
  });

  it('streams a replay as market.candle events to a connected client', async () => {
    const c = client(await connect());
    const got: EventPayload<'market.candle'>[] = [];
    const five = new Promise<void>((resolve) =>
      c.events['market.candle']((p) => {
        got.push(p);
        if (got.length === 8) resolve();
      }),
    );
    const state = await c.commands['replay.start']({ series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, speed: 1000, history: 100 });
    expect(state).toMatchObject({ status: 'playing', index: 100, total: 300 });
    await five;
    expect(got[0]!.candle.t).toBe(Date.UTC(2024, 0, 1) + 100 * 60_000);
    expect(got.slice(0, 4).map((g) => g.closed)).toEqual([false, false, false, true]);
    await c.commands['replay.stop']({});
    await expect(c.commands['replay.pause']({})).rejects.toMatchObject({ code: 'conflict' });
    await expect(c.commands['replay.start']({ series: { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' } })).rejects.toBeInstanceOf(KeelError);
    c.close();
  });
});
