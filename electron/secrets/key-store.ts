// Exchange API keys, kept only in the OS keychain: one entry per account ("binance:main") holding
// `{ apiKey, secret, password? }` as JSON, plus one entry holding the index of account NAMES, because
// keychains have no portable way to list what a service stored. Nothing here writes to disk, and when
// the keychain cannot be used every call fails with a KeychainError: there is no plain-text fallback.
import { accountId, parseAccountId, parseExchangeAccount, type ExchangeAccount } from './exchange-account.ts';
import { credentialsFromBlob, credentialsToBlob, parseCredentials, type ExchangeCredentials } from './credentials.ts';
import { keychainError, type KeychainAction } from './keychain-error.ts';
import { osKeychain, type SecretBackend } from './os-keychain.ts';

/** The index entry's account; it has no colon, so no exchange account can ever be filed under it. */
export const INDEX_ENTRY = 'account-index';

/** Keeps the index within Windows Credential Manager's 1280-character limit even with the longest names. */
export const MAX_ACCOUNTS = 16;

type AccountInput = { exchange: string; name?: string };

export class KeyStore {
  readonly #backend: SecretBackend;
  /** Calls run one at a time: `set` and `delete` read, change and write the index. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(backend: SecretBackend = osKeychain()) {
    this.#backend = backend;
  }

  /** Saves (or replaces) the account's credentials. Throws a RangeError naming the bad field, or a KeychainError. */
  async set(account: AccountInput, credentials: ExchangeCredentials): Promise<void> {
    const acct = parseExchangeAccount(account);
    const clean = parseCredentials(credentials);
    const secrets = [clean.apiKey, clean.secret, clean.password];
    return await this.#serial(async () => {
      const id = accountId(acct);
      const before = await this.#readIndex('save');
      if (!before.includes(id)) {
        if (before.length >= MAX_ACCOUNTS) throw new Error(`Keel keeps keys for at most ${MAX_ACCOUNTS} accounts; delete one you no longer use (keel keys list shows them)`);
        await this.#writeIndex([...before, id], 'save');
      }
      // The index is written first: if saving the credentials then fails, the index goes back, so a
      // listed account always had its key saved (and an unlisted one never has a key left behind).
      try {
        await this.#backend.write(id, credentialsToBlob(clean));
      } catch (err) {
        if (!before.includes(id)) await this.#writeIndex(before, 'save').catch(() => {});
        throw keychainError(err, 'save', secrets);
      }
    });
  }

  /** Whether the account has credentials saved (reads the entry itself, not the index). */
  async has(account: AccountInput): Promise<boolean> {
    const id = accountId(parseExchangeAccount(account));
    return await this.#serial(async () => (await this.#call('read', () => this.#backend.read(id))) !== null);
  }

  /** The accounts with saved keys, sorted: names only, never anything secret. */
  async list(): Promise<ExchangeAccount[]> {
    return await this.#serial(async () => (await this.#readIndex('read')).map(parseAccountId));
  }

  /** Removes the account's credentials; false if it had none. */
  async delete(account: AccountInput): Promise<boolean> {
    const id = accountId(parseExchangeAccount(account));
    return await this.#serial(async () => {
      const removed = await this.#call('delete', () => this.#backend.remove(id));
      const index = await this.#readIndex('delete');
      if (index.includes(id)) await this.#writeIndex(index.filter((a) => a !== id), 'delete');
      return removed || index.includes(id);
    });
  }

  /**
   * The account's credentials, or null. FOR THE ENGINE'S LIVE BROKER ONLY: never return these over
   * the contract, the bridge or the CLI, and never log them (pass anything holding them through redact()).
   */
  async get(account: AccountInput): Promise<ExchangeCredentials | null> {
    const id = accountId(parseExchangeAccount(account));
    return await this.#serial(async () => {
      const blob = await this.#call('read', () => this.#backend.read(id));
      return blob === null ? null : credentialsFromBlob(blob, id);
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #call<T>(action: KeychainAction, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw keychainError(err, action);
    }
  }

  async #readIndex(action: KeychainAction): Promise<string[]> {
    const text = await this.#call(action, () => this.#backend.read(INDEX_ENTRY));
    if (text === null) return [];
    let ids: unknown;
    try {
      ids = JSON.parse(text);
    } catch {
      ids = undefined;
    }
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new Error(`Keel's account index in the OS keychain (service Keel, account ${INDEX_ENTRY}) is damaged; delete that entry and set the keys again`);
    }
    return ids;
  }

  async #writeIndex(ids: string[], action: KeychainAction): Promise<void> {
    const sorted = [...new Set(ids)].sort();
    await this.#call(action, () => (sorted.length === 0 ? this.#backend.remove(INDEX_ENTRY).then(() => {}) : this.#backend.write(INDEX_ENTRY, JSON.stringify(sorted))));
  }
}
