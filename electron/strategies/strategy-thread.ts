// A strategy of the trader's own, run on an account in a worker thread of its own. The engine's thread
// holds the risk room and the kill switch; an onBar that never returns there would hold them too. Here
// the strategy's code runs in the worker, and every call it makes to its context (ctx.buy, ctx.position)
// comes back over a synchronous line (sync-channel.ts) to the real EngineStrategyContext on the engine's
// thread, so its orders go through the same engine and risk gate, in the same order, as if it ran inline:
// onBar is still a call that returns once the strategy is done with the bar. What changes is that the
// engine's thread waits at most STUCK_AFTER_MS for it: a strategy that takes longer on one bar (a tick,
// a fill) is stopped, its thread terminated, and a StrategyStuckError says so. The trial run before the
// start (backtest/strategy-trial.ts) catches most such strategies before they reach an account; this
// catches the loop that only a later bar sets off.
//
// The worker keeps the strategy's bar history itself (its indicators computed there, the same code as
// here): each closed bar and each warm-up bar crosses once, and nothing after them ever does.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { rebuiltError } from '../backtest/rebuilt-error.ts';
import { workerUrl } from '../backtest/worker-url.ts';
import type { HostLine } from './code-host-protocol.ts';
import { SyncChannel, TO_MAIN } from './sync-channel.ts';
import type { ClosedBar, Strategy, StrategyContext, StrategyFill } from './strategy.ts';

/** How long the engine's thread waits for the strategy to finish with one bar, tick or fill. */
export const STUCK_AFTER_MS = 2_000;
/**
 * How long the worker may take to start and import the file (the engine's thread waits for it). The file
 * has got through the same import in a worker already (import-probe.ts, within 5 s), and its trial run.
 */
export const START_WITHIN_MS = 5_000;
/**
 * The strategy's heap, at most: one that keeps everything it ever saw runs out here (its thread ends, so the
 * bar it was on is not finished and it is stopped) rather than taking the trader's memory, and Keel's, with it.
 */
export const STRATEGY_HEAP_MB = 1024;

/** The context's calls the worker may make, and nothing else. */
export const THREAD_CALLS = ['now', 'position', 'hasOpenOrders', 'maxBuyQty', 'maxSellQty', 'buy', 'sell', 'closePosition', 'takeSignals', 'hasSignals', 'signal', 'note'] as const;
export type ThreadCall = (typeof THREAD_CALLS)[number];

/** A bar read for the warm-up: a closed bar before the strategy's first (volume NaN when unknown). */
export type WarmUpBar = Omit<ClosedBar, 'index'>;

export type ToWorker =
  | { k: 'create' }
  | { k: 'bar'; bar: ClosedBar }
  | { k: 'seed'; bars: WarmUpBar[] }
  | { k: 'tick'; ts: number; price: number }
  | { k: 'fill'; fill: StrategyFill }
  | { k: 'answer'; value: unknown }
  | { k: 'refused'; name: string; message: string }
  /** The definition's own functions on these parameter sets, one answer each (a stand-in's, definition-thread.ts). */
  | { k: 'ask'; what: DefinitionCall; sets: Record<string, number>[] }
  /**
   * Which set an ask that has not been answered is on: asked of the host's side of the line, which reads it
   * off the thread's `asking` (the thread itself is stuck) and answers 'at'. Never reaches the thread.
   */
  | { k: 'where' };

/** What a stand-in definition asks of the file's own (stand-in-definition.ts): check(params) or indicators(params). */
export type DefinitionCall = 'check' | 'indicators';

export type ToMain =
  | { k: 'ready' }
  | { k: 'call'; fn: ThreadCall; args: unknown[] }
  /** Finished; after create, which of the optional hooks the strategy has. */
  | { k: 'done'; hooks?: { tick: boolean; fill: boolean } }
  /** The strategy threw (or the file would not load): its error's class and message, and its line in the file. */
  | { k: 'failed'; name: string; message: string }
  /** What the strategy wrote with console.log (info, warn, ...): to the app's log, as it comes. */
  | { k: 'log'; level: ConsoleLevel; text: string }
  /** Its thread in the host process ended by itself (strategy-line-server.ts): why, after the strategy's name. */
  | { k: 'gone'; why: string }
  /** The answers to an ask, one per set. */
  | { k: 'told'; values: unknown[] }
  /** The answer to 'where': the index of the set the ask is on (-1: none yet). */
  | { k: 'at'; index: number };

export type ConsoleLevel = 'debug' | 'info' | 'warn' | 'error';

export interface StrategyThreadData {
  file: string;
  strategy: string;
  params: Record<string, number>;
  barMs: number;
  id: string;
  symbol: string;
  direction: StrategyContext['direction'];
  signals: Int32Array;
  port: MessagePort;
  /**
   * Where the thread writes the index of the set an ask is on, before it calls check() or indicators() on
   * it: one write a set, so a grid of thousands is asked as fast as before, and an ask stuck on one set
   * (a loop that only fast=7 sets off) is named by that set, not by the number asked (definition-thread.ts).
   */
  asking?: Int32Array;
}

/** A fresh `asking` (StrategyThreadData), on no set. */
export function askingIndex(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4)).fill(-1);
}

/** The strategy's thread could not start it: the file would not load there, or create() failed or hung. */
export class StrategyThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrategyThreadError';
  }
}

/** The strategy did not finish with a bar (tick, fill) in time: its thread was terminated and it is stopped. */
export class StrategyStuckError extends StrategyThreadError {
  /** What it was on: "the bar at …", "its fill at …". */
  readonly what: string;

  constructor(message: string, what: string) {
    super(message);
    this.name = 'StrategyStuckError';
    this.what = what;
  }
}

/** How long stopReason waits for the ended thread's own error before it settles for the wait's reason. */
const GONE_WITHIN_MS = 1_000;

export interface StrategyThreadOptions {
  /** The trader's file the strategy is defined in (the worker imports it). */
  file: string;
  strategy: string;
  params: Record<string, number>;
  barMs: number;
  /** The real context, on this thread: the worker's calls are made on it. */
  ctx: StrategyContext;
  stuckAfterMs?: number;
  startWithinMs?: number;
  /** Its heap's limit in MB; default STRATEGY_HEAP_MB. */
  heapMb?: number;
  /**
   * The process for the trader's code (code-host.ts): the strategy's thread runs there, reached through a
   * relay thread here (strategy-relay-worker.ts), so a strategy that runs out of memory in a way that aborts
   * its process ends that one, not the engine's. Absent: its thread runs in this process.
   */
  host?: HostLine;
  /** The worker's entry file; default the app's strategy-worker (a test hands the desktop build's). */
  worker?: URL;
  /**
   * What the strategy writes with console.log and the like. Its thread's own stdout would never be
   * flushed (that thread's event loop does not turn), so its lines come over the line; absent: dropped.
   */
  onConsole?: (level: ConsoleLevel, text: string) => void;
}

export class StrategyThread implements Strategy {
  readonly #o: StrategyThreadOptions;
  /** The context its calls are made on: the one it was created with, or the one it started over with. */
  #ctx: StrategyContext;
  readonly #worker: Worker;
  readonly #line: SyncChannel;
  readonly #stuckAfter: number;
  #hooks = { tick: false, fill: false };
  /** Why it no longer runs (stuck, or closed); every later call throws it. */
  #dead: StrategyThreadError | null = null;
  /** Settles when its thread has ended: with the worker's own error (out of memory), or null. */
  readonly #gone: Promise<Error | null>;

  constructor(o: StrategyThreadOptions) {
    this.#o = o;
    this.#ctx = o.ctx;
    this.#stuckAfter = o.stuckAfterMs ?? STUCK_AFTER_MS;
    const spawned = spawnStrategyWorker({ file: o.file, strategy: o.strategy, params: o.params, barMs: o.barMs, id: o.ctx.id, symbol: o.ctx.symbol, direction: o.ctx.direction }, o);
    this.#worker = spawned.worker;
    this.#gone = spawned.gone;
    this.#line = spawned.line;
    const problem = startProblem(this.#receive(performance.now() + (o.startWithinMs ?? START_WITHIN_MS)), o);
    if (problem !== null) this.#fail(new StrategyThreadError(problem));
    try {
      this.#exchange({ k: 'create' }, 'create()');
    } catch (err) {
      if (err instanceof StrategyThreadError) throw err;
      this.#fail(new StrategyThreadError(`${o.strategy}: create() failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  onBar(bar: ClosedBar): void {
    this.#exchange({ k: 'bar', bar: { t: bar.t, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, index: bar.index } }, `the bar at ${new Date(bar.t).toISOString()}`);
  }

  onTick(ts: number, price: number): void {
    if (this.#hooks.tick) this.#exchange({ k: 'tick', ts, price }, `a tick at ${new Date(ts).toISOString()}`);
  }

  onFill(fill: StrategyFill): void {
    if (this.#hooks.fill) this.#exchange({ k: 'fill', fill: { ...fill } }, `its fill at ${new Date(fill.ts).toISOString()}`);
  }

  /** The warm-up bars read into the history before the first bar (StrategyRunner.seed): into the worker's history too. */
  seed(bars: readonly WarmUpBar[]): void {
    this.#exchange({ k: 'seed', bars: [...bars] }, 'its warm-up bars');
  }

  /**
   * A fresh strategy over a fresh history in the same thread, on a new context (a replay started over):
   * the code it started with, not the file as it may be now, as a running strategy keeps its code.
   */
  restart(ctx: StrategyContext): void {
    this.#ctx = ctx;
    this.#exchange({ k: 'create' }, 'create()');
  }

  /** Whether it still runs (false once stuck or closed). */
  get alive(): boolean {
    return this.#dead === null;
  }

  /**
   * What to tell of `stuck` once its thread has ended. A worker that ran out of memory ends by itself, and
   * the engine's thread, waiting on the line, can only find that its answer never came; the worker's own
   * error arrives after, on this thread's event loop. So: that, when it came; the wait's words otherwise.
   */
  async stopReason(stuck: StrategyStuckError): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const died = await Promise.race([this.#gone, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), GONE_WITHIN_MS)))]);
    clearTimeout(timer);
    if ((died as NodeJS.ErrnoException | null)?.code !== 'ERR_WORKER_OUT_OF_MEMORY') return stuck.message;
    return `${this.#o.strategy} ran out of memory with ${stuck.what} (a strategy's thread may use ${this.#o.heapMb ?? STRATEGY_HEAP_MB} MB; does it keep every bar or order it sees?): its thread ended, and so is the strategy stopped, so the engine and the kill switch go on`;
  }

  close(): void {
    if (this.#dead === null) this.#dead = new StrategyThreadError(`${this.#o.strategy}: stopped`);
    void this.#worker.terminate();
  }

  /** One message to the worker, then its calls answered until it is done with it, within the time a strategy has. */
  #exchange(message: ToWorker, what: string): void {
    if (this.#dead !== null) throw this.#dead;
    const until = performance.now() + this.#stuckAfter;
    this.#line.send(message);
    for (;;) {
      const m = this.#receive(until);
      if (m === undefined) {
        this.#fail(new StrategyStuckError(`${this.#o.strategy} did not finish with ${what} within ${this.#stuckAfter / 1000} s (stuck in a loop?): its thread was stopped, and so is the strategy, so the engine and the kill switch go on`, what));
      }
      if (m.k === 'done') {
        if (m.hooks) this.#hooks = m.hooks;
        return;
      }
      if (m.k === 'failed') throw rebuiltError(m.name, m.message);
      if (m.k === 'gone') this.#fail(new StrategyStuckError(`${this.#o.strategy} ${m.why} with ${what}: its thread ended, and so is the strategy stopped, so the engine and the kill switch go on`, what));
      if (m.k === 'call') this.#answer(m.fn, m.args);
    }
  }

  #receive(until: number): Exclude<ToMain, { k: 'log' }> | undefined {
    return receiveFromWorker(this.#line, until, this.#o.onConsole);
  }

  #answer(fn: ThreadCall, args: unknown[]): void {
    let value: unknown;
    try {
      value = call(this.#ctx, fn, args);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      this.#line.send({ k: 'refused', name: e.name, message: e.message } satisfies ToWorker);
      return;
    }
    this.#line.send({ k: 'answer', value } satisfies ToWorker);
  }

  #fail(err: StrategyThreadError): never {
    this.#dead = err;
    void this.#worker.terminate();
    throw err;
  }
}

/** A strategy-worker thread and the engine's side of its line; `gone` settles when the thread has ended. */
export interface SpawnedStrategyWorker {
  worker: Worker;
  line: SyncChannel;
  /** Settles when its thread has ended: with the worker's own error (out of memory), or null. */
  gone: Promise<Error | null>;
  /** The set its ask is on (StrategyThreadData.asking) when the thread is in this process; in the host, 'where' asks the host's side. */
  asking?: Int32Array;
}

/**
 * Starts a strategy-worker on `data`: in this process, or in the host through a relay thread here (the
 * same line either way). The StrategyThread of a strategy on an account, and a stand-in's DefinitionThread.
 */
export function spawnStrategyWorker(data: Omit<StrategyThreadData, 'port' | 'signals'>, o: Pick<StrategyThreadOptions, 'host' | 'heapMb' | 'worker'>): SpawnedStrategyWorker {
  const { port1, port2 } = new MessageChannel();
  const signals = SyncChannel.signals();
  const full: StrategyThreadData = { ...data, signals, port: port2 };
  // Shared memory does not reach the host's process: there the host's side of the line keeps the thread's.
  const asking = o.host ? undefined : askingIndex();
  const worker = o.host
    ? new Worker(o.worker ?? workerUrl('strategy-relay-worker'), { workerData: { ...full, host: o.host, ...(o.heapMb !== undefined && { heapMb: o.heapMb }) }, transferList: [port2] })
    : new Worker(o.worker ?? workerUrl('strategy-worker'), { workerData: { ...full, asking }, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? STRATEGY_HEAP_MB } });
  // Its thread must not keep a CLI or a test alive once everything else is done.
  worker.unref();
  // A worker that dies of itself (out of memory) is found by the next call's wait; its error is not the
  // process's, but it says why the wait found nothing (stopReason).
  const gone = new Promise<Error | null>((resolve) => {
    let died: Error | null = null;
    worker.on('error', (err) => (died = err));
    worker.once('exit', () => resolve(died));
  });
  return { worker, line: new SyncChannel(port1, signals, TO_MAIN), gone, ...(asking && { asking }) };
}

/** The worker's next message before `until` (undefined: none came), its console lines passed on meanwhile. */
export function receiveFromWorker(line: SyncChannel, until: number, onConsole?: StrategyThreadOptions['onConsole']): Exclude<ToMain, { k: 'log' }> | undefined {
  for (;;) {
    const m = line.receive(until - performance.now()) as ToMain | undefined;
    if (m === undefined || m.k !== 'log') return m;
    onConsole?.(m.level, m.text);
  }
}

/** Why a freshly spawned worker's first message (`first`) is not 'ready', or null when it is. */
export function startProblem(first: Exclude<ToMain, { k: 'log' }> | undefined, o: { strategy: string; file: string; startWithinMs?: number | undefined }): string | null {
  if (first === undefined) return `${o.strategy}: its thread did not load ${o.file} within ${(o.startWithinMs ?? START_WITHIN_MS) / 1000} s`;
  if (first.k === 'failed') return `${o.strategy}: ${first.message}`;
  if (first.k === 'gone') return `${o.strategy} ${first.why} before it started`;
  return null;
}

/** One of the context's calls, by name from the whitelist: the worker can reach nothing else here. */
function call(ctx: StrategyContext, fn: ThreadCall, a: unknown[]): unknown {
  switch (fn) {
    case 'now':
      return ctx.now();
    case 'position':
      return ctx.position();
    case 'hasOpenOrders':
      return ctx.hasOpenOrders();
    case 'maxBuyQty':
      return ctx.maxBuyQty(a[0] as number, a[1] as number | undefined);
    case 'maxSellQty':
      return ctx.maxSellQty(a[0] as number, a[1] as number | undefined);
    case 'buy':
      return ctx.buy(a[0] as number, a[1] as Parameters<StrategyContext['buy']>[1]);
    case 'sell':
      return ctx.sell(a[0] as number, a[1] as Parameters<StrategyContext['sell']>[1]);
    case 'closePosition':
      return ctx.closePosition(a[0] as string | undefined);
    case 'takeSignals':
      return ctx.takeSignals(a[0] as string);
    case 'hasSignals':
      return ctx.hasSignals(a[0] as string);
    case 'signal':
      return ctx.signal(a[0] as string, a[1]);
    case 'note':
      return ctx.note(a[0] as string);
    default:
      throw new TypeError(`a strategy's context has no call ${String(fn)}; it has ${THREAD_CALLS.join(', ')}`);
  }
}
