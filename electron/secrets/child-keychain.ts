// The OS keychain reached through a child process (keychain-host.ts), for `keel keys`. On Linux the
// keychain library (@napi-rs/keyring) connects to D-Bus synchronously, on the calling thread, with no time
// limit: against a bus that accepts the connection and never answers (a hung dbus-daemon, a stopped keyring
// daemon behind it) it blocked Node's only thread, so KeyStore's time limit never fired and `keel keys` hung
// without a word. A call that did start and then waited (an unlock prompt) left a native task that kept the
// process alive after the timeout was printed. Neither can be cancelled in-process (a worker thread stuck in
// native code holds up even process.exit), but a child process can be killed: close() does that, so the
// command always ends once it has said why.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KEYCHAIN_SERVICE, type SecretBackend } from './os-keychain.ts';

/** One keychain call; the host answers it under the request's id. */
type HostCall = { op: 'read'; account: string } | { op: 'remove'; account: string } | { op: 'write'; account: string; text: string };
export type HostRequest = HostCall & { id: number };
export type HostAnswer = { id: number; ok: true; value: string | boolean | null | undefined } | { id: number; ok: false; message: string };

export interface ClosableSecretBackend extends SecretBackend {
  /** Ends the child: an idle one leaves by itself, one with a call still running in it is killed. A later call starts a new one. */
  close(): void;
}

const HOST = fileURLToPath(new URL('./keychain-host.ts', import.meta.url));

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

export function childKeychain(service: string = KEYCHAIN_SERVICE): ClosableSecretBackend {
  let child: ChildProcess | undefined;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const failAll = (why: string) => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };

  const start = (): ChildProcess => {
    // Node before 22.18 runs TypeScript only when asked, as bin/keel.js asks for the CLI itself (and then
    // process.features.typescript is set by that flag, which a fork would not pass on without being told).
    const stripsByDefault = process.features.typescript && !process.execArgv.includes('--experimental-strip-types');
    const execArgv = stripsByDefault ? [] : ['--experimental-strip-types', '--no-warnings'];
    const c = fork(HOST, [service], { execArgv, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' });
    // Only a call in flight keeps this process alive (call() refs the channel), never an idle child.
    c.unref();
    c.on('message', (a: HostAnswer) => {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      if (a.ok) p.resolve(a.value);
      else p.reject(new Error(a.message));
      // Idle: the channel does not keep the parent alive; a call in flight does (KeyStore's timer bounds it).
      if (pending.size === 0) c.channel?.unref();
    });
    c.on('error', (err) => {
      if (child === c) child = undefined;
      failAll(`the keychain helper process failed: ${err.message}`);
    });
    c.on('exit', (code, signal) => {
      if (child === c) child = undefined;
      failAll(`the keychain helper process ended (${signal ?? `exit code ${code}`}) before it answered`);
    });
    return c;
  };

  const call = <T>(request: HostCall): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      child ??= start();
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.channel?.ref();
      const sent: HostRequest = { ...request, id };
      child.send(sent);
    });

  return {
    read: (account) => call<string | null>({ op: 'read', account }),
    write: (account, text) => call<void>({ op: 'write', account, text }),
    remove: (account) => call<boolean>({ op: 'remove', account }),
    close: () => {
      const c = child;
      child = undefined;
      if (!c) return;
      if (pending.size === 0) {
        // Idle: it exits on the channel's end (keychain-host.ts), between calls, where nothing is half done.
        c.disconnect();
        return;
      }
      // Stuck in the keychain library (a timed-out call): nothing in it can answer a request to stop.
      failAll('the keychain was closed before it answered');
      c.kill('SIGKILL');
    },
  };
}
