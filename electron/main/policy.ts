// The desktop shell's security decisions, as pure functions and data. Nothing here imports electron:
// the adapters in this folder (index.ts, window.ts, ipc.ts) ask these functions what to do, and
// tests/unit/electron/policy.test.ts pins every answer, including the tricky inputs.
import { resolveUiPath } from '../app/ui-files.ts';

/** The renderer is served from this custom scheme so the page has a real, unique origin (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'keel';
export const PACKAGED_APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${PACKAGED_APP_ORIGIN}/index.html`;

/**
 * Privileges for app:// (passed to protocol.registerSchemesAsPrivileged before `ready`).
 * standard: real origin, relative URLs and web storage work like https. secure: a secure context.
 * supportFetchAPI: the page may fetch its own files. codeCache: V8 caches the bundle (needs standard).
 * Deliberately absent: corsEnabled (it would let other origins read app:// responses without any
 * Access-Control-Allow-Origin check), bypassCSP, allowServiceWorkers, stream, allowExtensions.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;


const ORIGIN_SCHEMES = new Set(['app:', 'http:', 'https:']);

/**
 * `scheme://host[:port]`, lowercased, for app:, http: and https: URLs; null for anything else, for
 * URLs that do not parse, that have no host, or that carry credentials (`app://keel@evil/`).
 * Computed by hand because WHATWG URL reports the origin of custom schemes as "null".
 */
export function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!ORIGIN_SCHEMES.has(parsed.protocol)) return null;
  if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True when `url` belongs to exactly the app's origin (a look-alike such as app://keel.evil is not). */
export function isAppUrl(url: unknown, appOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === originOf(appOrigin);
}

/**
 * The window may only ever show the app itself: a reload or an in-app link, never another site. And a
 * blob: URL the app made itself (blob:app://keel/<uuid>): Electron reports a click on <a download> as a
 * navigation (electron/electron#44375), and that is how the page saves a report; the download then asks
 * where to save it. Only the page's own origin can mint such a URL.
 */
export function shouldAllowNavigation(url: unknown, appOrigin: string): boolean {
  if (typeof url === 'string' && url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length), appOrigin);
  return isAppUrl(url, appOrigin);
}

export interface WindowOpenDecision {
  /** Electron never opens a second window or a popup for the page. */
  action: 'deny';
  /** An https link the OS browser may open instead (via shell.openExternal); null when dropped. */
  openExternally: string | null;
}

/**
 * Every window.open / target=_blank is denied. https links (an exchange's page, the docs) go to the
 * user's browser, where they belong. Everything else is dropped: plain http (no business sending a
 * trader to an unencrypted page), file:, javascript:, and custom schemes, which openExternal would hand
 * to whatever program registered them — a known route from a compromised page to code execution.
 */
export function windowOpenDecision(url: unknown): WindowOpenDecision {
  if (typeof url !== 'string') return { action: 'deny', openExternally: null };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'deny', openExternally: null };
  }
  const external = parsed.protocol === 'https:' && parsed.host !== '' && parsed.username === '' && parsed.password === '';
  return { action: 'deny', openExternally: external ? parsed.href : null };
}

/**
 * IPC sender check: only the top frame of a page on the app's origin may call commands. Subframes
 * (even same-origin ones), other origins, and frames that navigated away or were destroyed
 * (no URL) are refused.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appOrigin: string, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAppUrl(frameUrl, appOrigin);
}

/** Keel asks for no browser permission (camera, notifications, geolocation, clipboard-read, HID...). */
export function permissionDecision(_permission?: string): false {
  return false;
}

export interface WindowPreferenceOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preload: string;
  /** DevTools in development builds only. */
  devTools: boolean;
}

/** The BrowserWindow webPreferences: a sandboxed, isolated page with no Node and no web-security holes. */
export function windowWebPreferences(options: WindowPreferenceOptions) {
  return {
    preload: options.preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  } as const;
}

export type TradingMode = 'paper' | 'live';

/** The title bar always says which money is at stake. */
export function windowTitle(mode: TradingMode): string {
  return `Keel — ${mode.toUpperCase()}`;
}

export interface RendererLocation {
  /** What the window loads. */
  url: string;
  /** The only origin the window may show and IPC may come from. */
  origin: string;
  /** True when it is the electron-vite dev server. */
  dev: boolean;
  /** A dev-server URL that was refused (set in a packaged app, or not on this machine), for the log. */
  refused?: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the window's page comes from: app://keel/index.html, or in development the electron-vite dev
 * server named by ELECTRON_RENDERER_URL. A packaged app ignores that variable (anyone who can set an
 * environment variable must not be able to point the window, and its IPC, at another page), and the
 * dev server must be http(s) on a loopback address.
 */
export function rendererLocation(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererLocation {
  const packaged: RendererLocation = { url: APP_ENTRY_URL, origin: PACKAGED_APP_ORIGIN, dev: false };
  const devUrl = options.devServerUrl;
  if (devUrl === undefined || devUrl === '') return packaged;
  if (options.isPackaged) return { ...packaged, refused: devUrl };
  const origin = originOf(devUrl);
  if (origin === null || origin.startsWith('app:')) return { ...packaged, refused: devUrl };
  const host = new URL(devUrl).hostname.toLowerCase();
  if (!LOOPBACK_HOSTS.has(host)) return { ...packaged, refused: devUrl };
  return { url: devUrl, origin, dev: true };
}

/**
 * Maps an app:// request URL to a file under `rootDir`, or null when it must not be served
 * (the rules are resolveUiPath's, shared with `keel serve`).
 */
export function resolveStaticPath(requestUrl: string, rootDir: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*([^?#]*)/i.exec(requestUrl);
  if (!match) return null;
  return resolveUiPath(match[1] ?? '', rootDir);
}
