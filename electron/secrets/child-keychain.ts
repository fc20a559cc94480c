// The OS keychain reached through a child process (keychain-host.ts), for `keel keys` and the app's engine.
// On Linux the keychain library (@napi-rs/keyring) connects to D-Bus synchronously, on the calling thread,
// with no time limit: against a bus that accepts the connection and never answers (a hung dbus-daemon, a
// stopped keyring daemon behind it) it blocked Node's only thread. In `keel keys` KeyStore's time limit then
// never fired and the command hung without a word; in the engine every command stopped answering, the kill
// switch included, the moment the Go live dialog asked which accounts have keys. A call that did start and
// then waited (an unlock prompt) left a native task behind. Neither can be cancelled in-process (a worker
// thread stuck in native code holds up even process.exit), but a child process can be killed: KeyStore calls
// close() when a call runs out of time, and the next call starts a new process.
//
// The process is started by the shell's starter (app/child-line.ts): Node's fork in `keel keys` and
// `keel serve`, Electron's utilityProcess in the desktop app, from the entry workerUrl finds (the .ts source,
// or the keychain-host.js the desktop build writes beside the main process).
import { fileURLToPath } from 'node:url';
import { forkChild, type ChildLine, type ChildStarter } from '../app/child-line.ts';
import { workerUrl } from '../backtest/worker-url.ts';
import type { SecretBackend } from './os-keychain.ts';

/** One keychain call; the host answers it under the request's id. `service`: os-keychain.ts's when absent. */
type HostCall = { op: 'read'; account: string } | { op: 'remove'; account: string } | { op: 'write'; account: string; text: string };
export type HostRequest = HostCall & { id: number; service?: string };
export type HostAnswer = { id: number; ok: true; value: string | boolean | null | undefined } | { id: number; ok: false; message: string };

export interface ClosableSecretBackend extends SecretBackend {
  /** Ends the child, killing it with any call still running in it (those calls fail). A later call starts a new one. */
  close(): void;
}

export interface ChildKeychainOptions {
  /** The keychain service the entries are filed under; os-keychain.ts's KEYCHAIN_SERVICE when absent. */
  service?: string;
  /** How the process is started: Node's fork by default; the desktop app's utilityProcess. */
  start?: ChildStarter;
}

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

export function childKeychain(options: ChildKeychainOptions = {}): ClosableSecretBackend {
  const start = options.start ?? forkChild;
  let child: ChildLine<HostRequest, HostAnswer> | undefined;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const failAll = (why: string) => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };

  const launch = (): ChildLine<HostRequest, HostAnswer> => {
    const c = start<HostRequest, HostAnswer>(fileURLToPath(workerUrl('keychain-host')), { name: 'Keel keychain', execArgv: [] });
    c.onMessage((a) => {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      if (a.ok) p.resolve(a.value);
      else p.reject(new Error(a.message));
    });
    c.onExit((how) => {
      // A process close() ended has had its calls failed already; a later one may be running by now.
      if (child !== c) return;
      child = undefined;
      failAll(`the keychain helper process ended (${how}) before it answered`);
    });
    return c;
  };

  const call = <T>(request: HostCall): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      child ??= launch();
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...request, id, service: options.service });
    });

  return {
    read: (account) => call<string | null>({ op: 'read', account }),
    write: (account, text) => call<void>({ op: 'write', account, text }),
    remove: (account) => call<boolean>({ op: 'remove', account }),
    close: () => {
      const c = child;
      child = undefined;
      if (!c) return;
      // A call stuck in the keychain library cannot be asked to stop: the process is killed, idle or not.
      failAll('the keychain was closed before it answered');
      c.kill();
    },
  };
}
