import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, mimeTypeFor } from '../../../electron/main/app-protocol.ts';
import { UI_CONTENT_SECURITY_POLICY as CONTENT_SECURITY_POLICY } from '../../../electron/app/ui-files.ts';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'keel-app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Keel</title>');
  writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler({ rootDir: root })(new Request(url, { method }));

describe('app:// handler', () => {
  it('serves the page and its assets with the CSP header and a content type', async () => {
    const page = await get('app://keel/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Keel</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const root = await get('app://keel/');
    expect(await root.text()).toContain('<title>Keel</title>');

    const js = await get('app://keel/assets/index.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://keel/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('<!doctype html><title>Keel</title>'.length));
    expect(await res.text()).toBe('');
  });

  it('refuses traversal, other hosts, other methods and missing files, always with the CSP', async () => {
    // Request (like Chromium) already folds `..` and `%2e%2e` segments into the path, which then
    // points at a file that is not in the root (404); encoded slashes survive to the handler (400).
    const cases: [string, string, number][] = [
      ['app://keel/%2e%2e/secret.txt', 'GET', 404],
      ['app://keel/../../secret.txt', 'GET', 404],
      ['app://keel/assets/%2e%2e/%2e%2e/secret.txt', 'GET', 404],
      ['app://keel/..%2fsecret.txt', 'GET', 400],
      ['app://keel/assets/..%2f..%2fsecret.txt', 'GET', 400],
      ['app://keel.evil/index.html', 'GET', 404],
      ['app://other/index.html', 'GET', 404],
      ['app://keel/missing.js', 'GET', 404],
      ['app://keel/assets', 'GET', 404],
      ['app://keel/index.html', 'POST', 405],
    ];
    for (const [url, method, status] of cases) {
      const res = await get(url, method);
      expect(res.status, `${method} ${url}`).toBe(status);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('turns an unexpected read failure into a 500, not a throw', async () => {
    const handler = createAppProtocolHandler({ rootDir: root, read: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) });
    expect((await handler(new Request('app://keel/index.html'))).status).toBe(500);
  });

  it('knows the types Vite emits', () => {
    expect(mimeTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
