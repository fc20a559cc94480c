// The OS keychain in a child process of its own (child-keychain.ts starts it, with the shell's starter: Node's
// fork, or Electron's utilityProcess in the desktop app): answers read, write and remove requests from its
// parent, one message each, with os-keychain.ts. It prints nothing, and a key's text travels only over that
// private channel, never in its arguments or environment.
import { osKeychain } from './os-keychain.ts';
import type { HostAnswer, HostRequest } from './child-keychain.ts';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
}

// Electron's utilityProcess talks through process.parentPort; Node's fork through process.send.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (a: HostAnswer) => (parentPort ? parentPort.postMessage(a) : process.send?.(a));
const onMessage = (fn: (r: HostRequest) => void) => (parentPort ? parentPort.on('message', (e) => fn(e.data as HostRequest)) : process.on('message', (r) => fn(r as HostRequest)));

async function answer(request: HostRequest): Promise<HostAnswer> {
  try {
    const keychain = osKeychain(request.service);
    if (request.op === 'read') return { id: request.id, ok: true, value: await keychain.read(request.account) };
    if (request.op === 'write') {
      await keychain.write(request.account, request.text);
      return { id: request.id, ok: true, value: undefined };
    }
    return { id: request.id, ok: true, value: await keychain.remove(request.account) };
  } catch (err) {
    return { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

onMessage((request) => void answer(request).then(send));
// The parent has gone (fork's channel closed): nothing is left to answer. (A utilityProcess ends with its app.)
process.on('disconnect', () => process.exit(0));
