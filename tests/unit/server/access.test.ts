import { describe, expect, it } from 'vitest';
import { cookieValue, isAllowedHost, isAllowedOrigin, newToken, requestToken, tokensEqual } from '../../../electron/server/access.ts';
import { resolveUiPath as resolveStaticPath } from '../../../electron/app/ui-files.ts';

describe('bridge access rules', () => {
  it('makes a fresh unguessable token each run', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it('compares tokens exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abd', 'abc')).toBe(false);
    expect(tokensEqual('ab', 'abc')).toBe(false);
    expect(tokensEqual(null, 'abc')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
  });

  it('takes the token from the query first, then the cookie', () => {
    expect(requestToken(new URL('http://127.0.0.1:1/?token=q'), 'keel_token=c')).toBe('q');
    expect(requestToken(new URL('http://127.0.0.1:1/app.js'), 'a=1; keel_token=c; b=2')).toBe('c');
    expect(requestToken(new URL('http://127.0.0.1:1/'), undefined)).toBeNull();
    expect(cookieValue('xkeel_token=1', 'keel_token')).toBeNull();
  });

  it('accepts only the loopback host and port Keel bound (no DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:4747', 4747)).toBe(true);
    expect(isAllowedHost('localhost:4747', 4747)).toBe(true);
    expect(isAllowedHost('evil.example:4747', 4747)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4748', 4747)).toBe(false);
    expect(isAllowedHost(undefined, 4747)).toBe(false);
  });

  it("accepts only Keel's own origin for the WebSocket", () => {
    expect(isAllowedOrigin('http://127.0.0.1:4747', 4747)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4747.evil.com', 4747)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:4747', 4747)).toBe(false);
    expect(isAllowedOrigin('null', 4747)).toBe(false);
    expect(isAllowedOrigin(undefined, 4747)).toBe(false);
  });
});

describe('static file paths', () => {
  const root = '/srv/keel/out/renderer';
  it('maps / to index.html and assets inside the root', () => {
    expect(resolveStaticPath('/', root)).toBe(`${root}/index.html`);
    expect(resolveStaticPath('/assets/app.js', root)).toBe(`${root}/assets/app.js`);
  });
  it('refuses every way out of the root', () => {
    for (const p of ['/../package.json', '/assets/../../x', '/%2e%2e/x', '/..%2fx', '/a\\..\\b', '/%00', '/%E0%A4%A']) {
      expect(resolveStaticPath(p, root), p).toBeNull();
    }
  });
});
