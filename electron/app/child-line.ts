// The engine's child processes, as it holds them: code that must not run on the engine's own thread or in its
// process (the trader's code, strategies/code-host.ts; the OS keychain, secrets/child-keychain.ts) runs in a
// process the engine talks to by messages and can kill. How that process is started is the shell's choice:
// Node's fork in `keel serve`, the CLI and the tests (forkChild, here); Electron's utilityProcess in the
// desktop app (main/code-host-utility.ts), whose packaged binary does not run as Node. Both shells hand
// their starter to createKeel, which uses it for every such process.
import { fork } from 'node:child_process';

/** A child process started from an entry file, talked to by structured-clone messages. */
export interface ChildLine<In, Out> {
  send(message: In): void;
  onMessage(fn: (message: Out) => void): void;
  /** Once, when the process has ended (or could not start): how (an exit code, the signal, or the error). */
  onExit(fn: (how: string) => void): void;
  kill(): void;
}

export interface ChildOptions {
  /** What the OS shows the process as, where it can (utilityProcess's serviceName). */
  name: string;
  /** Node flags for the process (a heap cap). */
  execArgv: string[];
}

/** Starts `entry` (a .ts source, or the built .js in the desktop app) as a child process. */
export type ChildStarter = <In, Out>(entry: string, options: ChildOptions) => ChildLine<In, Out>;

/**
 * Node before 22.18 runs TypeScript only when asked, as bin/keel.js asks for the CLI itself; a fork given
 * execArgv of its own does not inherit that flag, so a .ts entry is given it again.
 */
function typeStripping(entry: string): string[] {
  if (!entry.endsWith('.ts')) return [];
  const stripsByDefault = process.features.typescript && !process.execArgv.includes('--experimental-strip-types');
  return stripsByDefault ? [] : ['--experimental-strip-types', '--no-warnings'];
}

/** Node's fork: `keel serve`, the CLI, the tests. */
export const forkChild: ChildStarter = <In, Out>(entry: string, options: ChildOptions): ChildLine<In, Out> => {
  const child = fork(entry, [], { serialization: 'advanced', execArgv: [...typeStripping(entry), ...options.execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // A process that could not start says so with 'error' and never 'exit': that too is its end. (Other
  // 'error's, a failed send or kill, leave it running; handled, so they do not throw here.)
  const ended = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`));
    child.on('error', (err) => {
      if (child.pid === undefined) resolve(`it could not start: ${err.message}`);
    });
  });
  return {
    send: (m) => {
      if (child.connected) child.send(m as object);
    },
    onMessage: (fn) => child.on('message', (m) => fn(m as Out)),
    onExit: (fn) => void ended.then(fn),
    kill: () => void child.kill(),
  };
};
