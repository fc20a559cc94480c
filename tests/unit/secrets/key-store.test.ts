// KeyStore over an in-memory backend: the index holds names only, failures leave nothing behind,
// and keychain failures surface as KeychainErrors. (The real keychain: tests/integration/keychain.test.ts.)
import { describe, expect, it } from 'vitest';
import { INDEX_ENTRY, KeyStore, MAX_ACCOUNTS } from '../../../electron/secrets/key-store.ts';
import { KeychainError } from '../../../electron/secrets/keychain-error.ts';
import type { SecretBackend } from '../../../electron/secrets/os-keychain.ts';

const CREDS = { apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv', secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP' };
const NO_BUS = 'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';

/** A map standing in for the keychain; `failWrites` makes writes of matching entries fail like a locked keyring. */
function memoryBackend(opts: { failWrites?: (account: string) => boolean; failAll?: boolean } = {}): SecretBackend & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const fail = (message: string) => Promise.reject(new Error(message));
  return {
    entries,
    read: async (account) => (opts.failAll ? fail(NO_BUS) : (entries.get(account) ?? null)),
    write: async (account, text) => {
      if (opts.failAll) return fail(NO_BUS);
      if (opts.failWrites?.(account)) return fail("Couldn't access platform storage: Secret Service: unlock prompt was dismissed");
      entries.set(account, text);
    },
    remove: async (account) => (opts.failAll ? fail(NO_BUS) : entries.delete(account)),
  };
}

describe('KeyStore', () => {
  it('sets, lists, reads, and deletes', async () => {
    const backend = memoryBackend();
    const store = new KeyStore(backend);
    await store.set({ exchange: 'Binance' }, CREDS);
    await store.set({ exchange: 'okx', name: 'sub1' }, { ...CREDS, password: 'pass-1234' });
    expect(await store.list()).toEqual([
      { exchange: 'binance', name: 'main' },
      { exchange: 'okx', name: 'sub1' },
    ]);
    expect(await store.has({ exchange: 'binance' })).toBe(true);
    expect(await store.has({ exchange: 'kraken' })).toBe(false);
    expect(await store.get({ exchange: 'binance', name: 'main' })).toEqual(CREDS);
    expect(await store.get({ exchange: 'okx', name: 'sub1' })).toEqual({ ...CREDS, password: 'pass-1234' });
    expect(await store.get({ exchange: 'kraken' })).toBeNull();

    expect(await store.delete({ exchange: 'binance' })).toBe(true);
    expect(await store.delete({ exchange: 'binance' })).toBe(false);
    expect(await store.list()).toEqual([{ exchange: 'okx', name: 'sub1' }]);
    expect(await store.delete({ exchange: 'okx', name: 'sub1' })).toBe(true);
    expect(await store.list()).toEqual([]);
    // The last delete removes the index entry too: an empty keychain is left empty.
    expect([...backend.entries.keys()]).toEqual([]);
  });

  it('files entries as exchange:name with a JSON blob, and an index of names only', async () => {
    const backend = memoryBackend();
    const store = new KeyStore(backend);
    await store.set({ exchange: 'binance' }, CREDS);
    await store.set({ exchange: 'binance' }, { ...CREDS, secret: 'ReplacedSecret99' });
    expect(JSON.parse(backend.entries.get('binance:main')!)).toEqual({ ...CREDS, secret: 'ReplacedSecret99' });
    const index = backend.entries.get(INDEX_ENTRY)!;
    expect(JSON.parse(index)).toEqual(['binance:main']);
    expect(index).not.toContain(CREDS.apiKey);
    expect(index).not.toContain(CREDS.secret);
  });

  it('validates before touching the keychain', async () => {
    const backend = memoryBackend();
    const store = new KeyStore(backend);
    await expect(store.set({ exchange: 'binance', name: 'bad name' }, CREDS)).rejects.toThrow(/account name/);
    await expect(store.set({ exchange: 'binance' }, { ...CREDS, secret: 'has space' })).rejects.toThrow(/API secret has a space/);
    await expect(store.set({ exchange: 'not an id' }, CREDS)).rejects.toThrow(/invalid exchange/);
    expect(backend.entries.size).toBe(0);
  });

  it('fails with a KeychainError, saving nothing, when there is no keychain', async () => {
    const store = new KeyStore(memoryBackend({ failAll: true }));
    const err = await store.set({ exchange: 'binance' }, CREDS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeychainError);
    expect((err as KeychainError).message).toMatch(/^no OS keychain is available: .*nothing was saved/);
    expect((err as KeychainError).message).not.toContain(CREDS.secret);
    await expect(store.list()).rejects.toThrow(/no API key could be read/);
    await expect(store.get({ exchange: 'binance' })).rejects.toThrow(KeychainError);
    await expect(store.delete({ exchange: 'binance' })).rejects.toThrow(/nothing was deleted/);
  });

  it('takes the account back out of the index when its credentials cannot be written', async () => {
    const backend = memoryBackend({ failWrites: (account) => account === 'kraken:main' });
    const store = new KeyStore(backend);
    await store.set({ exchange: 'binance' }, CREDS);
    await expect(store.set({ exchange: 'kraken' }, CREDS)).rejects.toThrow(/locked.*nothing was saved/);
    expect(await store.list()).toEqual([{ exchange: 'binance', name: 'main' }]);
  });

  it('drops a stale index name on delete, even without an entry', async () => {
    const backend = memoryBackend();
    backend.entries.set(INDEX_ENTRY, JSON.stringify(['binance:main']));
    const store = new KeyStore(backend);
    expect(await store.delete({ exchange: 'binance' })).toBe(true);
    expect(await store.list()).toEqual([]);
  });

  it('refuses more accounts than the index can hold on every platform', async () => {
    const store = new KeyStore(memoryBackend());
    for (let i = 0; i < MAX_ACCOUNTS; i++) await store.set({ exchange: 'binance', name: `a${i}` }, CREDS);
    await expect(store.set({ exchange: 'binance', name: 'onemore' }, CREDS)).rejects.toThrow(`at most ${MAX_ACCOUNTS} accounts`);
    // Replacing an existing account's keys is still fine.
    await store.set({ exchange: 'binance', name: 'a0' }, CREDS);
  });

  it('keeps the index within 1280 characters (Windows Credential Manager) at the limit with the longest names', async () => {
    const backend = memoryBackend();
    const store = new KeyStore(backend);
    for (let i = 0; i < MAX_ACCOUNTS; i++) await store.set({ exchange: `${'x'.repeat(38)}${String(i).padStart(2, '0')}`, name: 'n'.repeat(32) }, CREDS);
    expect(backend.entries.get(INDEX_ENTRY)!.length).toBeLessThanOrEqual(1280);
  });

  it('reports a damaged index instead of guessing', async () => {
    const backend = memoryBackend();
    backend.entries.set(INDEX_ENTRY, '{oops');
    await expect(new KeyStore(backend).list()).rejects.toThrow(/account index in the OS keychain .* is damaged/);
  });

  it('runs concurrent calls one after another, so no index update is lost', async () => {
    const store = new KeyStore(memoryBackend());
    await Promise.all(['a', 'b', 'c', 'd'].map((name) => store.set({ exchange: 'binance', name }, CREDS)));
    expect((await store.list()).map((a) => a.name)).toEqual(['a', 'b', 'c', 'd']);
  });
});
