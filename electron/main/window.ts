// The window and the guards on every web page the app creates. Thin: each decision comes from
// policy.ts; this file only attaches it to Electron's events.
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../app/logger.ts';
import { permissionDecision, shouldAllowNavigation, windowOpenDecision, windowWebPreferences, isAppUrl, type RendererLocation } from './policy.ts';

const shown = (url: string) => JSON.stringify(url.slice(0, 200));

/**
 * Navigation, redirects, popups and <webview> for one WebContents. index.ts applies it to every
 * WebContents as it is created (app 'web-contents-created'), so no page escapes it.
 */
export function guardWebContents(contents: WebContents, appOrigin: string, log: Logger): void {
  const refuse = (what: string, url: string, prevent: () => void) => {
    if (shouldAllowNavigation(url, appOrigin)) return;
    prevent();
    log.warn('window', `blocked ${what} to ${shown(url)}`);
  };
  contents.on('will-navigate', (event) => refuse('navigation', event.url, () => event.preventDefault()));
  contents.on('will-frame-navigate', (event) => refuse('frame navigation', event.url, () => event.preventDefault()));
  contents.on('will-redirect', (event) => refuse('redirect', event.url, () => event.preventDefault()));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('window', 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally !== null) {
      log.info('window', `opening ${shown(decision.openExternally)} in the system browser`);
      shell.openExternal(decision.openExternally).catch((err: unknown) => log.warn('window', `could not open ${shown(url)}: ${String(err)}`));
    } else {
      log.warn('window', `blocked a new window for ${shown(url)}`);
    }
    return { action: decision.action };
  });
}

/** No permission is ever granted, asked for or merely checked. */
export function denyAllPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('window', `denied permission request: ${permission}`);
    callback(permissionDecision(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  // Device pickers (HID, serial, USB, Bluetooth) are permissions too, but say so explicitly.
  session.setDevicePermissionHandler(() => false);
}

export interface MainWindowOptions {
  location: RendererLocation;
  preload: string;
  title: string;
  devTools: boolean;
  log: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { location, preload, title, devTools, log } = options;
  const win = new BrowserWindow({
    title,
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: '#0b0f14',
    show: false,
    webPreferences: windowWebPreferences({ preload, devTools }),
  });
  // The page's <title> must not replace the trading mode in the title bar.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-fail-load', (_event, code, description, url) => log.error('window', `failed to load ${shown(url)}: ${description} (${code})`));
  win.webContents.on('render-process-gone', (_event, details) => log.error('window', `renderer gone: ${details.reason} (exit ${details.exitCode})`));
  win.loadURL(location.url).catch((err: unknown) => log.error('window', `could not load ${shown(location.url)}`, err));
  return win;
}

/** Sends to the window only while it still shows the app (never to a page that got elsewhere). */
export function sendToWindow(win: BrowserWindow | null, appOrigin: string, channel: string, payload: unknown): void {
  if (!win || win.isDestroyed()) return;
  const contents = win.webContents;
  if (contents.isDestroyed() || !isAppUrl(contents.getURL(), appOrigin)) return;
  contents.send(channel, payload);
}

/** Brings the existing window forward (a second launch of the app lands here). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
