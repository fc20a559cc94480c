// electron/main/index.ts run for real against a stand-in `electron` module (no Electron binary
// here): start-up order, the window, the IPC round trip into a real createKeel and journal,
// event forwarding, the guards on new web contents, a second launch, and the quit that closes
// the journal. What it cannot show is Chromium itself honouring these settings.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openJournal } from '../../../electron/journal/open-journal.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { journalPath } from '../../../electron/app/data-dir.ts';
import { COMMAND_NAMES } from '../../../shared/contract/index.ts';

type Fn = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, ((...args: unknown[]) => unknown)[]>();
    on(name: string, fn: (...args: unknown[]) => unknown) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: (...args: unknown[]) => unknown) {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
  }
  class FakeWebContents extends Emitter {
    id = 1;
    url = '';
    sent: [string, unknown][] = [];
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
      this.openHandler = fn;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    getURL() {
      return this.url;
    }
    isDestroyed() {
      return false;
    }
  }
  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    options: Record<string, unknown>;
    webContents = new FakeWebContents();
    focused = 0;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      windows.push(this);
    }
    async loadURL(url: string) {
      this.webContents.url = url;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {
      this.focused++;
    }
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    sandboxed: false,
    quits: 0,
    exits: [] as number[],
    enableSandbox() {
      app.sandboxed = true;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getVersion: () => '0.0.0-test',
    quit() {
      app.quits++;
      const event = { prevented: false, preventDefault() { event.prevented = true; } };
      app.emit('before-quit', event);
    },
    exit(code: number) {
      app.exits.push(code);
    },
  });
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  // The kill switch's tray and global shortcut.
  class FakeTray {
    tooltip = '';
    menu: { label?: string; click?: () => void }[] = [];
    destroyed = false;
    image: unknown;
    constructor(image: unknown) {
      this.image = image;
      trays.push(this);
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setContextMenu(m: { label?: string; click?: () => void }[]) {
      this.menu = m;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const trays: FakeTray[] = [];
  const shortcuts = new Map<string, () => void>();
  return {
    FakeTray,
    trays,
    shortcuts,
    app,
    windows,
    FakeBrowserWindow,
    FakeWebContents,
    ipcHandlers,
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, unknown>(),
    permissionHandlers: {} as Record<string, unknown>,
    opened: [] as string[],
    errorBoxes: [] as string[],
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeBrowserWindow,
  dialog: { showErrorBox: (title: string, text: string) => fake.errorBoxes.push(`${title}: ${text}`) },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => fake.ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
    handle: (scheme: string, handler: unknown) => fake.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: unknown) => (fake.permissionHandlers.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (fake.permissionHandlers.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (fake.permissionHandlers.device = fn),
    },
  },
  shell: { openExternal: async (url: string) => void fake.opened.push(url) },
  Tray: fake.FakeTray,
  Notification: class {
    static isSupported = () => false;
    show() {}
  },
  Menu: { buildFromTemplate: (t: unknown) => t },
  nativeImage: { createFromDataURL: (url: string) => ({ url }) },
  globalShortcut: {
    register: (accelerator: string, fn: () => void) => (fake.shortcuts.set(accelerator, fn), true),
    unregister: (accelerator: string) => fake.shortcuts.delete(accelerator),
  },
}));

const series = { exchange: 'test', symbol: 'BTC/USDT', timeframe: '1m' as const };
let dataDir: string;
let signalListeners: { SIGINT: unknown[]; SIGTERM: unknown[] };
const savedEnv = { KEEL_DATA_DIR: process.env.KEEL_DATA_DIR, ELECTRON_RENDERER_URL: process.env.ELECTRON_RENDERER_URL };

const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://keel/index.html', parent: null } };
const call = (name: string, request: unknown, event: unknown = trusted) => {
  const handler = fake.ipcHandlers.get(`keel:cmd:${name}`);
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, request) as Promise<{ ok: boolean; result?: Record<string, unknown>; error?: { code: string } }>;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'keel-main-'));
  const journal = openJournal(journalPath(dataDir));
  new CandleStore(journal.db).upsert(
    series,
    Array.from({ length: 20 }, (_, i) => ({ t: 1_700_000_000_000 + i * 60_000, o: 100 + i, h: 102 + i, l: 99 + i, c: 101 + i, v: 1 })),
  );
  journal.close();

  process.env.KEEL_DATA_DIR = dataDir;
  delete process.env.ELECTRON_RENDERER_URL;
  // The desktop log also goes to stderr; keep the test output quiet (the file still gets it).
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  await import('../../../electron/main/index.ts');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

afterAll(() => {
  vi.restoreAllMocks();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(signal)) if (!signalListeners[signal].includes(l)) process.removeListener(signal, l);
  }
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('main process start-up', () => {
  it('registers app:// as privileged, sandboxes everything and takes the single-instance lock', () => {
    expect(fake.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(fake.app.sandboxed).toBe(true);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect(fake.errorBoxes).toEqual([]);
  });

  it('denies every permission on the default session', () => {
    const granted: boolean[] = [];
    (fake.permissionHandlers.request as Fn as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', (ok) => granted.push(ok));
    expect(granted).toEqual([false]);
    expect((fake.permissionHandlers.check as (w: unknown, p: string) => boolean)(null, 'notifications')).toBe(false);
    expect((fake.permissionHandlers.device as () => boolean)()).toBe(false);
  });

  it('opens one sandboxed window on app://keel titled with the trading mode', () => {
    const win = fake.windows[0]!;
    expect(win.options.title).toBe('Keel — PAPER');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.webContents.url).toBe('app://keel/index.html');
    // The page's own <title> may not replace it.
    const event = { prevented: false, preventDefault() { event.prevented = true; } };
    win.emit('page-title-updated', event);
    expect(event.prevented).toBe(true);
  });
});

describe('IPC into the real engine', () => {
  it('serves one channel per command, backed by the journal in the data directory', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(COMMAND_NAMES.map((n) => `keel:cmd:${n}`).sort());
    const info = await call('app.info', {});
    expect(info).toMatchObject({ ok: true, result: { name: 'Keel', shell: 'electron', tradingMode: 'paper', dataDir } });
    const list = await call('market.series', {});
    expect(list.result?.series).toMatchObject([{ exchange: 'test', symbol: 'BTC/USDT', timeframe: '1m', count: 20 }]);
  });

  it('refuses a frame from elsewhere', async () => {
    const outcome = await call('app.info', {}, { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('forwards engine events to the window', async () => {
    const win = fake.windows[0]!;
    const started = await call('replay.start', { series, speed: 1000, history: 5 });
    expect(started).toMatchObject({ ok: true, result: { status: 'playing' } });
    await vi.waitFor(() => expect(win.webContents.sent.some(([channel]) => channel === 'keel:evt:market.candle')).toBe(true));
    expect(win.webContents.sent.some(([channel]) => channel === 'keel:evt:replay.state')).toBe(true);
    await call('replay.stop', {});
  });
});

describe('the kill switch outside the window', () => {
  it('has a tray menu and a global shortcut that reach the engine without the renderer', async () => {
    expect(fake.trays).toHaveLength(1);
    expect(fake.trays[0]!.tooltip).toBe('Keel: trading armed');
    // Below the replay's last price (about 106), within the fat-finger guard.
    for (const price of ['100', '99.5', '99']) {
      const placed = await call('trading.submit', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.1', price });
      expect((placed.result as { reason?: string }).reason ?? 'accepted').toBe('accepted');
    }
    // The window hangs: nothing is asked of it. The shortcut goes straight to the engine.
    fake.shortcuts.get('CommandOrControl+Alt+Shift+K')!();
    await vi.waitFor(async () => expect((await call('trading.orders', { status: 'open' })).result?.orders).toEqual([]));
    const state = await call('risk.state', {});
    expect(state.result).toMatchObject({ status: 'halted', kill: { engaged: true, via: 'shortcut' } });
    await vi.waitFor(() => expect(fake.trays[0]!.tooltip).toBe('Keel: kill switch engaged'));
    // The tray's "cancel all and flatten" item works the same way.
    fake.trays[0]!.menu.find((i) => i.label === 'Kill switch: cancel all and flatten positions')!.click!();
    await vi.waitFor(async () => expect((await call('risk.events', {})).result?.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'kill', message: expect.stringMatching(/via tray/) })])));
    expect((await call('risk.rearm', {})).result).toMatchObject({ status: 'ok' });
  });
});

describe('guards on every web page', () => {
  it('blocks navigation away, webviews and popups; sends https links to the browser', () => {
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const nav = (name: string, url: string) => {
      const event = { url, prevented: false, preventDefault() { event.prevented = true; } };
      contents.emit(name, event);
      return event.prevented;
    };
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'app://keel/index.html')).toBe(false);
    expect(nav('will-frame-navigate', 'app://keel.evil/')).toBe(true);
    expect(nav('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(nav('will-attach-webview', 'app://keel/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://www.binance.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://www.binance.com/']);
  });
});

describe('lifecycle', () => {
  it('focuses the existing window on a second launch', () => {
    fake.app.emit('second-instance', {}, [], '/');
    expect(fake.windows[0]!.focused).toBe(1);
  });

  it('holds the quit until the journal is closed, then quits', async () => {
    const wal = `${journalPath(dataDir)}-wal`;
    const event = { prevented: false, preventDefault() { event.prevented = true; } };
    fake.app.emit('before-quit', event);
    expect(event.prevented).toBe(true);
    await vi.waitFor(() => expect(fake.app.quits).toBe(1));
    expect(fake.app.exits).toEqual([]);
    fake.app.emit('will-quit');
    expect(fake.shortcuts.size).toBe(0);
    expect(fake.trays[0]!.destroyed).toBe(true);
    // Closed cleanly: the WAL was checkpointed back into the file and removed.
    expect(existsSync(wal)).toBe(false);
    expect(readFileSync(path.join(dataDir, 'logs', 'desktop.log'), 'utf8')).toMatch(/refused app\.info from top frame "https:\/\/evil\.example\/"[\s\S]*journal closed/);
  });
});
