// The engine's local control channel: what `keel kill` from a terminal talks to, in the desktop app and in
// `keel serve` alike. A TCP server on 127.0.0.1 (any free port), announced with a token in a 0600 file in
// the data directory (control-file.ts). It lives in the engine's process and needs nothing from the UI, so
// it answers while a window hangs or a browser tab never reads.
//
// Protocol: one JSON line in, one JSON line out, then the connection closes.
//   → {"token": "...", "command": "kill", "flatten": false, "reason": "..."}   or "state"
//   ← {"ok": true, "result": {...}}   or   {"ok": false, "error": "..."}
// A wrong token, a line over 4 KiB or 5 s of silence closes the connection.
import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import type { Logger } from '../../app/logger.ts';
import { newToken, removeControlFile, writeControlFile } from './control-file.ts';

export type ControlCommand = { command: 'kill'; flatten: boolean; reason?: string | undefined } | { command: 'state' };

/** May answer later (a live kill waits a few seconds for the exchange to confirm its cancels). */
export type ControlHandler = (command: ControlCommand) => unknown;

export interface ControlServer {
  /** Resolves once it listens and the control file is written (to its path). */
  readonly ready: Promise<string>;
  close(): Promise<void>;
}

const MAX_LINE = 4096;
const IDLE_MS = 5_000;

function parseCommand(value: unknown): ControlCommand | string {
  if (typeof value !== 'object' || value === null) return 'the request must be a JSON object';
  const v = value as Record<string, unknown>;
  if (v.command === 'state') return { command: 'state' };
  if (v.command === 'kill') {
    if (v.flatten !== undefined && typeof v.flatten !== 'boolean') return 'flatten must be true or false';
    if (v.reason !== undefined && (typeof v.reason !== 'string' || v.reason.length > 200)) return 'reason must be text of at most 200 characters';
    return { command: 'kill', flatten: v.flatten === true, reason: v.reason as string | undefined };
  }
  return `unknown command ${JSON.stringify(v.command)}; commands: kill, state`;
}

export function startControlServer(options: { dataDir: string; shell: 'electron' | 'browser'; handle: ControlHandler; log: Logger }): ControlServer {
  const { dataDir, shell, handle, log } = options;
  const token = newToken();
  const expected = Buffer.from(token);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    let buffer = '';
    const reply = (body: unknown) => {
      socket.end(JSON.stringify(body) + '\n');
    };
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      if (buffer.length > MAX_LINE) return socket.destroy();
      const nl = buffer.indexOf('\n');
      if (nl === -1) return;
      const line = buffer.slice(0, nl);
      socket.removeAllListeners('data');
      let request: unknown;
      try {
        request = JSON.parse(line);
      } catch {
        return reply({ ok: false, error: 'the request is not JSON' });
      }
      const given = Buffer.from(String((request as { token?: unknown } | null)?.token ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        log.warn('risk', 'control channel: refused a request with a wrong token');
        return reply({ ok: false, error: 'wrong token' });
      }
      const command = parseCommand(request);
      if (typeof command === 'string') return reply({ ok: false, error: command });
      const failed = (err: unknown) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
      try {
        Promise.resolve(handle(command)).then((result) => reply({ ok: true, result }), failed);
      } catch (err) {
        failed(err);
      }
    });
  });
  server.maxConnections = 16;
  // The channel never keeps a process alive by itself.
  server.unref();
  const ready = new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as net.AddressInfo).port;
      try {
        const file = writeControlFile(dataDir, { port, token, pid: process.pid, shell });
        log.info('risk', `control channel on 127.0.0.1:${port} (${file}); \`keel kill\` reaches this Keel`);
        resolve(file);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
  // A failure here is logged; the app runs on without a control channel.
  ready.catch((err: unknown) => log.error('risk', 'the control channel could not start; `keel kill` will not reach this Keel', err));
  let closed: Promise<void> | undefined;
  return {
    ready,
    close() {
      closed ??= new Promise<void>((resolve) => {
        try {
          removeControlFile(dataDir, token);
        } catch {
          // the data directory may already be gone (tests)
        }
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
