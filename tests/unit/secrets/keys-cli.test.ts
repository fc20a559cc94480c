// `keel keys` in-process, over an in-memory keychain: what it reads, what it prints (never a key),
// and its exit codes. The same commands against a real Secret Service: tests/integration/keychain.test.ts.
import { generateKeyPairSync } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runKeys, type KeysIo } from '../../../electron/cli/commands/keys.ts';
import { KeyStore } from '../../../electron/secrets/key-store.ts';
import type { SecretBackend } from '../../../electron/secrets/os-keychain.ts';
import { loadExchangeClass } from '../../../electron/market/live/load-ccxt.ts';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP';
/** A Coinbase CDP key: its name as the API key, a P-256 PEM block (fresh each run) as the secret. */
const CDP_KEY = 'organizations/8f2c1f4e-1b7e-4d57-9b3c-2a8f0c3e9d11/apiKeys/4f1e3c2a-7b8d-4e6f-9a0b-1c2d3e4f5a6b';
const PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
const PEM_LINES = PEM.trim().split('\n');

function memoryBackend(fail?: string): SecretBackend {
  const entries = new Map<string, string>();
  const check = () => {
    if (fail) throw new Error(fail);
  };
  return {
    read: async (a) => (check(), entries.get(a) ?? null),
    write: async (a, t) => void (check(), entries.set(a, t)),
    remove: async (a) => (check(), entries.delete(a)),
  };
}

function cli(backend: SecretBackend = memoryBackend()) {
  const store = new KeyStore(backend);
  const out: string[] = [];
  const err: string[] = [];
  const run = (argv: string[], stdin = '') => {
    const io: KeysIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: '/', stdin: Readable.from([Buffer.from(stdin)]) };
    return runKeys(argv, io, { openStore: () => store });
  };
  return { run, out, err, store, printed: () => [...out, ...err].join('\n') };
}

describe('keel keys', () => {
  it('sets from stdin, lists names only, deletes', async () => {
    const c = cli();
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n${SECRET}\n`)).toBe(0);
    expect(await c.run(['set', '--exchange', 'okx', '--name', 'sub1'], `${KEY}\n${SECRET}\npass-1234\n`)).toBe(0);
    expect(c.out).toEqual(['saved the API key of binance:main in the OS keychain', 'saved the API key of okx:sub1 in the OS keychain (with its passphrase)']);
    expect(await c.store.get({ exchange: 'okx', name: 'sub1' })).toEqual({ apiKey: KEY, secret: SECRET, password: 'pass-1234' });

    c.out.length = 0;
    expect(await c.run(['list'])).toBe(0);
    expect(c.out).toEqual(['binance:main', 'okx:sub1']);

    expect(await c.run(['delete', '--exchange', 'binance'])).toBe(0);
    expect(await c.run(['delete', '--exchange', 'binance'])).toBe(1);
    expect(c.err.at(-1)).toMatch(/no API key is saved for binance:main/);
    expect(c.printed()).not.toContain(KEY);
    expect(c.printed()).not.toContain(SECRET);
    expect(c.printed()).not.toContain('pass-1234');
  });

  it('says so when no keys are saved (on stderr, so stdout stays a clean list)', async () => {
    const c = cli();
    expect(await c.run(['list'])).toBe(0);
    expect(c.out).toEqual([]);
    expect(c.err.join()).toMatch(/no exchange API keys are saved/);
  });

  it('refuses keys given as arguments and explains why', async () => {
    for (const flag of ['--api-key', `--secret=${SECRET}`, '--password', '--passphrase']) {
      const c = cli();
      expect(await c.run(['set', '--exchange', 'binance', flag, 'x'])).toBe(2);
      expect(c.err.join()).toMatch(/never taken as arguments \(shell history keeps them and `ps` shows them\)/);
      expect(c.err.join()).not.toContain(SECRET);
    }
  });

  it('refuses a key given as a bare argument without printing it back', async () => {
    for (const args of [['set', '--exchange', 'binance', KEY], ['set', '--exchange', 'binance', KEY, SECRET], ['delete', '--exchange', 'binance', SECRET]]) {
      const c = cli();
      expect(await c.run(args)).toBe(2);
      expect(c.err.join()).toMatch(/the exchange and account go in --exchange and --name, and keys are never taken as arguments/);
      expect(c.printed()).not.toContain(KEY);
      expect(c.printed()).not.toContain(SECRET);
    }
    const c = cli();
    expect(await c.run(['set', '--exchange', 'binance', `--api_key=${KEY}`])).toBe(2);
    expect(c.err.join()).toMatch(/never taken as arguments/);
    expect(c.printed()).not.toContain(KEY);
  });

  it('rejects bad stdin without quoting it and saves nothing', async () => {
    const c = cli();
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n`)).toBe(2);
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n${SECRET} trailing\n`)).toBe(2);
    expect(await c.run(['set', '--exchange', 'binance'], '')).toBe(2);
    expect(c.err.join('\n')).toMatch(/got 1 line[\s\S]*API secret has a space[\s\S]*nothing on stdin/);
    // Each ends as every exit-2 refusal does, with where every option is told.
    expect(c.err.join('\n').split('run keel keys set --help for every option')).toHaveLength(4);
    expect(c.printed()).not.toContain(KEY);
    expect(c.printed()).not.toContain(SECRET);
    expect(await c.store.list()).toEqual([]);
  });

  it('checks the arguments before reading stdin', async () => {
    const c = cli();
    expect(await c.run(['set'], `${KEY}\n${SECRET}\n`)).toBe(2);
    expect(c.err.join()).toMatch(/--exchange is required/);
    expect(await c.run(['set', '--exchange', 'binance', '--name', 'Main Account'], `${KEY}\n${SECRET}\n`)).toBe(2);
    expect(c.err.join()).toMatch(/1 to 32 lower-case letters/);
    expect(await c.run(['list', '--exchange', 'binance'])).toBe(2);
  });

  it('refuses an exchange ccxt does not know, so no key is saved that could never be armed', async () => {
    const c = cli();
    expect(await c.run(['set', '--exchange', 'binanse'], `${KEY}\n${SECRET}\n`)).toBe(2);
    expect(c.err.at(-1)).toMatch(/^keel keys set: ccxt has no exchange "binanse"; known ids include .*binance,/);
    // Valid as a label elsewhere in Keel, but not a ccxt id (the arming dialog could not even ask for its balance).
    expect(await c.run(['set', '--exchange', 'binance_us'], `${KEY}\n${SECRET}\n`)).toBe(2);
    expect(c.err.at(-1)).toMatch(/^keel keys set: "binance_us" is not a ccxt exchange id/);
    expect(await c.store.list()).toEqual([]);
    expect(c.printed()).not.toContain(KEY);
  });

  it('refuses no or an unknown subcommand as any command-line mistake (tests/unit/cli/command-mistakes.test.ts), and prints help on request', async () => {
    const c = cli();
    expect(await c.run([])).toBe(2);
    expect(await c.run(['show'])).toBe(2);
    expect(c.err.join('\n')).toMatch(/unknown subcommand "show"; subcommands: set, list, delete\nrun keel keys --help for every option$/);
    expect(await c.run(['--help'])).toBe(0);
    expect(c.out.join()).toMatch(/never from arguments/i);
  });

  it('exits 1 with the keychain message when there is no keychain', async () => {
    const c = cli(memoryBackend('Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files'));
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n${SECRET}\n`)).toBe(1);
    expect(c.err.join()).toMatch(/^keel keys set: no OS keychain is available: no Secret Service .* nothing was saved/);
    expect(await c.run(['list'])).toBe(1);
  });

  it('saves a Coinbase CDP key whose secret is a PEM block, exactly, and ccxt signs with it', async () => {
    const c = cli();
    // As in the key file: the block ends with a line break.
    expect(await c.run(['set', '--exchange', 'coinbase'], `${CDP_KEY}\n${PEM}`)).toBe(0);
    expect(c.out).toEqual(['saved the API key of coinbase:main in the OS keychain']);
    const saved = await c.store.get({ exchange: 'coinbase' });
    expect(saved).toEqual({ apiKey: CDP_KEY, secret: PEM.trim() });
    const { cls } = await loadExchangeClass('coinbase');
    const coinbase = new cls({ ...saved! }) as unknown as { createAuthToken(seconds: number, method: string, url: string): string };
    expect(coinbase.createAuthToken(120, 'GET', 'api.coinbase.com/api/v3/brokerage/accounts').split('.')).toHaveLength(3);
    for (const line of PEM_LINES.slice(1, -1)) expect(c.printed()).not.toContain(line);
  });

  it('refuses a key without the passphrase ccxt requires for the exchange, and saves nothing', async () => {
    const c = cli();
    expect(await c.run(['set', '--exchange', 'okx'], `${KEY}\n${SECRET}\n`)).toBe(2);
    expect(c.err.at(-1)).toBe(
      'keel keys set: okx needs its API passphrase (the one chosen when the API key was created): put it on the line after the API secret (line 3); nothing was saved\nrun keel keys set --help for every option',
    );
    expect(await c.run(['set', '--exchange', 'kucoin'], `${KEY}\n${SECRET}\n\n`)).toBe(2);
    expect(c.err.at(-1)).toMatch(/^keel keys set: kucoin needs its API passphrase/);
    // Optional for binance: accepted with or without one.
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n${SECRET}\n`)).toBe(0);
    expect((await c.store.list()).map((a) => a.exchange)).toEqual(['binance']);
    expect(c.printed()).not.toContain(KEY);
    expect(c.printed()).not.toContain(SECRET);
  });

  it('refuses an exchange that needs credentials Keel cannot store (a uid, a wallet key) before reading any', async () => {
    const c = cli();
    expect(await c.run(['set', '--exchange', 'coinmate'], `${KEY}\n${SECRET}\n`)).toBe(2);
    expect(c.err.join('\n')).toMatch(/^keel keys set: ccxt needs uid for coinmate, which Keel cannot store \(it keeps an API key, a secret and a passphrase\), so it cannot trade on coinmate; nothing was saved/);
    expect(await c.run(['set', '--exchange', 'hyperliquid'], `${KEY}\n${SECRET}\n`)).toBe(2);
    expect(c.err.join('\n')).toMatch(/ccxt needs privateKey and walletAddress for hyperliquid/);
    expect(await c.store.list()).toEqual([]);
  });

  it('in a terminal, takes a PEM secret pasted whole at the secret prompt', async () => {
    const store = new KeyStore(memoryBackend());
    const err: string[] = [];
    const out: string[] = [];
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const io: KeysIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: '/', stdin };
    const done = runKeys(['set', '--exchange', 'coinbase'], io, { openStore: () => store });
    const prompted = async (text: string) => {
      while (!err.some((l) => l.includes(text))) await new Promise((r) => setTimeout(r, 5));
    };
    await prompted('API key:');
    stdin.write(`${CDP_KEY}\r`);
    await prompted('API secret');
    // One paste: every line at once, with the file's final line break.
    stdin.write(`${PEM_LINES.join('\r')}\r`);
    await prompted('passphrase');
    stdin.write('\r');
    expect(await done).toBe(0);
    expect(out).toEqual(['saved the API key of coinbase:main in the OS keychain']);
    expect(await store.get({ exchange: 'coinbase' })).toEqual({ apiKey: CDP_KEY, secret: PEM.trim() });
    for (const line of PEM_LINES.slice(1, -1)) expect(err.join('\n')).not.toContain(line);
  });
});
