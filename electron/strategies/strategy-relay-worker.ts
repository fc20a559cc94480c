// The engine's side of a strategy that runs on an account in the process for the trader's code
// (strategy-line-server.ts there). To StrategyThread this thread is the strategy's worker: the same
// synchronous line, the same messages. It only relays them, between that line and a local socket, on its
// own event loop, which turns while the engine's thread waits on the line. Its process gone (a strategy
// that ran out of memory can end it) closes the socket: the engine hears 'gone' at once, not after the
// 2 s it gives a bar.
import { connect } from 'node:net';
import { workerData } from 'node:worker_threads';
import { hostEndedMessage, type HostLine } from './code-host-protocol.ts';
import { readFrames, writeFrame } from './socket-frames.ts';
import type { LineOpen } from './strategy-line-server.ts';
import { SyncChannel, TO_WORKER } from './sync-channel.ts';
import type { StrategyThreadData, ToMain } from './strategy-thread.ts';

const { port, signals, host, heapMb, ...open } = workerData as StrategyThreadData & { host: HostLine; heapMb?: number };

// Sent as the strategy's worker sends (its counter bumped, so the engine's receive wakes); what comes back
// is heard on the port's events, this thread's event loop being free to turn.
const line = new SyncChannel(port, signals, TO_WORKER);
const toEngine = (message: ToMain) => line.send(message);

let connected = false;
let ended = false;
const socket = connect(host.path);
socket.on('connect', () => {
  connected = true;
  writeFrame(socket, { token: host.token, open: { ...open, ...(heapMb !== undefined && { heapMb }) } } satisfies LineOpen);
});
readFrames(socket, (m) => {
  if ((m as ToMain).k === 'gone') ended = true;
  toEngine(m as ToMain);
});
socket.on('error', (err) => {
  if (!connected) toEngine({ k: 'failed', name: 'StrategyThreadError', message: `its thread could not be reached in the process for strategies' code: ${err.message}` });
});
// This thread lives on until the engine terminates it (it stops the strategy on hearing 'gone').
socket.on('close', () => {
  if (connected && !ended) toEngine({ k: 'gone', why: `lost its thread: ${hostEndedMessage('unexpectedly')}` });
});
port.on('message', (m: unknown) => {
  if (socket.writable) writeFrame(socket, m);
});
