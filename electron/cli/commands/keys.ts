// `keel keys set|list|delete`: exchange API keys in the OS keychain. The keys are read from stdin,
// never from arguments (shell history keeps arguments and `ps` shows them to every user), and are
// never printed: `list` shows account names only.
import { parseArgs } from 'node:util';
import { Writable, type Readable } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { KEYCHAIN_TIMEOUT_MS, KeyStore } from '../../secrets/key-store.ts';
import { childKeychain } from '../../secrets/child-keychain.ts';
import { KEYCHAIN_TIMEOUT_ENV, keychainTimeoutMs } from '../../secrets/keychain-timeout.ts';
import { KeychainError } from '../../secrets/keychain-error.ts';
import { accountId, DEFAULT_ACCOUNT_NAME, parseExchangeAccount, type ExchangeAccount } from '../../secrets/exchange-account.ts';
import { CREDENTIAL_LINES_HELP, parseCredentialLines } from '../../secrets/credential-lines.ts';
import { parseCredentials, type ExchangeCredentials } from '../../secrets/credentials.ts';
import { loadExchangeClass } from '../../market/live/load-ccxt.ts';
import { helpPointer, subcommandError, refuseRepeated, usageError } from '../args.ts';
import type { CliIo } from '../io.ts';

export const KEYS_USAGE = `keel keys set --exchange NAME [--name ACCOUNT]   (key and secret on stdin)
keel keys list
keel keys delete --exchange NAME [--name ACCOUNT]

set     saves an exchange account's API key in the OS keychain. It reads them from stdin: the API
        key on line 1, the API secret on line 2 and, for exchanges that need one (OKX, KuCoin, ...),
        the passphrase on line 3. A secret that is a PEM private key (Coinbase's CDP keys) is given
        whole, line breaks and all, from its -----BEGIN line to its -----END line, and the passphrase,
        if any, goes on the line after it. Never from arguments: arguments stay in your shell history
        and every user on the machine can read them with \`ps\`. In a terminal it asks for each one
        without echoing it; otherwise pipe them in, e.g.
          pass show exchanges/binance | keel keys set --exchange binance
        An exchange that ccxt says needs a passphrase is refused without one.
list    prints the accounts that have keys, as exchange:name; never the keys.
delete  removes an account's keys from the keychain.

--exchange is a ccxt exchange id (binance, kraken, okx, ...); --name tells several accounts on one
exchange apart: 1 to 32 of a-z 0-9 - _, "${DEFAULT_ACCOUNT_NAME}" when left out.
Keys are kept only in the OS keychain (service "Keel": macOS Keychain, Windows Credential Manager,
Secret Service on Linux); Keel never writes them to a file, and refuses to save them if there is no keychain.
A keychain that does not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s (locked, its unlock prompt unanswered) stops the
command with exit 1; ${KEYCHAIN_TIMEOUT_ENV}=SECONDS waits longer (or less).`;

const SUBCOMMANDS = ['set', 'list', 'delete'] as const;

const ACCOUNT_OPTIONS = { exchange: { type: 'string' }, name: { type: 'string' } } as const;

/** Sanity cap on stdin: a key, a secret and a passphrase are well under a kilobyte. */
const MAX_STDIN_BYTES = 16 * 1024;

export interface KeysIo extends CliIo {
  /** Where `set` reads the credentials; process.stdin when absent. */
  stdin?: Readable & { isTTY?: boolean };
}

/** The credentials ccxt requires for an exchange (its `requiredCredentials`, only the ones set to true). */
export type RequiredCredentials = Partial<Record<string, boolean>>;

export interface KeysDeps {
  /** The store the command uses; `timeoutMs` is KEEL_KEYCHAIN_TIMEOUT_S's, or KEYCHAIN_TIMEOUT_MS. */
  openStore: (timeoutMs: number) => KeyStore;
  /**
   * Ends whatever the store still runs once the command is done (the keychain's child process, even while a
   * call that timed out hangs in it), so the command exits once it has printed why.
   */
  close?: () => void;
  /**
   * Throws a RangeError when Keel cannot trade on this exchange id, else says which credentials it
   * requires; loads its ccxt class when absent.
   */
  checkExchange?: (exchange: string) => Promise<RequiredCredentials>;
}

/** ccxt's requiredCredentials, read from an instance (describe() builds them; constructing one costs ~15 ms). */
async function ccxtRequiredCredentials(exchange: string): Promise<RequiredCredentials> {
  const { cls } = await loadExchangeClass(exchange);
  const required = (new cls() as { requiredCredentials?: Record<string, unknown> }).requiredCredentials ?? {};
  return Object.fromEntries(Object.entries(required).filter(([, v]) => v === true).map(([k]) => [k, true]));
}

/** What Keel keeps for an account (ExchangeCredentials); ccxt names the passphrase `password`. */
const KEPT = new Set(['apiKey', 'secret', 'password']);

/** The OS keychain through a child process (child-keychain.ts): a keychain that never answers cannot hang the command. */
function keychainDeps(): KeysDeps {
  const keychain = childKeychain();
  return { openStore: (timeoutMs) => new KeyStore(keychain, { timeoutMs }), close: () => keychain.close() };
}

export async function runKeys(argv: string[], io: KeysIo, deps: KeysDeps = keychainDeps()): Promise<number> {
  try {
    return await runSubcommand(argv, io, deps);
  } finally {
    deps.close?.();
  }
}

async function runSubcommand(argv: string[], io: KeysIo, deps: KeysDeps): Promise<number> {
  const checkExchange = deps.checkExchange ?? ccxtRequiredCredentials;
  const [sub, ...rest] = argv;
  if (sub === 'help' || sub === '--help' || sub === '-h') {
    io.out(`usage:\n${KEYS_USAGE}`);
    return 0;
  }
  if (sub !== 'set' && sub !== 'list' && sub !== 'delete') return subcommandError(io, 'keel keys', sub, SUBCOMMANDS);
  try {
    // An environment that cannot be read is said before the keychain is touched (exit 2, as a bad flag).
    const timeoutMs = keychainTimeoutMs(io.env);
    const openStore = () => deps.openStore(timeoutMs);
    if (sub === 'list') {
      parseArgs({ args: rest, options: {}, strict: true, allowPositionals: false });
      return await list(io, openStore());
    }
    const account = parseAccountArgs(rest);
    if (sub === 'delete') return await remove(io, openStore(), account);
    // A key saved under an id ccxt does not know (a typo, binance_us, b) could be listed but never armed;
    // delete stays lenient so such an entry can still be removed.
    const required = await checkExchange(account.exchange);
    // Nor one that needs more than Keel keeps (a uid, a wallet's private key): arming would always fail.
    const missing = Object.keys(required).filter((k) => required[k] === true && !KEPT.has(k));
    if (missing.length > 0) {
      throw new RangeError(
        `ccxt needs ${missing.join(' and ')} for ${account.exchange}, which Keel cannot store (it keeps an API key, a secret and a passphrase), so it cannot trade on ${account.exchange}; nothing was saved`,
      );
    }
    return await set(io, openStore(), account, required.password === true);
  } catch (err) {
    if (err instanceof KeychainError) {
      io.err(`keel keys ${sub}: ${err.message}`);
      return 1;
    }
    if (err instanceof InputError) {
      io.err(`keel keys ${sub}: ${err.message}\n${helpPointer(`keel keys ${sub}`)}`);
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
const SECRET_FLAG = /^--?(api[-_]?key|key|secret|api[-_]?secret|password|passphrase)(=|$)/i;

const NOT_AS_ARGUMENTS =
  'keys are never taken as arguments (shell history keeps them and `ps` shows them); pipe the API key and secret on stdin, one per line, or run the command in a terminal to be asked for them';

function parseAccountArgs(args: string[]): ExchangeAccount {
  if (args.some((a) => SECRET_FLAG.test(a))) throw new RangeError(NOT_AS_ARGUMENTS);
  const { values, positionals } = parseArgs({ args, options: ACCOUNT_OPTIONS, strict: true, allowPositionals: true });
  refuseRepeated(args, ACCOUNT_OPTIONS);
  // parseArgs would quote a stray argument back ("Unexpected argument '…'"), and the likeliest one is a pasted key.
  if (positionals.length > 0) throw new RangeError(`the exchange and account go in --exchange and --name, and ${NOT_AS_ARGUMENTS}`);
  if (values.exchange === undefined) throw new RangeError('--exchange is required, e.g. --exchange binance');
  return parseExchangeAccount({ exchange: values.exchange, name: values.name });
}

async function set(io: KeysIo, store: KeyStore, account: ExchangeAccount, needsPassphrase: boolean): Promise<number> {
  const stdin = io.stdin ?? process.stdin;
  let credentials: ExchangeCredentials;
  try {
    credentials = stdin.isTTY ? await askInTerminal(stdin, io, account) : parseCredentialLines(await readAll(stdin));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  // Saved without it, the key would only fail at arming, with ccxt's "requires password".
  if (needsPassphrase && credentials.password === undefined) {
    const where = stdin.isTTY ? 'enter it at the passphrase prompt' : `put it on the line after the API secret (line ${credentials.secret.split('\n').length + 2})`;
    throw new InputError(`${account.exchange} needs its API passphrase (the one chosen when the API key was created): ${where}; nothing was saved`);
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

/** The first line of a PEM block; a whole line only, so a block pasted on one line is not waited on. */
const PEM_BEGIN_LINE = /^-----BEGIN [A-Z0-9 ]+-----$/;

/**
 * Asks for each value on stderr with echo off, so the key is neither on screen nor in scroll-back. Lines
 * are queued as they come rather than asked for one at a time: a PEM secret pasted whole arrives as
 * several lines at once, and readline drops lines that come while no question is pending.
 */
async function askInTerminal(stdin: Readable, io: KeysIo, account: ExchangeAccount): Promise<ExchangeCredentials> {
  // Muted throughout: the prompts go to io.err, and readline's echo of what is typed or pasted never shows.
  const echo = new Writable({ write: (_chunk: Buffer, _enc, done) => done() });
  const rl = createInterface({ input: stdin, output: echo, terminal: true });
  const queued: string[] = [];
  let ended: Error | undefined;
  let wake = () => {};
  rl.on('line', (line) => {
    queued.push(line.trim());
    wake();
  });
  rl.on('SIGINT', () => {
    ended = new Error('cancelled; nothing was saved');
    wake();
  });
  rl.on('close', () => {
    ended ??= new Error('input ended before every value was given; nothing was saved');
    wake();
  });
  const nextLine = async (): Promise<string> => {
    while (queued.length === 0) {
      if (ended) throw ended;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return queued.shift()!;
  };
  const ask = (question: string) => {
    io.err(question);
    return nextLine();
  };
  try {
    io.err(`API key for ${accountId(account)} (input is hidden; press Enter after each; paste a PEM private key whole):`);
    const apiKey = await ask('  API key:');
    let secret = await ask('  API secret:');
    if (PEM_BEGIN_LINE.test(secret)) {
      const block = [secret];
      while (!block[block.length - 1]!.startsWith('-----END ')) block.push(await nextLine());
      secret = block.join('\n');
      // The paste's own trailing line break is not an answer to the next question.
      while (queued[0] === '') queued.shift();
    }
    const password = await ask('  passphrase (just Enter if the exchange has none):');
    return parseCredentials({ apiKey, secret, password: password === '' ? undefined : password });
  } finally {
    rl.close();
  }
}
