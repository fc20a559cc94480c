// The IPC wire, both ends, without Electron: main's handlers registered on a fake ipcMain and the
// preload's Api built over fake invoke/on, then joined so a call travels the whole way.
import { describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, type ReplayState } from '../../../shared/contract/index.ts';
import { createDispatcher } from '../../../electron/app/dispatch.ts';
import { EventBus } from '../../../electron/app/event-bus.ts';
import type { Handlers } from '../../../electron/app/handlers.ts';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { forwardEvents, registerCommandHandlers, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc.ts';
import { PACKAGED_APP_ORIGIN } from '../../../electron/main/policy.ts';
import { buildPreloadApi, type Invoke, type Subscribe } from '../../../electron/preload/build-api.ts';
import { commandChannel, eventChannel } from '../../../electron/preload/channels.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers };
}

const topFrame = (url: string, id = 1): InvokeEventLike => ({ sender: { id }, senderFrame: { url, parent: null } });
const trusted = topFrame('app://keel/index.html');

const idle: ReplayState = { status: 'idle', series: null, speed: 60, index: 0, total: 0, clock: null, lastPrice: null };

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => ({ name: 'Keel', version: '0.0.0-test', tradingMode: 'paper', shell: 'electron', dataDir: '/tmp/keel', startedAt: 1 }),
    'market.series': () => ({ series: [] }),
    'market.candles': () => ({ candles: [] }),
    'replay.start': () => idle,
    'replay.pause': () => idle,
    'replay.resume': () => idle,
    'replay.stop': () => idle,
    'replay.setSpeed': ({ speed }) => ({ ...idle, speed }),
    'replay.state': () => idle,
    ...overrides,
    // Domains these tests do not call (trading, ...) stay unimplemented.
  } as Handlers;
}

function mainSide(overrides: Partial<Handlers> = {}) {
  const log = memoryLogger();
  const { ipcMain, handlers } = fakeIpcMain();
  const dispatch = createDispatcher(fakeHandlers(overrides), log);
  const unregister = registerCommandHandlers({ ipcMain, dispatch, appOrigin: PACKAGED_APP_ORIGIN, log });
  const call = (name: string, event: InvokeEventLike, request: unknown) => {
    const handler = handlers.get(`keel:cmd:${name}`);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(event, request);
  };
  return { log, handlers, call, unregister };
}

describe('main: command handlers', () => {
  it('registers exactly one channel per command and nothing else', () => {
    const { handlers, unregister } = mainSide();
    expect([...handlers.keys()].sort()).toEqual(COMMAND_NAMES.map((n) => `keel:cmd:${n}`).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('dispatches a trusted call, naming the window as the peer', async () => {
    const seen = vi.fn();
    const { call } = mainSide({ 'replay.state': (_p, ctx) => (seen(ctx), idle) });
    await expect(call('replay.state', topFrame('app://keel/index.html', 7), {})).resolves.toEqual({ ok: true, result: idle });
    expect(seen).toHaveBeenCalledWith({ shell: 'electron', peer: 'window:7' });
  });

  it('refuses untrusted senders with unauthorized, logs them, and never reaches the handler', async () => {
    const handler = vi.fn(() => idle);
    const { call, log } = mainSide({ 'replay.stop': handler });
    const untrusted: InvokeEventLike[] = [
      topFrame('https://evil.example/'),
      topFrame('app://keel.evil/index.html'),
      topFrame('http://127.0.0.1:5173.evil.com/'),
      topFrame('file:///tmp/index.html'),
      { sender: { id: 1 }, senderFrame: { url: 'app://keel/index.html', parent: {} } },
      { sender: { id: 1 }, senderFrame: null },
    ];
    for (const event of untrusted) {
      const outcome = (await call('replay.stop', event, {})) as { ok: boolean; error?: { code: string } };
      expect(outcome.ok).toBe(false);
      expect(outcome.error?.code).toBe('unauthorized');
    }
    expect(handler).not.toHaveBeenCalled();
    expect(log.lines.filter((l) => l.includes('refused replay.stop'))).toHaveLength(untrusted.length);
  });

  it('answers invalid params with invalid_request and issues, as a value', async () => {
    const { call } = mainSide();
    const outcome = (await call('replay.setSpeed', trusted, { speed: 0 })) as { ok: false; error: { code: string; issues: { path: string }[] } };
    expect(outcome.ok).toBe(false);
    expect(outcome.error.code).toBe('invalid_request');
    expect(outcome.error.issues[0]?.path).toBe('speed');
    for (const bad of ['x', 42, [1], { extra: true }]) {
      await expect(call('replay.state', trusted, bad)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
  });

  it('never throws: a failing handler and even a throwing dispatcher become internal outcomes', async () => {
    const { call } = mainSide({ 'replay.pause': () => { throw new Error('boom'); } });
    await expect(call('replay.pause', trusted, {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });

    const { ipcMain, handlers } = fakeIpcMain();
    const log = memoryLogger();
    registerCommandHandlers({ ipcMain, dispatch: () => Promise.reject(new Error('dispatcher bug')), appOrigin: PACKAGED_APP_ORIGIN, log });
    const handler = handlers.get('keel:cmd:app.info');
    await expect(handler?.(trusted, {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('dispatcher bug') } });
  });

  it('accepts the dev server origin when that is the app origin', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerCommandHandlers({ ipcMain, dispatch: createDispatcher(fakeHandlers(), memoryLogger()), appOrigin: 'http://localhost:5173', log: memoryLogger() });
    const handler = handlers.get('keel:cmd:replay.state');
    await expect(handler?.(topFrame('http://localhost:5173/'), {})).resolves.toMatchObject({ ok: true });
    await expect(handler?.(trusted, {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describe('main: event forwarding', () => {
  it('sends every bus event on its keel:evt channel until unsubscribed', () => {
    const bus = new EventBus();
    const sent: [string, unknown][] = [];
    const stop = forwardEvents(bus, (channel, payload) => sent.push([channel, payload]));
    bus.emit('replay.state', idle);
    expect(sent).toEqual([['keel:evt:replay.state', idle]]);
    stop();
    bus.emit('replay.state', idle);
    expect(sent).toHaveLength(1);
  });
});

function fakeRenderer(invoke: Invoke = () => Promise.resolve({ ok: true, result: null })) {
  const channels = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe: Subscribe = (channel, handler) => {
    let set = channels.get(channel);
    if (!set) channels.set(channel, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  };
  const emit = (channel: string, payload: unknown) => channels.get(channel)?.forEach((h) => h(payload));
  const errors: unknown[] = [];
  const api = buildPreloadApi(invoke, subscribe, { onListenerError: (_e, err) => errors.push(err) });
  return { api, channels, emit, errors };
}

describe('preload: the exposed Api', () => {
  it('is exactly the contract: commands and events, one function per name, frozen', () => {
    const { api } = fakeRenderer();
    expect(Object.keys(api).sort()).toEqual(['commands', 'events']);
    expect(Object.keys(api.commands).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(Object.keys(api.events).sort()).toEqual([...EVENT_NAMES].sort());
    for (const fn of [...Object.values(api.commands), ...Object.values(api.events)]) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(api) && Object.isFrozen(api.commands) && Object.isFrozen(api.events)).toBe(true);
    // Nothing generic to reach ipcRenderer with.
    for (const key of ['invoke', 'send', 'on', 'ipcRenderer', 'call']) expect(key in api).toBe(false);
  });

  it('invokes the command channel and returns the result', async () => {
    const invoke = vi.fn<Invoke>(() => Promise.resolve({ ok: true, result: idle }));
    const { api } = fakeRenderer(invoke);
    await expect(api.commands['replay.setSpeed']({ speed: 10 })).resolves.toEqual(idle);
    expect(invoke).toHaveBeenCalledWith(commandChannel('replay.setSpeed'), { speed: 10 });
  });

  it('rejects a failed outcome with a KeelError-shaped object that survives contextBridge', async () => {
    const issues = [{ path: 'speed', message: 'too small' }];
    const { api } = fakeRenderer(() => Promise.resolve({ ok: false, error: { code: 'invalid_request', message: 'bad speed', issues } }));
    const err: unknown = await api.commands['replay.setSpeed']({ speed: 0 }).catch((e: unknown) => e);
    expect(err).toEqual({ name: 'KeelError', code: 'invalid_request', message: 'bad speed', issues });
    // Plain data only: contextBridge copies it field by field (an Error would keep only its message).
    expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
  });

  it('turns IPC failures and malformed replies into internal errors', async () => {
    const failing = fakeRenderer(() => Promise.reject(new Error("No handler registered for 'keel:cmd:app.info'")));
    await expect(failing.api.commands['app.info']({})).rejects.toMatchObject({ name: 'KeelError', code: 'internal', message: expect.stringContaining('No handler') });
    for (const reply of [undefined, null, 'ok', { ok: true }, { ok: false }, { ok: false, error: { code: 'nope', message: 'x' } }, { ok: false, error: { code: 'internal' } }]) {
      const { api } = fakeRenderer(() => Promise.resolve(reply));
      await expect(api.commands['replay.state']({}), JSON.stringify(reply)).rejects.toMatchObject({ name: 'KeelError', code: 'internal' });
    }
  });

  it('fans events out over one IPC listener per channel, each unsubscribe removing only its own', () => {
    const { api, channels, emit, errors } = fakeRenderer();
    const a = vi.fn();
    const b = vi.fn(() => {
      throw new Error('listener bug');
    });
    const c = vi.fn();
    const offA = api.events['replay.state'](a);
    const offB = api.events['replay.state'](b);
    const offC = api.events['replay.state'](c);
    expect(channels.get(eventChannel('replay.state'))?.size).toBe(1);

    emit('keel:evt:replay.state', idle);
    expect(a).toHaveBeenCalledWith(idle);
    expect(c).toHaveBeenCalledWith(idle);
    expect(errors).toHaveLength(1);

    offA();
    offA();
    emit('keel:evt:replay.state', idle);
    expect(a).toHaveBeenCalledTimes(1);
    expect(c).toHaveBeenCalledTimes(2);

    offB();
    offC();
    expect(channels.get(eventChannel('replay.state'))?.size).toBe(0);
    expect(() => api.events['market.candle']('nope' as never)).toThrow(TypeError);
  });
});

describe('preload and main joined', () => {
  it('carries a call from the page to the dispatcher and the error back', async () => {
    const { call } = mainSide();
    const { api } = fakeRenderer((channel, request) => call(channel.slice('keel:cmd:'.length), trusted, request));
    await expect(api.commands['app.info']({})).resolves.toMatchObject({ name: 'Keel', tradingMode: 'paper' });
    await expect(api.commands['replay.setSpeed']({ speed: 5000 })).rejects.toMatchObject({ name: 'KeelError', code: 'invalid_request', issues: [{ path: 'speed' }] });
  });
});
