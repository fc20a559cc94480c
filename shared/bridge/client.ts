// The Api over a WebSocket: what the renderer uses in a browser, and what tests, benchmarks and
// `keel kill` use to reach a running Keel. It works with the browser's WebSocket and with the `ws` package.
import { COMMAND_NAMES, EVENT_NAMES, KeelError, type Api, type ApiCommands, type ApiEvents, type EventName } from '../contract/index.ts';
import type { ReplyFrame, ServerFrame } from './protocol.ts';

/** The part of a WebSocket the client needs; both the DOM WebSocket and `ws` have it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (ev: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: (ev: unknown) => void): void;
}

export interface BridgeClient extends Api {
  /** Resolves once the socket is open. */
  readonly ready: Promise<void>;
  /** Called when the connection closes, with the server's reason. */
  onClose(listener: (code: number, reason: string) => void): () => void;
  close(): void;
}

const OPEN = 1;

export function createBridgeClient(socket: SocketLike): BridgeClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners = new Set<(code: number, reason: string) => void>();

  const ready = new Promise<void>((resolve, reject) => {
    if (socket.readyState === OPEN) return resolve();
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new KeelError('unauthorized', 'could not connect to Keel: the bridge refused the connection or is not running')));
  });
  // A caller that never awaits `ready` must not see an unhandled rejection; calls report the failure.
  ready.catch(() => {});

  socket.addEventListener('message', (ev) => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(ev.data)) as ServerFrame;
    } catch {
      return;
    }
    if ('event' in frame) {
      const set = listeners.get(frame.event);
      if (set) for (const l of set) l(frame.payload);
      return;
    }
    const reply = frame as ReplyFrame;
    if (reply.id === null) return;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.outcome.ok) p.resolve(reply.outcome.result);
    else p.reject(KeelError.fromData(reply.outcome.error));
  });

  socket.addEventListener('close', (ev) => {
    const err = new KeelError('internal', `connection to Keel closed${ev.reason ? `: ${ev.reason}` : ''}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    for (const l of closeListeners) l(ev.code, ev.reason);
  });

  async function call(name: string, params: unknown): Promise<unknown> {
    await ready;
    if (socket.readyState !== OPEN) throw new KeelError('internal', 'connection to Keel is closed');
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, call: name, params }));
    });
  }

  const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (params: unknown) => call(name, params ?? {})])) as unknown as ApiCommands;

  const events = Object.fromEntries(
    EVENT_NAMES.map((name: EventName) => [
      name,
      (listener: (payload: unknown) => void) => {
        let set = listeners.get(name);
        if (!set) listeners.set(name, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
      },
    ]),
  ) as unknown as ApiEvents;

  return {
    commands,
    events,
    ready,
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close: () => socket.close(1000, 'client closed'),
  };
}
