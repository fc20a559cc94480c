// A D-Bus "session bus" that never answers, for tests: a Unix socket that accepts every connection and
// reads what the client says, and writes nothing back (not even to its AUTH line), as a hung dbus-daemon or
// a stopped keyring daemon behind it does. The keychain library then waits inside its native code with no
// time limit of its own; what Keel must do about that is what the tests using this check.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SilentBus {
  /** For DBUS_SESSION_BUS_ADDRESS. */
  address: string;
  /** Connections accepted so far. */
  accepted(): number;
  /** Connections still open: a client stuck on the bus holds one until its process ends. */
  open(): number;
  /** Resolves once no connection is open, or rejects after `ms`. */
  allClosed(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSilentBus(): Promise<SilentBus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'keel-silent-bus-'));
  const socket = path.join(dir, 'bus');
  const connections = new Set<Socket>();
  let accepted = 0;
  const server = createServer((c) => {
    accepted++;
    connections.add(c);
    c.once('close', () => connections.delete(c));
    c.on('error', () => {});
    c.resume();
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    address: `unix:path=${socket}`,
    accepted: () => accepted,
    open: () => connections.size,
    async allClosed(ms) {
      const deadline = Date.now() + ms;
      while (connections.size > 0) {
        if (Date.now() > deadline) throw new Error(`${connections.size} connection(s) to the silent bus still open after ${ms} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      for (const c of connections) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** process.env with the session bus at `address`, and no display (no unlock prompt can be shown). */
export function silentBusEnv(address: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, ...extra };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'KEEL_DATA_DIR']) delete env[name];
  return env;
}
