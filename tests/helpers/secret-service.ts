// A private, real Secret Service for tests: its own D-Bus session bus (dbus-daemon) and its own
// gnome-keyring-daemon, both children of the test process, in a throw-away HOME. Commands run with
// `session.env` then use that keychain, never the developer's, and nothing outlives the test.
//
// The bus config has no service directories, so D-Bus cannot auto-start the system's gnome-keyring
// (or its GUI unlock prompter) behind our back: what answers is exactly what the test started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopChild } from './stop-child.ts';

const BINARIES = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon'] as const;

/** Why these tests cannot run here (a binary is missing), or undefined when they can. */
export function secretServiceUnavailableReason(): string | undefined {
  const missing = BINARIES.filter((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0);
  if (missing.length === 0) return undefined;
  return `${missing.join(' and ')} not installed (Debian: apt-get install dbus dbus-x11 gnome-keyring)`;
}

export type KeyringState =
  /** gnome-keyring with an unlocked login keyring: a working keychain. */
  | 'unlocked'
  /** A session bus with nothing on it that provides org.freedesktop.secrets. */
  | 'no-secret-service'
  /** gnome-keyring running, but with no keyring to store into (it was never created or unlocked). */
  | 'no-keyring'
  /** A login keyring that exists but is locked, and no prompter to unlock it (as over SSH). */
  | 'locked';

export interface SecretServiceSession {
  /** Environment for child processes: private bus, throw-away HOME and XDG directories, no display. */
  env: NodeJS.ProcessEnv;
  home: string;
  stop(): Promise<void>;
}

const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${tmpdir()}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

/** The login keyring's password; gnome-keyring encrypts the keyring file with it. */
const KEYRING_PASSWORD = 'keel-test-keyring';

export interface SecretServiceOptions {
  /** For 'locked': runs while the login keyring is still unlocked, e.g. to save a key that then sits in a locked keyring. */
  whileUnlocked?: (env: NodeJS.ProcessEnv) => void | Promise<void>;
}

export async function startSecretService(state: KeyringState = 'unlocked', options: SecretServiceOptions = {}): Promise<SecretServiceSession> {
  const home = mkdtempSync(path.join(tmpdir(), 'keel-keychain-'));
  const runtime = path.join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const busConfig = path.join(home, 'bus.conf');
  writeFileSync(busConfig, BUS_CONFIG);
  const children: ChildProcess[] = [];
  const stop = async () => {
    // Keyring first: it exits on its own when the bus goes, but not before a last write to HOME.
    for (const child of children.reverse()) await stopChild(child);
    rmSync(home, { recursive: true, force: true });
  };

  try {
    const bus = spawn('dbus-daemon', [`--config-file=${busConfig}`, '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(bus);
    const address = (await firstLine(bus, /^unix:\S+/, 'dbus-daemon')).trim();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_RUNTIME_DIR: runtime,
      DBUS_SESSION_BUS_ADDRESS: address,
    };
    for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL', 'SSH_AUTH_SOCK', 'KEEL_DATA_DIR']) delete env[name];

    // --unlock reads the login keyring's password from stdin and creates the keyring if it does not
    // exist; without it the daemon serves the API but its keyring stays locked (or absent).
    const startKeyring = async (unlock: boolean) => {
      const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--components=secrets', ...(unlock ? ['--unlock'] : [])], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      children.push(keyring);
      keyring.stdin!.end(unlock ? KEYRING_PASSWORD : '');
      await waitFor(keyring, env, unlock ? defaultCollectionReady : secretServiceOnBus);
      return keyring;
    };
    if (state === 'locked') {
      // Create the login keyring, then restart the daemon without the password: it finds the keyring locked.
      const first = await startKeyring(true);
      await options.whileUnlocked?.(env);
      await stopChild(first);
      await waitForNot(env, secretServiceOnBus);
    }
    if (state !== 'no-secret-service') await startKeyring(state === 'unlocked');
    return { env, home, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

type Probe = (env: NodeJS.ProcessEnv) => boolean;

function dbusSend(env: NodeJS.ProcessEnv, args: string[]): string {
  const r = spawnSync('dbus-send', ['--session', '--print-reply', ...args], { env, encoding: 'utf8', timeout: 5000 });
  return r.status === 0 ? r.stdout : '';
}

const secretServiceOnBus: Probe = (env) =>
  /boolean true/.test(dbusSend(env, ['--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets']));

/** The "default" alias points at a collection (the unlocked login keyring), not at "/". */
const defaultCollectionReady: Probe = (env) =>
  /object path "\/org\/freedesktop\/secrets\/collection\/\w+"/.test(
    dbusSend(env, ['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default']),
  );

/** Polls until `ready` holds; fails early if the daemon exits. gnome-keyring prints nothing reliable to wait on. */
async function waitFor(child: ChildProcess, env: NodeJS.ProcessEnv, ready: Probe): Promise<void> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.resume();
  const deadline = Date.now() + 10_000;
  while (!ready(env)) {
    if (child.exitCode !== null) throw new Error(`gnome-keyring-daemon exited with ${child.exitCode}; stderr: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`gnome-keyring-daemon was not ready in 10 s; stderr: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForNot(env: NodeJS.ProcessEnv, probe: Probe): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (probe(env)) {
    if (Date.now() > deadline) throw new Error('the previous gnome-keyring-daemon did not leave the bus in 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function firstLine(child: ChildProcess, pattern: RegExp, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${name} printed nothing matching ${pattern} in 10 s; stderr: ${err}`)), 10_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready; stderr: ${err}`));
    });
  });
}
