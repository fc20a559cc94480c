// Main's side of the IPC wire: one ipcMain.handle per command in the contract, each checking who is
// calling before the dispatcher sees the request, and the event forwarder. Typed against small
// structural interfaces rather than electron's classes (type-only, nothing imported at run time),
// so tests/unit/electron/ipc-contract.test.ts registers the same handlers on a fake ipcMain.
import { COMMAND_NAMES, EVENT_NAMES, type EventName, type Outcome } from '../../shared/contract/index.ts';
import type { Dispatch } from '../app/dispatch.ts';
import type { Logger } from '../app/logger.ts';
import { commandChannel, eventChannel } from '../preload/channels.ts';
import { isTrustedSender } from './policy.ts';

/** The parts of IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** Null once the frame navigated away or was destroyed; `parent` is null for a top frame. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The parts of ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface CommandHandlerDeps {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  /** The only origin allowed to call (app://keel, or the dev server in development). */
  appOrigin: string;
  log: Logger;
}

function describeFrame(event: InvokeEventLike): string {
  const frame = event.senderFrame;
  if (!frame) return 'a destroyed frame';
  const url = typeof frame.url === 'string' ? frame.url.slice(0, 200) : '?';
  return `${frame.parent === null ? 'top frame' : 'subframe'} ${JSON.stringify(url)}`;
}

/**
 * Registers `keel:cmd:<name>` for every command. Each handler resolves to an Outcome and never
 * rejects: an untrusted sender gets `unauthorized`, a bad request the dispatcher's `invalid_request`,
 * and anything unexpected `internal`. Returns a function that removes the handlers.
 */
export function registerCommandHandlers(deps: CommandHandlerDeps): () => void {
  const { ipcMain, dispatch, appOrigin, log } = deps;
  const channels: string[] = [];
  for (const name of COMMAND_NAMES) {
    const channel = commandChannel(name);
    ipcMain.handle(channel, async (event, request): Promise<Outcome<unknown>> => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame?.url, appOrigin, frame !== null && frame.parent === null)) {
        log.warn('ipc', `refused ${name} from ${describeFrame(event)} of window ${event.sender.id}`);
        return { ok: false, error: { code: 'unauthorized', message: `${name} may only be called by Keel's own window` } };
      }
      try {
        return await dispatch(name, request, { shell: 'electron', peer: `window:${event.sender.id}` });
      } catch (err) {
        // The dispatcher promises not to throw; this is the belt to its braces.
        log.error('ipc', `${name} threw past the dispatcher`, err);
        return { ok: false, error: { code: 'internal', message: `${name} failed: ${err instanceof Error ? err.message : String(err)}` } };
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** The bus's onAny, as the forwarder needs it. */
export interface EventSource {
  onAny(listener: (name: EventName, payload: unknown) => void): () => void;
}

/**
 * Forwards every contract event to `send` as `keel:evt:<name>` (the caller decides which window
 * receives it). Names outside the contract are not forwarded. Returns the unsubscribe.
 */
export function forwardEvents(bus: EventSource, send: (channel: string, payload: unknown) => void): () => void {
  const known = new Set<string>(EVENT_NAMES);
  return bus.onAny((name, payload) => {
    if (known.has(name)) send(eventChannel(name), payload);
  });
}
