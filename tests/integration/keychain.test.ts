// Exchange API keys against a REAL Secret Service: a private dbus-daemon and gnome-keyring-daemon
// (tests/helpers/secret-service.ts), with `keel keys` and the engine's KeyStore run as child processes
// in that session, exactly as a user's shell would run them. Also: every way there can be no keychain
// fails with a clear message and writes nothing, and a full session leaves no key in the journal or logs.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBridge } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT, startKeelServe } from '../helpers/keel-serve.ts';
import { secretServiceUnavailableReason, startSecretService, type KeyringState, type SecretServiceSession } from '../helpers/secret-service.ts';

// Shaped like real Binance keys (64 alphanumerics); unique per run so a match can only come from this run.
const tag = `${process.pid}${Date.now()}`;
const API_KEY = `KeelTestApiKey${tag}vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv`;
const SECRET = `KeelTestSecret${tag}NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP`;
const PASSPHRASE = `KeelTestPass${tag}`;
const SECRETS = [API_KEY, SECRET, PASSPHRASE];

const KEY_STORE_URL = pathToFileURL(path.join(REPO_ROOT, 'electron/secrets/key-store.ts')).href;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function keel(env: NodeJS.ProcessEnv, args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [KEEL_BIN, ...args], { cwd: REPO_ROOT, env, input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The engine side: KeyStore in its own process (as the live broker will use it), answering with JSON. */
function engine(env: NodeJS.ProcessEnv, body: string): unknown {
  const script = `import { KeyStore } from ${JSON.stringify(KEY_STORE_URL)};\nconst store = new KeyStore();\nconst result = await (async () => { ${body} })();\nprocess.stdout.write(JSON.stringify(result ?? null));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`engine script failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Every regular file under `dirs` (sockets and FIFOs skipped), with the secrets each contains, as UTF-8 or UTF-16. */
function filesContainingSecrets(dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
    else if (st.isFile()) {
      const bytes = readFileSync(p);
      for (const s of SECRETS) if (bytes.includes(s, 0, 'utf8') || bytes.includes(s, 0, 'utf16le')) found.push(`${p} holds ${s === API_KEY ? 'the API key' : s === SECRET ? 'the secret' : 'the passphrase'}`);
    }
  };
  for (const d of dirs) walk(d);
  return found;
}

function textsContainingSecrets(texts: Record<string, string>): string[] {
  return Object.entries(texts).flatMap(([where, text]) => SECRETS.filter((s) => text.includes(s)).map(() => `${where} shows a secret`));
}

function minuteCsv(count: number): string {
  const t0 = Date.UTC(2024, 0, 1);
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) lines.push(`${t0 + i * 60_000},100,101,99,100.5,3`);
  return lines.join('\n') + '\n';
}

const skipReason = secretServiceUnavailableReason();
/** util-linux's `script` (Debian: bsdutils, always installed) runs a command on a pseudo-terminal. */
const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
if (skipReason) console.warn(`keychain.test.ts: the real-Secret-Service tests are skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(`API keys in a real Secret Service (gnome-keyring)${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  let session: SecretServiceSession;
  beforeAll(async () => {
    session = await startSecretService('unlocked');
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('set → list shows names only → the engine reads the credentials → delete → gone', () => {
    const { env } = session;
    const outputs: Record<string, string> = {};
    const run = (label: string, args: string[], input?: string) => {
      const r = keel(env, args, input);
      outputs[`${label} stdout`] = r.out;
      outputs[`${label} stderr`] = r.err;
      return r;
    };

    const set = run('set', ['keys', 'set', '--exchange', 'okx', '--name', 'sub1'], `${API_KEY}\n${SECRET}\n${PASSPHRASE}\n`);
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    expect(set.out).toBe('saved the API key of okx:sub1 in the OS keychain (with its passphrase)\n');
    expect(run('set binance', ['keys', 'set', '--exchange', 'binance'], `${API_KEY}\n${SECRET}\n`).code).toBe(0);

    const list = run('list', ['keys', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toBe('binance:main\nokx:sub1\n');

    expect(engine(env, `return [await store.has({ exchange: 'okx', name: 'sub1' }), await store.get({ exchange: 'okx', name: 'sub1' }), await store.list()]`)).toEqual([
      true,
      { apiKey: API_KEY, secret: SECRET, password: PASSPHRASE },
      [
        { exchange: 'binance', name: 'main' },
        { exchange: 'okx', name: 'sub1' },
      ],
    ]);
    expect(engine(env, `return store.get({ exchange: 'binance' })`)).toEqual({ apiKey: API_KEY, secret: SECRET });

    const del = run('delete', ['keys', 'delete', '--exchange', 'okx', '--name', 'sub1']);
    expect(del.code).toBe(0);
    expect(del.out).toBe('deleted the API key of okx:sub1 from the OS keychain\n');
    expect(run('list after delete', ['keys', 'list']).out).toBe('binance:main\n');
    expect(engine(env, `return [await store.has({ exchange: 'okx', name: 'sub1' }), await store.get({ exchange: 'okx', name: 'sub1' })]`)).toEqual([false, null]);
    expect(run('delete again', ['keys', 'delete', '--exchange', 'okx', '--name', 'sub1']).code).toBe(1);

    expect(run('delete binance', ['keys', 'delete', '--exchange', 'binance']).code).toBe(0);
    const empty = run('list empty', ['keys', 'list']);
    expect(empty.out).toBe('');
    expect(empty.err).toMatch(/no exchange API keys are saved/);

    expect(textsContainingSecrets(outputs)).toEqual([]);
  });

  it('keeps a Coinbase CDP key whose secret is a PEM block exactly, line breaks included', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    const set = keel(session.env, ['keys', 'set', '--exchange', 'coinbase', '--name', 'cdp'], `${API_KEY}\n${pem}`);
    expect(set.err).toBe('');
    expect(set.out).toBe('saved the API key of coinbase:cdp in the OS keychain\n');
    expect(engine(session.env, `return store.get({ exchange: 'coinbase', name: 'cdp' })`)).toEqual({ apiKey: API_KEY, secret: pem.trim() });
    // And an exchange ccxt says needs a passphrase is refused without one, before the keychain is touched.
    const okx = keel(session.env, ['keys', 'set', '--exchange', 'okx', '--name', 'nopass'], `${API_KEY}\n${SECRET}\n`);
    expect(okx.code).toBe(2);
    expect(okx.err).toMatch(/^keel keys set: okx needs its API passphrase .*on the line after the API secret \(line 3\); nothing was saved/);
    expect(keel(session.env, ['keys', 'list']).out).toBe('coinbase:cdp\n');
    expect(keel(session.env, ['keys', 'delete', '--exchange', 'coinbase', '--name', 'cdp']).code).toBe(0);
    expect(textsContainingSecrets({ set: set.out + set.err, okx: okx.out + okx.err })).toEqual([]);
    for (const line of pem.trim().split('\n').slice(1, -1)) expect(set.out + set.err + okx.err).not.toContain(line);
  });

  it.skipIf(!hasScript)('in a terminal, asks for each value without echoing it', async () => {
    // `script` gives keel a pseudo-terminal, so it takes its interactive path (stdin.isTTY).
    const command = [process.execPath, KEEL_BIN, 'keys', 'set', '--exchange', 'kucoin', '--name', 'tty'].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, env: session.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    const onData = (d: Buffer) => {
      screen += d.toString();
      for (const w of waiters.filter((w) => screen.includes(w.text))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const shown = (text: string) => new Promise<void>((resolve) => (screen.includes(text) ? resolve() : waiters.push({ text, resolve })));

    await shown('API key:');
    child.stdin.write(`${API_KEY}\r`);
    await shown('API secret:');
    child.stdin.write(`${SECRET}\r`);
    await shown('passphrase');
    child.stdin.write(`${PASSPHRASE}\r`);
    expect(await exited).toBe(0);
    expect(screen).toContain('saved the API key of kucoin:tty in the OS keychain (with its passphrase)');
    expect(textsContainingSecrets({ terminal: screen })).toEqual([]);
    expect(engine(session.env, `return store.get({ exchange: 'kucoin', name: 'tty' })`)).toEqual({ apiKey: API_KEY, secret: SECRET, password: PASSPHRASE });
    expect(keel(session.env, ['keys', 'delete', '--exchange', 'kucoin', '--name', 'tty']).code).toBe(0);
  });

  it('after a full session (keys set, candles imported, keel serve run with debug logs) no file or log holds a key', async () => {
    const { env, home } = session;
    const dataDir = path.join(home, 'data');
    const debugEnv = { ...env, KEEL_LOG_LEVEL: 'debug' };
    const outputs: Record<string, string> = {};

    const set = keel(debugEnv, ['keys', 'set', '--exchange', 'okx'], `${API_KEY}\n${SECRET}\n${PASSPHRASE}\n`);
    expect(set.code).toBe(0);
    outputs['keys set'] = set.out + set.err;

    const csv = path.join(home, 'candles.csv');
    writeFileSync(csv, minuteCsv(500));
    const imported = keel(debugEnv, ['import', csv, '--exchange', 'okx', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    outputs['import'] = imported.out + imported.err;

    // The engine reads the key and logs the broker config the way engine code should: through redact().
    const logFile = path.join(dataDir, 'engine.log');
    const broker = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { appendFileSync } from 'node:fs';
         import { KeyStore } from ${JSON.stringify(KEY_STORE_URL)};
         import { redact } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'electron/secrets/redact.ts')).href)};
         import { createLogger } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'electron/app/logger.ts')).href)};
         const log = createLogger((line) => appendFileSync(${JSON.stringify(logFile)}, line + '\\n'), 'debug');
         const credentials = await new KeyStore().get({ exchange: 'okx' });
         if (!credentials) throw new Error('no credentials');
         log.info('broker', 'connecting with ' + JSON.stringify(redact({ exchange: 'okx', enableRateLimit: true, ...credentials })));`,
      ],
      { cwd: REPO_ROOT, env: debugEnv, encoding: 'utf8', timeout: 30_000 },
    );
    expect(broker.stderr).toBe('');
    expect(readFileSync(logFile, 'utf8')).toMatch(/connecting with \{"exchange":"okx","enableRateLimit":true,"apiKey":"\[redacted\]"/);
    outputs['broker'] = broker.stdout + broker.stderr;

    const serve = await startKeelServe({ dataDir, env: debugEnv });
    try {
      // A served page also proves `keel serve` got past start-up (and set its SIGTERM handler) before we stop it.
      expect((await fetch(serve.url)).status).toBe(200);
      // The Go live dialog's list: the engine reads the keychain through its own child process (child-keychain.ts).
      const client = await connectBridge(serve);
      try {
        expect(await client.commands['trading.mode']({})).toMatchObject({ mode: 'paper', accounts: ['okx:main'], keychainError: null });
      } finally {
        client.close();
      }
      // Scanned while the journal is open: the WAL is still there.
      expect(filesContainingSecrets([dataDir])).toEqual([]);
    } finally {
      expect(await serve.stop()).toBe(0);
      outputs['serve'] = serve.stderr();
    }

    // The scan reads real content: the journal file does hold the imported series.
    expect(readFileSync(path.join(dataDir, 'journal.sqlite')).includes('BTC/USDT')).toBe(true);
    expect(textsContainingSecrets(outputs)).toEqual([]);
    // The whole throw-away HOME, keyring files included (gnome-keyring encrypts them), the data dir and the log.
    expect(filesContainingSecrets([home])).toEqual([]);
    // And the key really is in the keychain.
    expect(engine(env, `return (await store.get({ exchange: 'okx' }))?.apiKey === ${JSON.stringify(API_KEY)}`)).toBe(true);
  });
});

describe.skipIf(skipReason !== undefined)('no usable Secret Service: saving fails, says why, and writes nothing', () => {
  const cases: [KeyringState, RegExp][] = [
    ['no-secret-service', /no Secret Service answers on the D-Bus session bus/],
    ['no-keyring', /the Secret Service has no default keyring to store into/],
    ['locked', /the keychain is locked and was not unlocked/],
  ];
  it.each(cases)('%s', async (state, why) => {
    const session = await startSecretService(state);
    try {
      const dataDir = path.join(session.home, 'data');
      const env = { ...session.env, KEEL_DATA_DIR: dataDir };
      const r = keel(env, ['keys', 'set', '--exchange', 'binance'], `${API_KEY}\n${SECRET}\n`);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^keel keys set: no OS keychain is available: /);
      expect(r.err).toMatch(why);
      expect(r.err).toContain('Keel stores API keys only in the system keychain (Secret Service on Linux: install and unlock gnome-keyring or KWallet); nothing was saved');
      expect(textsContainingSecrets({ stderr: r.err })).toEqual([]);
      expect(existsSync(dataDir)).toBe(false);
      expect(filesContainingSecrets([session.home])).toEqual([]);
    } finally {
      await session.stop();
    }
  });
});

describe('no D-Bus session bus at all (SSH, headless)', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'keel-nobus-'));
    mkdirSync(path.join(home, 'run'), { mode: 0o700 });
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('set and list fail with the reason, and nothing is written', () => {
    // An empty XDG_RUNTIME_DIR too: libdbus would otherwise find the developer's bus at $XDG_RUNTIME_DIR/bus.
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: path.join(home, 'run'), KEEL_DATA_DIR: path.join(home, 'data') };
    for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) delete env[name];
    const set = keel(env, ['keys', 'set', '--exchange', 'binance'], `${API_KEY}\n${SECRET}\n`);
    expect(set.code).toBe(1);
    expect(set.err).toMatch(/^keel keys set: no OS keychain is available: there is no D-Bus session bus/);
    expect(set.err).toContain('nothing was saved');
    const list = keel(env, ['keys', 'list']);
    expect(list.code).toBe(1);
    expect(list.err).toMatch(/no OS keychain is available: .*no API key could be read/);
    expect(textsContainingSecrets({ set: set.out + set.err, list: list.out + list.err })).toEqual([]);
    expect(filesContainingSecrets([home])).toEqual([]);
    expect(readdirSync(home)).toEqual(['run']);
  });
});
