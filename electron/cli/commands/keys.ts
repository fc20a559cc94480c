// `keel keys set|list|delete`: exchange API keys in the OS keychain. The keys are read from stdin,
// never from arguments (shell history keeps arguments and `ps` shows them to every user), and are
// never printed: `list` shows account names only.
import { parseArgs } from 'node:util';
import { Writable, type Readable } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { KeyStore } from '../../secrets/key-store.ts';
import { KeychainError } from '../../secrets/keychain-error.ts';
import { accountId, DEFAULT_ACCOUNT_NAME, parseExchangeAccount, type ExchangeAccount } from '../../secrets/exchange-account.ts';
import { CREDENTIAL_LINES_HELP, parseCredentialLines } from '../../secrets/credential-lines.ts';
import { parseCredentials, type ExchangeCredentials } from '../../secrets/credentials.ts';
import { usageError } from '../args.ts';
import type { CliIo } from '../io.ts';

export const KEYS_USAGE = `keel keys set --exchange NAME [--name ACCOUNT]   (key and secret on stdin)
keel keys list
keel keys delete --exchange NAME [--name ACCOUNT]

set     saves an exchange account's API key in the OS keychain. It reads them from stdin: the API
        key on line 1, the API secret on line 2 and, for exchanges that have one (OKX, KuCoin, ...),
        the passphrase on line 3. Never from arguments: arguments stay in your shell history and
        every user on the machine can read them with \`ps\`. In a terminal it asks for each one
        without echoing it; otherwise pipe them in, e.g.
          pass show exchanges/binance | keel keys set --exchange binance
list    prints the accounts that have keys, as exchange:name; never the keys.
delete  removes an account's keys from the keychain.

--exchange is a ccxt exchange id (binance, kraken, okx, ...); --name tells several accounts on one
exchange apart: 1 to 32 of a-z 0-9 - _, "${DEFAULT_ACCOUNT_NAME}" when left out.
Keys are kept only in the OS keychain (service "Keel": macOS Keychain, Windows Credential Manager,
Secret Service on Linux); Keel never writes them to a file, and refuses to save them if there is no keychain.`;

const ACCOUNT_OPTIONS = { exchange: { type: 'string' }, name: { type: 'string' } } as const;

/** Sanity cap on stdin: a key, a secret and a passphrase are well under a kilobyte. */
const MAX_STDIN_BYTES = 16 * 1024;

export interface KeysIo extends CliIo {
  /** Where `set` reads the credentials; process.stdin when absent. */
  stdin?: Readable & { isTTY?: boolean };
}

export interface KeysDeps {
  openStore: () => KeyStore;
}

export async function runKeys(argv: string[], io: KeysIo, deps: KeysDeps = { openStore: () => new KeyStore() }): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    (sub === undefined ? io.err : io.out)(`usage:\n${KEYS_USAGE}`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'set' && sub !== 'list' && sub !== 'delete') {
    io.err(`keel keys: unknown subcommand "${sub}"; use set, list or delete\nusage:\n${KEYS_USAGE}`);
    return 2;
  }
  try {
    if (sub === 'list') {
      parseArgs({ args: rest, options: {}, strict: true, allowPositionals: false });
      return await list(io, deps.openStore());
    }
    const account = parseAccountArgs(rest);
    if (sub === 'delete') return await remove(io, deps.openStore(), account);
    return await set(io, deps.openStore(), account);
  } catch (err) {
    if (err instanceof KeychainError) {
      io.err(`keel keys ${sub}: ${err.message}`);
      return 1;
    }
    if (err instanceof InputError) {
      io.err(`keel keys ${sub}: ${err.message}`);
      return 2;
    }
    if (err instanceof TypeError || err instanceof RangeError) {
      return usageError(io, new Error(`keel keys ${sub}: ${err.message}`), `keel keys ${sub}${sub === 'list' ? '' : ' --exchange NAME [--name ACCOUNT]'}`, sub === 'list' ? {} : ACCOUNT_OPTIONS);
    }
    io.err(`keel keys ${sub}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

/** A problem with what came in on stdin (as opposed to the arguments). */
class InputError extends Error {}

/** Flags someone might try for the key itself; refused with the reason rather than "unknown option". */
const SECRET_FLAG = /^--?(api-?key|key|secret|api-?secret|password|passphrase)(=|$)/i;

function parseAccountArgs(args: string[]): ExchangeAccount {
  if (args.some((a) => SECRET_FLAG.test(a))) {
    throw new RangeError('keys are never taken as arguments (shell history keeps them and `ps` shows them); pipe the API key and secret on stdin, one per line, or run the command in a terminal to be asked for them');
  }
  const { values } = parseArgs({ args, options: ACCOUNT_OPTIONS, strict: true, allowPositionals: false });
  if (values.exchange === undefined) throw new RangeError('--exchange is required, e.g. --exchange binance');
  return parseExchangeAccount({ exchange: values.exchange, name: values.name });
}

async function set(io: KeysIo, store: KeyStore, account: ExchangeAccount): Promise<number> {
  const stdin = io.stdin ?? process.stdin;
  let credentials: ExchangeCredentials;
  try {
    credentials = stdin.isTTY ? await askInTerminal(stdin, io, account) : parseCredentialLines(await readAll(stdin));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  await store.set(account, credentials);
  io.out(`saved the API key of ${accountId(account)} in the OS keychain${credentials.password === undefined ? '' : ' (with its passphrase)'}`);
  return 0;
}

async function list(io: KeysIo, store: KeyStore): Promise<number> {
  const accounts = await store.list();
  if (accounts.length === 0) io.err('no exchange API keys are saved; add one with `keel keys set --exchange NAME`');
  for (const account of accounts) io.out(accountId(account));
  return 0;
}

async function remove(io: KeysIo, store: KeyStore, account: ExchangeAccount): Promise<number> {
  if (!(await store.delete(account))) {
    io.err(`keel keys delete: no API key is saved for ${accountId(account)}; \`keel keys list\` shows the saved ones`);
    return 1;
  }
  io.out(`deleted the API key of ${accountId(account)} from the OS keychain`);
  return 0;
}

async function readAll(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_STDIN_BYTES) throw new RangeError(`stdin holds more than ${MAX_STDIN_BYTES} bytes; expected ${CREDENTIAL_LINES_HELP}`);
    chunks.push(buf);
  }
  if (size === 0) throw new RangeError(`nothing on stdin; expected ${CREDENTIAL_LINES_HELP}`);
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks for each value on stderr with echo off, so the key is neither on screen nor in scroll-back. */
async function askInTerminal(stdin: Readable, io: KeysIo, account: ExchangeAccount): Promise<ExchangeCredentials> {
  let muted = false;
  const echo = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: stdin, output: echo, terminal: true });
  const abort = new AbortController();
  rl.on('SIGINT', () => abort.abort());
  const ask = async (question: string) => {
    io.err(question);
    muted = true;
    try {
      return (await rl.question('', { signal: abort.signal })).trim();
    } finally {
      muted = false;
    }
  };
  try {
    io.err(`API key for ${accountId(account)} (input is hidden; press Enter after each):`);
    const apiKey = await ask('  API key:');
    const secret = await ask('  API secret:');
    const password = await ask('  passphrase (just Enter if the exchange has none):');
    return parseCredentials({ apiKey, secret, password: password === '' ? undefined : password });
  } catch (err) {
    if (abort.signal.aborted) throw new Error('cancelled; nothing was saved', { cause: err });
    throw err;
  } finally {
    rl.close();
  }
}
