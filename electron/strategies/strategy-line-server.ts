// In the process for the trader's code (code-host-process.ts): the socket a strategy running on an account
// reaches its thread through. Each connection is one strategy: its first message (with the token) says
// which file, strategy and parameters; a strategy-worker thread is started here on them, and from then on
// the connection and the thread's synchronous line carry the same messages as the in-process line would
// (strategy-thread.ts), relayed as they come: this process's event loop never waits. The engine's side is
// strategy-relay-worker.ts. The thread ending by itself (out of memory) is told as 'gone'; the connection
// closing (the strategy stopped, or its engine gone) terminates the thread.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { workerUrl } from '../backtest/worker-url.ts';
import type { HostLine } from './code-host-protocol.ts';
import { readFrames, writeFrame } from './socket-frames.ts';
import { SyncChannel, TO_MAIN } from './sync-channel.ts';
import { askingIndex, STRATEGY_HEAP_MB, type StrategyThreadData, type ToMain, type ToWorker } from './strategy-thread.ts';

/** The first message on a connection: the token, and the thread's data less what this side makes (its line). */
export interface LineOpen {
  token: string;
  open: Omit<StrategyThreadData, 'port' | 'signals'> & { heapMb?: number };
}

let serving: Promise<HostLine> | null = null;

/** The socket's address and token, listening from the first call on. */
export function strategyLine(): Promise<HostLine> {
  serving ??= listen();
  return serving;
}

function listen(): Promise<HostLine> {
  const token = randomBytes(24).toString('hex');
  const folder = process.platform === 'win32' ? null : mkdtempSync(join(tmpdir(), 'keel-code-'));
  const path = folder === null ? `\\\\.\\pipe\\keel-code-${randomBytes(12).toString('hex')}` : join(folder, 'line.sock');
  if (folder !== null) process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const server = createServer((socket) => serve(socket, token));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve({ path, token }));
  });
}

function serve(socket: Socket, token: string): void {
  let worker: Worker | null = null;
  let toWorker: ((m: unknown) => void) | null = null;
  socket.on('error', () => {});
  socket.on('close', () => void worker?.terminate());
  let asking: Int32Array | null = null;
  readFrames(socket, (m) => {
    // Which set a stuck ask is on, read here: the thread itself is the one stuck (StrategyThreadData.asking).
    if (asking && (m as ToWorker).k === 'where') return void (socket.writable && writeFrame(socket, { k: 'at', index: Atomics.load(asking, 0) } satisfies ToMain));
    if (toWorker) return toWorker(m);
    const first = m as LineOpen;
    if (first.token !== token) return void socket.destroy();
    const { port1, port2 } = new MessageChannel();
    const signals = SyncChannel.signals();
    const heapMb = first.open.heapMb ?? STRATEGY_HEAP_MB;
    asking = askingIndex();
    const data: StrategyThreadData = { ...first.open, signals, port: port2, asking };
    worker = new Worker(workerUrl('strategy-worker'), { workerData: data, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    // To the thread as the engine's side of its line sends (so its receive wakes); its answers are heard on the port's events.
    const line = new SyncChannel(port1, signals, TO_MAIN);
    toWorker = (message) => line.send(message);
    port1.on('message', (message: unknown) => {
      if (socket.writable) writeFrame(socket, message);
    });
    let died: NodeJS.ErrnoException | null = null;
    worker.on('error', (err: NodeJS.ErrnoException) => (died = err));
    worker.on('exit', (code) => {
      const why =
        died?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (a strategy's thread may use ${heapMb} MB; does it keep every bar or order it sees?)`
          : `lost its thread (${died ? died.message : `exit code ${code}`})`;
      if (socket.writable) writeFrame(socket, { k: 'gone', why } satisfies ToMain);
      socket.end();
    });
  });
}
