import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/app/dispatch.ts';
import type { Handlers } from '../../../electron/app/handlers.ts';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { KeelError } from '../../../shared/contract/index.ts';

const ctx = { shell: 'browser' as const, peer: 'test' };
const idle = { status: 'idle' as const, series: null, speed: 60, index: 0, total: 0, clock: null, lastPrice: null };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => ({ name: 'Keel', version: '0.0.0', tradingMode: 'paper', shell: 'browser', dataDir: '/tmp/x', startedAt: 1 }),
    'market.series': () => ({ series: [] }),
    'market.candles': () => ({ candles: [] }),
    'replay.start': () => idle,
    'replay.pause': () => idle,
    'replay.resume': () => idle,
    'replay.stop': () => idle,
    'replay.setSpeed': () => idle,
    'replay.state': () => idle,
    ...overrides,
    // Domains these tests do not call (trading, ...) stay unimplemented.
  } as Handlers;
}

describe('dispatcher', () => {
  it('answers a valid call with the handler result', async () => {
    const d = createDispatcher(handlers(), memoryLogger());
    const out = await d('app.info', {}, ctx);
    expect(out).toMatchObject({ ok: true, result: { name: 'Keel', tradingMode: 'paper' } });
  });

  it('refuses a command that is not in the contract, and logs it', async () => {
    const log = memoryLogger();
    const out = await createDispatcher(handlers(), log)('fs.readFile', {}, ctx);
    expect(out).toEqual({ ok: false, error: { code: 'unknown_command', message: 'unknown command "fs.readFile"' } });
    expect(log.lines.join('\n')).toContain('refused unknown command');
  });

  it('refuses prototype keys as command names', async () => {
    const out = await createDispatcher(handlers(), memoryLogger())('__proto__', {}, ctx);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('unknown_command');
  });

  it('refuses a request that breaks the schema, saying where', async () => {
    let called = false;
    const d = createDispatcher(handlers({ 'replay.setSpeed': () => ((called = true), idle) }), memoryLogger());
    const out = await d('replay.setSpeed', { speed: 5000 }, ctx);
    expect(called).toBe(false);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.code).toBe('invalid_request');
      expect(out.error.issues?.[0]?.path).toBe('speed');
      expect(out.error.message).toMatch(/speed/);
    }
  });

  it('refuses unknown fields rather than ignoring them', async () => {
    const out = await createDispatcher(handlers(), memoryLogger())('app.info', { evil: true }, ctx);
    expect(out.ok).toBe(false);
  });

  it('fills schema defaults before the handler sees the request', async () => {
    let seen: unknown;
    const d = createDispatcher(handlers({ 'market.candles': (p) => ((seen = p), { candles: [] }) }), memoryLogger());
    await d('market.candles', { series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } }, ctx);
    expect(seen).toMatchObject({ limit: 5000 });
  });

  it('returns a KeelError thrown by a handler as its typed error', async () => {
    const d = createDispatcher(handlers({ 'replay.pause': () => { throw new KeelError('conflict', 'replay is idle'); } }), memoryLogger());
    expect(await d('replay.pause', {}, ctx)).toEqual({ ok: false, error: { code: 'conflict', message: 'replay is idle' } });
  });

  it('turns any other exception into an internal error without throwing', async () => {
    const log = memoryLogger();
    const d = createDispatcher(handlers({ 'replay.state': () => { throw new TypeError('boom'); } }), log);
    const out = await d('replay.state', {}, ctx);
    expect(out).toEqual({ ok: false, error: { code: 'internal', message: 'replay.state failed: boom' } });
    expect(log.lines.some((l) => l.includes('ERROR') && l.includes('boom'))).toBe(true);
  });
});
