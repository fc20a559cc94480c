// The OS keychain in a child process of its own (child-keychain.ts starts it): answers read, write and
// remove requests from its parent over the IPC channel, one at a time, with os-keychain.ts. It prints
// nothing, and a key's text travels only over that private channel, never in its arguments or environment.
import { osKeychain } from './os-keychain.ts';
import type { HostAnswer, HostRequest } from './child-keychain.ts';

const keychain = osKeychain(process.argv[2]);

async function answer(request: HostRequest): Promise<HostAnswer> {
  try {
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

process.on('message', (request: HostRequest) => {
  void answer(request).then((a) => process.send?.(a));
});
// The parent has gone (or closed the keychain): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
