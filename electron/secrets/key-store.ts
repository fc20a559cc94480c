// Exchange API keys, kept only in the OS keychain: one entry per account ("binance:main") holding
// `{ apiKey, secret, password? }` as JSON, plus one entry holding the index of account NAMES, because
// keychains have no portable way to list what a service stored. Nothing here writes to disk, and when
// the keychain cannot be used every call fails with a KeychainError: there is no plain-text fallback.
import { accountId, parseAccountId, parseExchangeAccount, type ExchangeAccount } from './exchange-account.ts';
import { credentialsFromBlob, credentialsToBlob, parseCredentials, type ExchangeCredentials } from './credentials.ts';
import { KeychainError, keychainError, keychainTimeoutError, type KeychainAction } from './keychain-error.ts';
import { osKeychain, type SecretBackend } from './os-keychain.ts';
import { KEYCHAIN_TIMEOUT_MS } from './keychain-timeout.ts';

/** The index entry's account; it has no colon, so no exchange account can ever be filed under it. */
export const INDEX_ENTRY = 'account-index';

/** Keeps the index within Windows Credential Manager's 1280-character limit even with the longest names. */
export const MAX_ACCOUNTS = 16;

/** How long one keychain call may take (keychain-timeout.ts says why there is a limit). */
export { KEYCHAIN_TIMEOUT_MS };

export interface KeyStoreOptions {
  /** Overrides KEYCHAIN_TIMEOUT_MS (tests). */
  timeoutMs?: number;
}

type AccountInput = { exchange: string; name?: string };

/** Thrown inside #call only, turned into a KeychainError there. */
class CallTimedOut extends Error {}

const WRITE_STILL_RUNNING = 'the key is saved only if that prompt is still answered (`keel keys list` then shows it); otherwise nothing was saved';

export class KeyStore {
  readonly #backend: SecretBackend;
  /** Calls run one at a time: `set` and `delete` read, change and write the index. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #timeoutMs: number;
  /**
   * A keychain call that timed out and is still running (it cannot be cancelled). The next call waits for
   * it, within its own time limit, before making one of its own: calls never overlap, so a late answer
   * cannot land after a newer one, and a stuck keychain does not pile up prompts.
   */
  #stuck: Promise<void> | undefined;

  constructor(backend: SecretBackend = osKeychain(), options: KeyStoreOptions = {}) {
    this.#backend = backend;
    this.#timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
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
      // Not after a timeout: that write may still land, and an unlisted key could never be seen or deleted.
      try {
        await this.#call('save', () => this.#backend.write(id, credentialsToBlob(clean)), secrets, WRITE_STILL_RUNNING);
      } catch (err) {
        const timedOut = err instanceof KeychainError && err.failure === 'timeout';
        if (!before.includes(id) && !timedOut) await this.#writeIndex(before, 'save').catch(() => {});
        throw err;
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

  /**
   * One keychain call, failed with a KeychainError after the time limit. `stillRunning` says what the
   * timed-out call may yet do (a write landing once the prompt is answered).
   */
  async #call<T>(action: KeychainAction, op: () => Promise<T>, secrets: readonly (string | undefined)[] = [], stillRunning?: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CallTimedOut()), this.#timeoutMs);
    });
    let running: Promise<T> | undefined;
    try {
      if (this.#stuck) await Promise.race([this.#stuck, deadline]);
      running = op();
      return await Promise.race([running, deadline]);
    } catch (err) {
      if (!(err instanceof CallTimedOut)) throw keychainError(err, action, secrets);
      // Waiting for an earlier stuck call: this one never started, so nothing of it can still happen.
      if (running === undefined) throw keychainTimeoutError(this.#timeoutMs, action);
      // A backend that can end the stuck call (its process killed) does so: it then fails at once, and the
      // next call does not wait on it. One that cannot leaves it running, and the next call waits below.
      this.#backend.close?.();
      const stuck: Promise<void> = running.then(
        () => {},
        () => {},
      );
      this.#stuck = stuck;
      void stuck.then(() => {
        if (this.#stuck === stuck) this.#stuck = undefined;
      });
      throw keychainTimeoutError(this.#timeoutMs, action, stillRunning);
    } finally {
      clearTimeout(timer);
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
