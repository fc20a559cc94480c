// redact() and redactText(): what may reach a log once credentials have passed through them.
import { describe, expect, it } from 'vitest';
import { redact, redactText, REDACTED } from '../../../electron/secrets/redact.ts';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP';

describe('redact', () => {
  it('masks credential fields at any depth and keeps the rest', () => {
    const config = { apiKey: KEY, secret: SECRET, password: 'pw', enableRateLimit: true, options: { defaultType: 'spot', nested: [{ privateKey: SECRET, id: 3 }] } };
    expect(redact(config)).toEqual({
      apiKey: REDACTED,
      secret: REDACTED,
      password: REDACTED,
      enableRateLimit: true,
      options: { defaultType: 'spot', nested: [{ privateKey: REDACTED, id: 3 }] },
    });
    expect(config.apiKey).toBe(KEY);
  });

  it('knows the usual spellings in ccxt configs and HTTP requests', () => {
    const out = redact({ api_key: KEY, 'API-SECRET': SECRET, clientSecret: SECRET, walletPassphrase: KEY, passphrase: 'x', token: 't', 'X-MBX-APIKEY': KEY, Authorization: 'Bearer x', uid: '1', secretKey: SECRET, headers: { Authorization: 'Bearer abc' } });
    expect(JSON.stringify(out)).not.toMatch(new RegExp(`${KEY}|${SECRET}|Bearer`));
  });

  it('shows whether a field is set: empty and absent values stay as they are', () => {
    expect(redact({ apiKey: '', secret: undefined, password: null })).toEqual({ apiKey: '', secret: undefined, password: null });
  });

  it('masks a whole credentials object', () => {
    expect(redact({ account: 'binance:main', credentials: { apiKey: KEY, secret: SECRET } })).toEqual({ account: 'binance:main', credentials: REDACTED });
  });

  it('turns class instances (a ccxt exchange, say) into plain objects of their masked fields', () => {
    class Exchange {
      id = 'binance';
      apiKey = KEY;
      secret = SECRET;
    }
    expect(redact(new Exchange())).toEqual({ id: 'binance', apiKey: REDACTED, secret: REDACTED });
  });

  it('copes with cycles, Maps, Dates, Errors and primitives', () => {
    const a: Record<string, unknown> = { secret: SECRET };
    a.self = a;
    const out = redact(a) as Record<string, unknown>;
    expect(out.secret).toBe(REDACTED);
    expect(out.self).toBe(out);
    expect(redact(new Map<string, unknown>([['apiKey', KEY], ['n', 1]]))).toEqual(new Map<string, unknown>([['apiKey', REDACTED], ['n', 1]]));
    expect(redact(new Date(5))).toEqual(new Date(5));
    expect(redact(Object.assign(new Error('boom'), { config: { apiKey: KEY } }))).toEqual({ name: 'Error', message: 'boom', config: { apiKey: REDACTED } });
    expect(redact('text')).toBe('text');
    expect(redact(null)).toBe(null);
  });

  it('stops at a depth limit instead of walking huge graphs', () => {
    let deep: Record<string, unknown> = { secret: SECRET };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).not.toContain(SECRET);
  });
});

describe('redactText', () => {
  it('removes every occurrence of each secret', () => {
    expect(redactText(`bad key ${KEY} and ${SECRET}, again ${KEY}`, [KEY, SECRET, undefined])).toBe(`bad key ${REDACTED} and ${REDACTED}, again ${REDACTED}`);
  });

  it('leaves secrets too short to find reliably alone', () => {
    expect(redactText('a b c', ['a'])).toBe('a b c');
  });
});
