// The desktop app's way to start the process the trader's code runs in (strategies/code-host.ts): Electron's
// utilityProcess, a Node process of Electron's own. Node's fork would need ELECTRON_RUN_AS_NODE, which the
// packaged app's fuses turn off (electron-builder.yml) so that Keel cannot be used as a Node interpreter.
import { utilityProcess } from 'electron';
import type { FromHost, HostSpawner } from '../strategies/code-host-protocol.ts';
import { hostExecArgv } from '../strategies/code-host.ts';

export const utilityHost: HostSpawner = (entry) => {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Keel strategies', stdio: 'inherit', execArgv: hostExecArgv(process.env) });
  let ended = false;
  child.once('exit', () => (ended = true));
  return {
    send: (m) => {
      if (!ended) child.postMessage(m);
    },
    onMessage: (fn) => child.on('message', (m: FromHost) => fn(m)),
    onExit: (fn) => child.once('exit', (code) => fn(`exit code ${code}`)),
    kill: () => void child.kill(),
  };
};
