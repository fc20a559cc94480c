import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  PACKAGED_APP_ORIGIN,
  isAppUrl,
  isTrustedSender,
  originOf,
  permissionDecision,
  rendererLocation,
  resolveStaticPath,
  shouldAllowNavigation,
  windowOpenDecision,
  windowTitle,
  windowWebPreferences,
} from '../../../electron/main/policy.ts';
import { UI_CONTENT_SECURITY_POLICY as CONTENT_SECURITY_POLICY } from '../../../electron/app/ui-files.ts';

const APP = PACKAGED_APP_ORIGIN;
const DEV = 'http://localhost:5173';

describe('origins', () => {
  it('computes origins by hand, including for the custom scheme', () => {
    expect(PACKAGED_APP_ORIGIN).toBe('app://keel');
    expect(originOf('app://keel/index.html')).toBe('app://keel');
    expect(originOf('APP://KEEL/x')).toBe('app://keel');
    expect(originOf('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(originOf('https://example.com:443/a')).toBe('https://example.com');
  });

  it('has no origin for other schemes, garbage, credentials or a missing host', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'about:blank', 'not a url', '', 'app:///index.html', 'app://keel@evil/x', 'http://u:p@127.0.0.1:5173/']) {
      expect(originOf(url), url).toBeNull();
    }
    expect(originOf(undefined)).toBeNull();
    expect(originOf(42)).toBeNull();
  });

  it('accepts the app and refuses look-alikes', () => {
    expect(isAppUrl('app://keel/index.html', APP)).toBe(true);
    expect(isAppUrl('app://keel/assets/x.js?v=1#top', APP)).toBe(true);
    for (const url of ['app://keel.evil/index.html', 'app://keel.evil', 'app://evil/index.html', 'app://keel@evil/', 'https://keel/', 'http://keel/', 'file:///keel/index.html', 'app://keel:8080/']) {
      expect(isAppUrl(url, APP), url).toBe(false);
    }
  });

  it('in development accepts exactly the dev server origin', () => {
    expect(isAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173.evil.com/', 'http://127.0.0.1:5173')).toBe(false);
    expect(isAppUrl('http://127.0.0.1.evil.com:5173/', 'http://127.0.0.1:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isAppUrl('app://keel/index.html', DEV)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('allows navigation only within the app origin', () => {
    expect(shouldAllowNavigation('app://keel/index.html', APP)).toBe(true);
    for (const url of ['https://example.com/', 'app://keel.evil/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'chrome://gpu']) {
      expect(shouldAllowNavigation(url, APP), url).toBe(false);
    }
  });

  it("lets the page save a file it made (a blob of its own origin, Electron's <a download>), no one else's", () => {
    expect(shouldAllowNavigation('blob:app://keel/5f0c6a52-0d8e-4c1b-9b7e-3a1f2b4c5d6e', APP)).toBe(true);
    for (const url of ['blob:https://example.com/5f0c6a52', 'blob:app://keel.evil/5f0c6a52', 'blob:null/5f0c6a52', 'blob:', 'blob:blob:app://keel/x', 'blob:app://user@keel/x']) {
      expect(shouldAllowNavigation(url, APP), url).toBe(false);
    }
  });

  it('denies every new window and hands only https links to the OS browser', () => {
    expect(windowOpenDecision('https://www.binance.com/en/trade/BTC_USDT')).toEqual({ action: 'deny', openExternally: 'https://www.binance.com/en/trade/BTC_USDT' });
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'app://keel/index.html', 'https://user:pw@example.com/', 'nonsense', '']) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternally: null });
    }
    expect(windowOpenDecision(undefined)).toEqual({ action: 'deny', openExternally: null });
  });
});

describe('IPC sender', () => {
  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedSender('app://keel/index.html', APP, true)).toBe(true);
    expect(isTrustedSender('app://keel/index.html', APP, false)).toBe(false);
    expect(isTrustedSender('app://keel.evil/index.html', APP, true)).toBe(false);
    expect(isTrustedSender('https://example.com/', APP, true)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173.evil.com/', 'http://127.0.0.1:5173', true)).toBe(false);
    expect(isTrustedSender(undefined, APP, true)).toBe(false);
    expect(isTrustedSender(null, APP, true)).toBe(false);
    expect(isTrustedSender('', APP, true)).toBe(false);
  });
});

describe('page settings', () => {
  it('has a strict CSP: nothing inline, no eval, no framing, no plugins', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => { const [name, ...values] = d.trim().split(/\s+/); return [name, values.join(' ')]; }));
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown', undefined]) {
      expect(permissionDecision(p)).toBe(false);
    }
  });

  it('sandboxes and isolates the page', () => {
    const prefs = windowWebPreferences({ preload: '/app/out/preload/index.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    });
    expect(windowWebPreferences({ preload: 'p', devTools: true }).devTools).toBe(true);
  });

  it('registers app:// as standard and secure, without a CORS exemption or CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('allowServiceWorkers');
  });

  it('titles the window with the trading mode', () => {
    expect(windowTitle('paper')).toBe('Keel — PAPER');
    expect(windowTitle('live')).toBe('Keel — LIVE');
  });
});

describe('renderer location', () => {
  it('loads app://keel when packaged or when no dev server is named', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: undefined })).toEqual({ url: APP_ENTRY_URL, origin: APP, dev: false });
    expect(rendererLocation({ isPackaged: false, devServerUrl: undefined })).toEqual({ url: APP_ENTRY_URL, origin: APP, dev: false });
    expect(rendererLocation({ isPackaged: false, devServerUrl: '' })).toEqual({ url: APP_ENTRY_URL, origin: APP, dev: false });
  });

  it('uses a loopback dev server in development only', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({ url: 'http://localhost:5173', origin: 'http://localhost:5173', dev: true });
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173/' }).origin).toBe('http://127.0.0.1:5173');
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://[::1]:5173/' }).dev).toBe(true);
  });

  it('refuses a dev server URL in a packaged app, off this machine, or of another scheme', () => {
    for (const [isPackaged, devServerUrl] of [
      [true, 'http://localhost:5173'],
      [false, 'https://evil.example/'],
      [false, 'http://127.0.0.1:5173.evil.com/'],
      [false, 'http://localhost.evil.com:5173/'],
      [false, 'file:///tmp/index.html'],
      [false, 'app://keel.evil/'],
      [false, 'garbage'],
    ] as const) {
      const loc = rendererLocation({ isPackaged, devServerUrl });
      expect(loc, devServerUrl).toEqual({ url: APP_ENTRY_URL, origin: APP, dev: false, refused: devServerUrl });
    }
  });
});

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/keel/out/renderer');
  const at = (...p: string[]) => path.join(root, ...p);

  it('maps app paths into the root, with index.html for folders', () => {
    expect(resolveStaticPath('app://keel/', root)).toBe(at('index.html'));
    expect(resolveStaticPath('app://keel', root)).toBe(at('index.html'));
    expect(resolveStaticPath('app://keel/index.html', root)).toBe(at('index.html'));
    expect(resolveStaticPath('app://keel/assets/index-B9NT4AWD.js', root)).toBe(at('assets', 'index-B9NT4AWD.js'));
    expect(resolveStaticPath('app://keel/assets/a%20b.css?v=2#x', root)).toBe(at('assets', 'a b.css'));
    expect(resolveStaticPath('app://keel/assets/', root)).toBe(at('assets', 'index.html'));
  });

  it('refuses traversal in every spelling', () => {
    for (const url of [
      'app://keel/../secret',
      'app://keel/assets/../../secret',
      'app://keel/%2e%2e/secret',
      'app://keel/%2E%2E/%2e%2e/etc/passwd',
      'app://keel/.%2e/secret',
      'app://keel/assets/%2e%2e%2f%2e%2e%2fsecret',
      'app://keel/..%2fsecret',
      'app://keel/..%5csecret',
      'app://keel/%5c..%5c..%5csecret',
      'app://keel\\..\\secret',
      'app://keel/./index.html',
      'app://keel/.env',
    ]) {
      expect(resolveStaticPath(url, root), url).toBeNull();
    }
  });

  it('refuses absolute paths, drive letters, NUL and malformed escapes', () => {
    for (const url of [
      'app://keel//etc/passwd',
      'app://keel/%2fetc%2fpasswd',
      'app://keel/C:/Windows/win.ini',
      'app://keel/C%3a%5cWindows%5cwin.ini',
      'app://keel/index.html%00.png',
      'app://keel/%E0%A4%A',
      '/etc/passwd',
      'C:\\Windows\\win.ini',
      '',
    ]) {
      expect(resolveStaticPath(url, root), url).toBeNull();
    }
  });
});
