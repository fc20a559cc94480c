// The Electron main process: one window showing the renderer, Keel's engine (createKeel) in this
// process, and the contract's commands and events between them over IPC. Everything that decides
// something lives in policy.ts and friends; this file wires it to Electron, in start-up order.
import path from 'node:path';
import { app, dialog, globalShortcut, ipcMain, Menu, nativeImage, Notification, protocol, session, Tray, type BrowserWindow } from 'electron';
import { createKeel, type Keel } from '../app/keel.ts';
import { utilityHost } from './code-host-utility.ts';
import { defaultDataDir } from '../app/data-dir.ts';
import { createAppProtocolHandler } from './app-protocol.ts';
import { desktopDataDir } from './desktop-data-dir.ts';
import { createFileLogger, desktopLogPath } from './file-log.ts';
import { forwardEvents, registerCommandHandlers } from './ipc.ts';
import { installJournalAlerts } from './journal-alerts.ts';
import { installRiskAlerts } from './risk-alerts.ts';
import { installKillSwitchShell, TRAY_ICON_DATA_URL, type MenuItemLike } from './kill-switch-shell.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererLocation, windowTitle, type TradingMode } from './policy.ts';
import { createQuitGuard } from './shutdown.ts';
import { createMainWindow, denyAllPermissions, focusWindow, guardWebContents, sendToWindow } from './window.ts';

// Must happen before `ready`: app:// gets a real origin, a secure context and no CORS exemption.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
// Every renderer sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox();

/** Set once the engine is up, so a failure later in start-up still closes the journal. */
let keel: Keel | undefined;

// One Keel per user: a second launch focuses the first window instead of opening the journal twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`keel: could not start: ${err instanceof Error ? (err.stack ?? message) : message}\n`);
    dialog.showErrorBox('Keel could not start', message);
    (keel?.close() ?? Promise.resolve()).catch(() => {}).finally(() => app.exit(1));
  });
}

async function start(): Promise<void> {
  const dataDir = desktopDataDir({ argv: process.argv, env: process.env, cwd: process.cwd(), fallback: defaultDataDir });
  const log = createFileLogger(desktopLogPath(dataDir));
  const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
  if (location.refused !== undefined) log.warn('app', `ignored ELECTRON_RENDERER_URL=${JSON.stringify(location.refused)}; loading ${location.url}`);
  log.info('app', `Keel ${app.getVersion()} on Electron ${process.versions.electron}; data in ${dataDir}; page from ${location.url}`);

  let win: BrowserWindow | null = null;
  app.on('second-instance', () => focusWindow(win));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, location.origin, log));

  await app.whenReady();
  denyAllPermissions(session.defaultSession, log);
  // Built renderer: out/renderer beside out/main (inside app.asar when packaged).
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: path.join(import.meta.dirname, '../renderer') }));

  // createKeel opens the journal; if that fails (locked, newer schema) the catch above says why.
  const engine = createKeel({ dataDir, shell: 'electron', log, startChild: utilityHost });
  keel = engine;
  app.on('before-quit', createQuitGuard({ close: () => engine.close().finally(() => log.close()), quit: () => app.quit(), exit: (code) => app.exit(code), log }));
  // Ctrl+C under `npm start`, or a session logout: quit through the guard so the journal closes cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  // One window, the engine in this process: with the window gone there is nothing to show the
  // replay or the positions, so quit on every platform (macOS included) instead of idling unseen.
  app.on('window-all-closed', () => app.quit());

  registerCommandHandlers({ ipcMain, dispatch: engine.dispatch, appOrigin: location.origin, log });
  forwardEvents(engine.bus, (channel, payload) => sendToWindow(win, location.origin, channel, payload));

  win = createMainWindow({
    location,
    preload: path.join(import.meta.dirname, '../preload/index.cjs'),
    title: windowTitle(await tradingMode(engine)),
    devTools: !app.isPackaged,
    log,
  });
  win.on('closed', () => {
    win = null;
  });

  // The kill switch in the tray and on a global shortcut: served here, in the main process, so it works
  // while the window hangs.
  const uninstallKillSwitch = installKillSwitchShell({
    createTray: () => new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL)),
    buildMenu: (template: MenuItemLike[]) => Menu.buildFromTemplate(template),
    globalShortcut,
    kill: async (flatten, via) => {
      // The panic controls stop every account, as `keel kill` does: pressed without looking at which is active.
      const outcome = await engine.dispatch('risk.kill', { flatten, everyAccount: true }, { shell: 'electron', peer: via });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result as { cancelled: number; flattened: number; failures: string[] };
    },
    alert: desktopAlert,
    status: async () => {
      const outcome = await engine.dispatch('risk.state', {}, { shell: 'electron', peer: 'tray' });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const s = outcome.result as { status: 'ok' | 'halted' | 'error'; kill: { engaged: boolean } };
      return { status: s.status, engaged: s.kill.engaged };
    },
    onStatus: (listener) => engine.bus.on('risk.state', (s) => listener({ status: s.status, engaged: s.kill.engaged })),
    log,
  });
  // A journal that cannot save what an account does, told where the trader is looking (journal-alerts.ts).
  const uninstallJournalAlerts = installJournalAlerts({ onHealth: (listener) => engine.bus.on('trading.journalHealth', listener), alert: desktopAlert, log });
  // A kill switch a loss limit, a margin call or the circuit breaker pulled, told the same way (risk-alerts.ts).
  const uninstallRiskAlerts = installRiskAlerts({ onEvent: (listener) => engine.bus.on('risk.event', listener), alert: desktopAlert, log });
  app.on('will-quit', () => {
    uninstallKillSwitch();
    uninstallJournalAlerts();
    uninstallRiskAlerts();
  });
}

// Shown by the main process, so the renderer's denial of the notifications permission does not apply;
// where the desktop has no notification service the line in the log is all there is.
function desktopAlert(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body, urgency: 'critical' }).show();
}

/** The title bar shows the mode the engine reports, not one this file assumes. */
async function tradingMode(engine: Keel): Promise<TradingMode> {
  const info = await engine.dispatch('app.info', {}, { shell: 'electron', peer: 'main' });
  if (info.ok) {
    const mode = (info.result as { tradingMode?: unknown }).tradingMode;
    if (mode === 'live' || mode === 'paper') return mode;
  }
  return 'paper';
}
