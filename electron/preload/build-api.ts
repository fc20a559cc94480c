// Builds the object the preload exposes as `window.keel`: exactly the contract's Api, nothing more.
// Pure (no electron import): index.ts passes in ipcRenderer.invoke and ipcRenderer.on, and
// tests/unit/electron/ipc-contract.test.ts drives it with fakes.
//
// How failures reach the page. contextBridge copies an Error across worlds as `new Error(message)`:
// its name, `code` and `issues` are dropped (Electron's PassValueToOtherContext keeps only the
// message), so a thrown KeelError would arrive as an anonymous Error. The commands therefore reject
// with a plain, frozen object instead, which contextBridge copies field by field:
//
//   { name: 'KeelError', code: ErrorCode, message: string, issues?: {path, message}[] }
//
// It is not an `instanceof Error`; renderer code recognizes it by `name === 'KeelError'` / `code`
// (renderer/src/state/error-data.ts reads the fields), or rebuilds a class with KeelError.fromData.
import { COMMAND_NAMES, type CommandName } from '../../shared/contract/commands.ts';
import { EVENT_NAMES, type EventName } from '../../shared/contract/events.ts';
import { ERROR_CODES, type ErrorCode, type KeelErrorData } from '../../shared/contract/errors.ts';
import type { Api, ApiCommands, ApiEvents } from '../../shared/contract/api.ts';
import { commandChannel, eventChannel } from './channels.ts';

/** ipcRenderer.invoke, narrowed to what the Api needs. */
export type Invoke = (channel: string, request: unknown) => Promise<unknown>;
/** Adds one listener for a channel (ipcRenderer.on without the event argument); returns its removal. */
export type Subscribe = (channel: string, handler: (payload: unknown) => void) => () => void;

export interface PreloadApiOptions {
  /** A page listener threw; the other listeners still get the event. */
  onListenerError?: (event: EventName, err: unknown) => void;
}

/** What a failed command rejects with (see the header comment for why it is not an Error). */
export type KeelRejection = Readonly<KeelErrorData & { name: 'KeelError' }>;

export function keelRejection(data: KeelErrorData): KeelRejection {
  const issues = data.issues?.map((i) => Object.freeze({ path: i.path, message: i.message }));
  return Object.freeze(
    issues ? { name: 'KeelError' as const, code: data.code, message: data.message, issues: Object.freeze(issues) } : { name: 'KeelError' as const, code: data.code, message: data.message },
  ) as KeelRejection;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isIssues(value: unknown): value is KeelErrorData['issues'] {
  return (
    value === undefined ||
    (Array.isArray(value) && value.every((i) => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string'))
  );
}

/** Reads an Outcome from main; anything not shaped like one is an internal error, not a result. */
function settle(name: CommandName, outcome: unknown): unknown {
  if (typeof outcome === 'object' && outcome !== null) {
    const o = outcome as { ok?: unknown; result?: unknown; error?: unknown };
    if (o.ok === true && 'result' in o) return o.result;
    if (o.ok === false && typeof o.error === 'object' && o.error !== null) {
      const e = o.error as { code?: unknown; message?: unknown; issues?: unknown };
      if (isErrorCode(e.code) && typeof e.message === 'string' && isIssues(e.issues)) {
        throw keelRejection({ code: e.code, message: e.message, issues: e.issues });
      }
    }
  }
  throw keelRejection({ code: 'internal', message: `${name}: the main process sent a malformed reply` });
}

function buildCommands(invoke: Invoke): ApiCommands {
  const commands: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const name of COMMAND_NAMES) {
    const channel = commandChannel(name);
    commands[name] = async (request) => {
      let outcome: unknown;
      try {
        outcome = await invoke(channel, request === undefined ? {} : request);
      } catch (err) {
        // IPC itself failed: no handler, the request could not be cloned, main went away.
        throw keelRejection({ code: 'internal', message: `${name} could not reach the main process: ${err instanceof Error ? err.message : String(err)}` });
      }
      return settle(name, outcome);
    };
  }
  return Object.freeze(commands) as unknown as ApiCommands;
}

/**
 * One IPC listener per event channel, attached on the first subscriber and removed after the last,
 * fanning out to the page's listeners. Keeps ipcRenderer's listener count flat however many
 * components subscribe, and each unsubscribe removes exactly its own subscription (idempotent).
 */
function buildEvents(subscribe: Subscribe, options: PreloadApiOptions): ApiEvents {
  const events: Record<string, (listener: (payload: unknown) => void) => () => void> = {};
  for (const name of EVENT_NAMES) {
    const channel = eventChannel(name);
    const subscriptions = new Set<{ listener: (payload: unknown) => void }>();
    let detach: (() => void) | null = null;
    const deliver = (payload: unknown) => {
      for (const sub of [...subscriptions]) {
        try {
          sub.listener(payload);
        } catch (err) {
          options.onListenerError?.(name, err);
        }
      }
    };
    events[name] = (listener) => {
      if (typeof listener !== 'function') throw new TypeError(`events['${name}'] needs a listener function`);
      const sub = { listener };
      subscriptions.add(sub);
      detach ??= subscribe(channel, deliver);
      return () => {
        if (!subscriptions.delete(sub)) return;
        if (subscriptions.size === 0 && detach) {
          detach();
          detach = null;
        }
      };
    };
  }
  return Object.freeze(events) as unknown as ApiEvents;
}

/** The whole `window.keel`: `commands` (one function per command) and `events` (one per stream), frozen. */
export function buildPreloadApi(invoke: Invoke, subscribe: Subscribe, options: PreloadApiOptions = {}): Api {
  return Object.freeze({ commands: buildCommands(invoke), events: buildEvents(subscribe, options) });
}
