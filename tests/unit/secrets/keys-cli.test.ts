// `keel keys` in-process, over an in-memory keychain: what it reads, what it prints (never a key),
// and its exit codes. The same commands against a real Secret Service: tests/integration/keychain.test.ts.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runKeys, type KeysIo } from '../../../electron/cli/commands/keys.ts';
import { KeyStore } from '../../../electron/secrets/key-store.ts';
import type { SecretBackend } from '../../../electron/secrets/os-keychain.ts';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP';

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

  it('rejects bad stdin without quoting it and saves nothing', async () => {
    const c = cli();
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n`)).toBe(2);
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n${SECRET} trailing\n`)).toBe(2);
    expect(await c.run(['set', '--exchange', 'binance'], '')).toBe(2);
    expect(c.err.join('\n')).toMatch(/got 1 line[\s\S]*API secret has a space[\s\S]*nothing on stdin/);
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

  it('prints usage for no or an unknown subcommand, and help on request', async () => {
    const c = cli();
    expect(await c.run([])).toBe(2);
    expect(await c.run(['show'])).toBe(2);
    expect(c.err.join()).toMatch(/unknown subcommand "show"/);
    expect(await c.run(['--help'])).toBe(0);
    expect(c.out.join()).toMatch(/never from arguments/i);
  });

  it('exits 1 with the keychain message when there is no keychain', async () => {
    const c = cli(memoryBackend('Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files'));
    expect(await c.run(['set', '--exchange', 'binance'], `${KEY}\n${SECRET}\n`)).toBe(1);
    expect(c.err.join()).toMatch(/^keel keys set: no OS keychain is available: no Secret Service .* nothing was saved/);
    expect(await c.run(['list'])).toBe(1);
  });
});
