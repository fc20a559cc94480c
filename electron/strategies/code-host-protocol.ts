// What the app and the process that runs the trader's code (code-host.ts, code-host-process.ts) say to each
// other: worker threads started, cancelled and stopped there by id, and whole calls (a file's import probe, a
// trial run) answered there. Every message is a structured clone: plain data, typed arrays, no functions.
import type { ChildLine, ChildStarter } from '../app/child-line.ts';
import type { WorkerName } from '../backtest/worker-url.ts';

/** The calls the host answers, each a function of the app's run there. */
export const HOST_CALLS = ['probe', 'trial', 'line'] as const;
export type HostCall = (typeof HOST_CALLS)[number];

export type ToHost =
  /** A worker thread `name` on `data`; `cancellable`: the host adds a cancel flag of its own as `cancelFlag`. */
  | { op: 'spawn'; id: number; name: WorkerName; data: Record<string, unknown>; cancellable: boolean }
  | { op: 'cancel'; id: number }
  | { op: 'terminate'; id: number }
  | { op: 'call'; id: number; fn: HostCall; args: unknown[] };

export type FromHost =
  | { op: 'message'; id: number; message: unknown }
  | { op: 'error'; id: number; message: string; code?: string }
  | { op: 'exit'; id: number; code: number }
  | { op: 'result'; id: number; value: unknown }
  | { op: 'failed'; id: number; message: string };

/**
 * The host process as the app holds it: Node's child_process.fork here and in `keel serve`; Electron's
 * utilityProcess in the desktop app (its packaged binary does not run as Node, so fork is not open to it).
 */
export type HostProcess = ChildLine<ToHost, FromHost>;

/** The words for the host's end, as every thread and call in it reports it. */
export const hostEndedMessage = (how: string) =>
  `the process Keel runs strategies' code in ended (${how}); a strategy that runs out of memory can end it that way. Keel itself, its trading and its kill switch, go on, and the next run starts that process again`;

/**
 * Where a strategy running on an account reaches its thread in the host (the 'line' call's answer): a local
 * socket (a Unix socket in a private folder, a named pipe on Windows) and the token its first message carries.
 */
export interface HostLine {
  path: string;
  token: string;
}

/** Starts the host process from its entry file: the shell's starter for all the engine's child processes (app/child-line.ts). */
export type HostSpawner = ChildStarter;
