// The app's side of the process the trader's code runs in (code-host-process.ts). A strategy file is code
// Keel did not write: run in a worker thread of the app's own process, one that runs out of memory the
// wrong way aborts that process, engine and kill switch with it (Node's heap limit for a worker does not
// hold for every shape of allocation: nodejs/node#47224). So the app's backtests, searches, import probes
// and trial runs run in this second process: when it dies, each thread in it reports an error and each call
// fails, both saying what happened, and the next use starts it again. The engine never waits on it.
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { forkChild } from '../app/child-line.ts';
import type { WorkerName } from '../backtest/worker-url.ts';
import { workerUrl } from '../backtest/worker-url.ts';
import { hostEndedMessage, type FromHost, type HostCall, type HostLine, type HostProcess, type HostSpawner, type ToHost } from './code-host-protocol.ts';

/** What a job needs of its thread, whether a Worker here or one in the host (HostedWorker). */
export interface JobThread {
  // One signature both a Worker's overloads and an EventEmitter's satisfy: a message is what the worker posts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: 'message' | 'error' | 'exit', listener: (arg: any) => void): unknown;
  terminate(): Promise<unknown>;
}


/**
 * The host's Node flags: KEEL_CODE_HEAP_MB caps the heap of each thread in it (V8's default otherwise, which
 * grows with the machine's memory): a cap for strategies' code that leaves the app's own heap alone.
 */
export function hostExecArgv(env: NodeJS.ProcessEnv): string[] {
  const given = env.KEEL_CODE_HEAP_MB;
  if (given === undefined || given === '') return [];
  const mb = Number(given);
  if (!Number.isInteger(mb) || mb < 64) throw new RangeError(`KEEL_CODE_HEAP_MB=${given}: give whole megabytes, 64 or more (or leave it unset for Node's default)`);
  return [`--max-old-space-size=${mb}`];
}

/** Node's fork: `keel serve`, the tests. Type stripping reads the .ts entry as the workers' own. */
export const forkHost: HostSpawner = forkChild;

/** A worker thread in the host: the events and terminate() of a Worker (what a job uses), and cancel() for its cancel flag. */
export class HostedWorker extends EventEmitter implements JobThread {
  readonly #host: CodeHost;
  readonly id: number;
  #exited = false;
  readonly #exit: Promise<void>;

  constructor(host: CodeHost, id: number) {
    super();
    this.#host = host;
    this.id = id;
    this.#exit = new Promise((resolve) => this.once('exit', () => resolve()));
    this.once('exit', () => (this.#exited = true));
  }

  /** Sets its cancel flag (a job polls it). */
  cancel(): void {
    this.#host.send({ op: 'cancel', id: this.id });
  }

  terminate(): Promise<void> {
    if (this.#exited) return Promise.resolve();
    this.#host.send({ op: 'terminate', id: this.id });
    return this.#exit;
  }
}

export class CodeHost {
  readonly #spawn: HostSpawner;
  #process: HostProcess | null = null;
  #nextId = 1;
  readonly #threads = new Map<number, HostedWorker>();
  readonly #calls = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  #closed = false;
  #line: Promise<HostLine> | null = null;

  constructor(spawn: HostSpawner = forkHost) {
    this.#spawn = spawn;
  }

  /** A worker thread `name` on `data` in the host; `cancellable`: the host gives it a cancel flag (cancel() sets it). */
  worker(name: WorkerName, data: Record<string, unknown>, cancellable = false): HostedWorker {
    const id = this.#nextId++;
    const thread = new HostedWorker(this, id);
    this.#threads.set(id, thread);
    thread.once('exit', () => this.#threads.delete(id));
    this.send({ op: 'spawn', id, name, data, cancellable });
    return thread;
  }

  /** One of the host's calls, answered there. */
  call<T>(fn: HostCall, ...args: unknown[]): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ op: 'call', id, fn, args });
    });
  }

  /** Where a strategy on an account reaches its thread in the host (strategy-line-server.ts); asked once per host process. */
  line(): Promise<HostLine> {
    this.#line ??= this.call<HostLine>('line');
    return this.#line;
  }

  /** @internal Sends to the host, starting it first when it is not running. */
  send(message: ToHost): void {
    if (this.#closed) throw new Error('the process for strategies\u2019 code is closed');
    this.#running().send(message);
  }

  /** Ends the host and everything in it. */
  close(): void {
    this.#closed = true;
    this.#process?.kill();
  }

  #running(): HostProcess {
    if (this.#process) return this.#process;
    const p: HostProcess = this.#spawn<ToHost, FromHost>(fileURLToPath(workerUrl('code-host-process')), { name: 'Keel strategies', execArgv: hostExecArgv(process.env) });
    this.#process = p;
    p.onMessage((m) => this.#heard(m));
    p.onExit((how) => {
      if (this.#process === p) {
        this.#process = null;
        this.#line = null;
      }
      const said = hostEndedMessage(how);
      for (const thread of [...this.#threads.values()]) {
        if (thread.listenerCount('error') > 0) thread.emit('error', new Error(said));
        thread.emit('exit', 1);
      }
      for (const call of this.#calls.values()) call.reject(new Error(said));
      this.#calls.clear();
    });
    return p;
  }

  #heard(m: FromHost): void {
    if (m.op === 'result' || m.op === 'failed') {
      const call = this.#calls.get(m.id);
      this.#calls.delete(m.id);
      if (m.op === 'result') call?.resolve(m.value);
      else call?.reject(new Error(m.message));
      return;
    }
    const thread = this.#threads.get(m.id);
    if (!thread) return;
    if (m.op === 'message') thread.emit('message', m.message);
    else if (m.op === 'error') thread.emit('error', Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
    else thread.emit('exit', m.code);
  }
}
