// The desktop app's way to start the engine's child processes (app/child-line.ts): the one the trader's code
// runs in (strategies/code-host.ts) and the one that reaches the OS keychain (secrets/child-keychain.ts).
// Electron's utilityProcess, a Node process of Electron's own: Node's fork would need ELECTRON_RUN_AS_NODE,
// which the packaged app's fuses turn off (electron-builder.yml) so that Keel cannot be used as a Node interpreter.
import { utilityProcess } from 'electron';
import type { ChildLine, ChildOptions, ChildStarter } from '../app/child-line.ts';

export const utilityHost: ChildStarter = <In, Out>(entry: string, options: ChildOptions): ChildLine<In, Out> => {
  const child = utilityProcess.fork(entry, [], { serviceName: options.name, stdio: 'inherit', execArgv: options.execArgv });
  let ended = false;
  child.once('exit', () => (ended = true));
  return {
    send: (m) => {
      if (!ended) child.postMessage(m);
    },
    onMessage: (fn) => child.on('message', (m: Out) => fn(m)),
    onExit: (fn) => child.once('exit', (code) => fn(`exit code ${code}`)),
    kill: () => void child.kill(),
  };
};
