// Messages over a local socket between the engine's process and the one that runs the trader's code
// (strategy-relay-worker.ts, code-host-process.ts): each a structured clone (node:v8's serializer, as a
// MessagePort's: NaN, undefined, typed arrays survive, where JSON would turn a warm-up bar's NaN volume
// into null), after its length in 4 bytes.
import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';

export function writeFrame(socket: Socket, message: unknown): void {
  const body = serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  socket.write(Buffer.concat([head, body]));
}

/** Calls `fn` with each whole message the socket brings, in order. */
export function readFrames(socket: Socket, fn: (message: unknown) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const size = pending.readUInt32LE(0);
      if (pending.length < 4 + size) break;
      const body = pending.subarray(4, 4 + size);
      pending = pending.subarray(4 + size);
      fn(deserialize(body));
    }
  });
}
