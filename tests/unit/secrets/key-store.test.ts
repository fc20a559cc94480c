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

/** A backend whose calls hang until released, like one waiting on an unlock prompt nobody answers. */
function hangingBackend() {
  const inner = memoryBackend();
  let hang = true;
  let calls = 0;
  const waiting: (() => void)[] = [];
  const gate = <T>(op: () => Promise<T>): Promise<T> => {
    calls++;
    return hang ? new Promise<void>((resolve) => waiting.push(resolve)).then(op) : op();
  };
  const backend: SecretBackend = {
    read: (a) => gate(() => inner.read(a)),
    write: (a, t) => gate(() => inner.write(a, t)),
    remove: (a) => gate(() => inner.remove(a)),
  };
  return {
    backend,
    entries: inner.entries,
    calls: () => calls,
    /** The prompt is answered: every waiting call goes ahead, later ones no longer wait. */
    answer: () => {
      hang = false;
      for (const go of waiting.splice(0)) go();
    },
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

  it('fails a keychain call that does not answer in time with what to do, and the next calls still answer', async () => {
    const keychain = hangingBackend();
    const store = new KeyStore(keychain.backend, { timeoutMs: 50 });
    const err = await store.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeychainError);
    expect((err as KeychainError).failure).toBe('timeout');
    expect((err as KeychainError).message).toBe(
      'the OS keychain did not answer within 0.05 s (locked, waiting for an unlock prompt?); no API key could be read. Unlock the keychain and try again',
    );
    // The queue moves on: the next call answers within its own limit, and makes no second keychain call
    // while the first one is still running (it waits for it instead).
    await expect(store.has({ exchange: 'binance' })).rejects.toThrow(/did not answer within 0\.05 s/);
    expect(keychain.calls()).toBe(1);
    await expect(store.set({ exchange: 'binance' }, CREDS)).rejects.toThrow(/did not answer within 0\.05 s .*; nothing was saved/);
    expect(keychain.entries.size).toBe(0);
    // Once the keychain answers, the store works again.
    keychain.answer();
    await store.set({ exchange: 'binance' }, CREDS);
    expect(await store.get({ exchange: 'binance' })).toEqual(CREDS);
  });

  it('after a timed-out credential write, keeps the account listed (the write may still land) and never quotes the key', async () => {
    const keychain = hangingBackend();
    const store = new KeyStore(keychain.backend, { timeoutMs: 50 });
    keychain.answer();
    await store.set({ exchange: 'kraken' }, CREDS);
    // Locked between saves: only the credential write of the next save hangs.
    const backend = keychain.backend;
    let release = () => {};
    const write = backend.write;
    backend.write = (a, t) => (a === 'binance:main' ? new Promise<void>((r) => (release = r)).then(() => write(a, t)) : write(a, t));
    const err = (await store.set({ exchange: 'binance' }, CREDS).catch((e: unknown) => e)) as KeychainError;
    expect(err.failure).toBe('timeout');
    expect(err.message).toMatch(/did not answer within 0\.05 s .*; the key is saved only if that prompt is still answered \(`keel keys list` then shows it\)/);
    expect(err.message).not.toContain(CREDS.secret);
    expect(err.message).not.toContain(CREDS.apiKey);
    release();
    expect(await store.get({ exchange: 'binance' })).toEqual(CREDS);
    expect((await store.list()).map((a) => a.exchange)).toEqual(['binance', 'kraken']);
  });
});
