// The trader's file, imported in a strategy-worker thread of its own (in the host process when the app has
// one), answering what a stand-in definition (stand-in-definition.ts) asks of it: check(params) and
// indicators(params). The engine's thread asks and waits, as it waits for a strategy's bar, but at most
// ANSWER_WITHIN_MS: a check that loops for some parameters stops its thread and refuses the request,
// instead of holding the engine, the risk room and the kill switch for ever.
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { HostLine } from './code-host-protocol.ts';
import { ParamError } from './params.ts';
import { receiveFromWorker, spawnStrategyWorker, START_WITHIN_MS, startProblem, type DefinitionCall, type ToMain, type ToWorker } from './strategy-thread.ts';
import type { SyncChannel } from './sync-channel.ts';

/** How long the engine's thread waits for the file's answer about one parameter set. */
export const ANSWER_WITHIN_MS = 2_000;
/** And for each set more in one ask (a search's grid is checked in one). */
export const ANSWER_PER_SET_MS = 0.5;
/** The heap of a definition's thread: it holds the imported file and answers small questions. */
const DEFINITION_HEAP_MB = 256;
/** How often ready() looks whether an ask took the start's message meanwhile. */
const POLL_MS = 50;
/** How long a stuck ask waits for the host's side to say which set its thread is on ('where'). */
const WHERE_WITHIN_MS = 500;
/** After "so Keel stopped it", in the app: what matters there is that the rest of Keel did not stop. */
export const STUCK_APP_SAYS = '; the engine and the kill switch go on';
/** And in `keel backtest`, which has no engine: the command ends with the ask, before any report. */
export const STUCK_COMMAND_SAYS = ', and keel backtest with it; no report was written';

export interface DefinitionThreadOptions {
  file: string;
  strategy: string;
  /** A valid set (the defaults): the worker builds its strategy's history from it before it is ready. */
  params: Record<string, number>;
  /** Where its thread runs: in the host (the app), or in this process. */
  host?: HostLine | undefined;
  startWithinMs?: number | undefined;
  /** How long it waits for the answer about one set (ANSWER_WITHIN_MS); `keel backtest`, which holds no engine, waits KEEL_STRATEGY_TIMEOUT_S. */
  answerWithinMs?: number | undefined;
  /**
   * What a stuck ask's message says after "so Keel stopped it": in the app, that the engine goes on
   * (STUCK_APP_SAYS, the default); `keel backtest` stops with the ask (STUCK_COMMAND_SAYS).
   */
  afterStuck?: string | undefined;
  /** A test's worker entry (the desktop build's). */
  worker?: URL;
}

export class DefinitionThread {
  readonly #o: DefinitionThreadOptions;
  readonly #worker: Worker;
  readonly #line: SyncChannel;
  /** The set its ask is on, when its thread is in this process (StrategyThreadData.asking). */
  readonly #asking: Int32Array | undefined;
  /** When the file must have loaded there by. */
  readonly #startBy: number;
  #state: 'starting' | 'ready' | 'dead' = 'starting';
  /** Why it did not start, told to every later ask. */
  #startError: ParamError | null = null;

  /**
   * Starts the thread, which imports the file. Nothing waits for that here: ready() waits without holding
   * this thread (the app warms a stand-in so before a run), and the first ask waits for it if it must.
   */
  constructor(o: DefinitionThreadOptions) {
    this.#o = o;
    const spawned = spawnStrategyWorker({ file: o.file, strategy: o.strategy, params: o.params, barMs: 60_000, id: `${o.strategy} (its definition)`, symbol: '', direction: 'long' }, { host: o.host, heapMb: DEFINITION_HEAP_MB, ...(o.worker && { worker: o.worker }) });
    this.#worker = spawned.worker;
    this.#line = spawned.line;
    this.#asking = spawned.asking;
    this.#startBy = performance.now() + (o.startWithinMs ?? START_WITHIN_MS);
  }

  get alive(): boolean {
    return this.#state !== 'dead';
  }

  /** Resolves once the file has loaded in its thread, the engine's thread free meanwhile; rejects with a ParamError saying why it did not. */
  async ready(): Promise<void> {
    while (this.#state === 'starting') {
      // A short wait at a time: an ask in between may take the first message itself.
      const m = (await this.#line.receiveAsync(Math.min(POLL_MS, Math.max(0, this.#startBy - performance.now())))) as ToMain | undefined;
      if (this.#state !== 'starting') break;
      // What check() or indicators() write with console.log is dropped: they answer questions, not trade.
      if (m?.k === 'log') continue;
      if (m !== undefined || performance.now() >= this.#startBy) this.#started(m);
    }
    if (this.#startError) throw this.#startError;
  }

  /**
   * The file's check() or indicators() on each set, in one crossing. Throws a ParamError naming the
   * strategy: what the function threw, or that it did not answer in time (its thread is then stopped),
   * naming the set it was stuck on (a search's grid is asked in one go: "over 400 sets" left the trader
   * to find which one loops).
   */
  ask(what: DefinitionCall, sets: Record<string, number>[]): unknown[] {
    if (this.#state === 'starting') this.#started(receiveFromWorker(this.#line, this.#startBy));
    if (this.#startError) throw this.#startError;
    if (this.#state === 'dead') throw new ParamError(`${this.#o.strategy}: its definition's thread has ended; ask again`);
    const within = (this.#o.answerWithinMs ?? ANSWER_WITHIN_MS) + ANSWER_PER_SET_MS * (sets.length - 1);
    if (this.#asking) Atomics.store(this.#asking, 0, -1);
    this.#line.send({ k: 'ask', what, sets } satisfies ToWorker);
    const m = receiveFromWorker(this.#line, performance.now() + within);
    if (m?.k === 'told') return m.values;
    if (m?.k === 'failed') {
      const err = new ParamError(m.message.startsWith(`${this.#o.file}: `) ? m.message : `${this.#o.strategy}: ${m.message}`);
      // A problem with the file keeps its name: it says what to change in the file, not on the command line.
      if (m.name === 'StrategyFileError') err.name = m.name;
      throw err;
    }
    if (m?.k === 'gone') this.#end(new ParamError(`${this.#o.strategy}: its ${what}() could not be asked: it ${m.why}`));
    if (m !== undefined) this.#end(new ParamError(`${this.#o.strategy}: its definition's thread answered ${what}() with a ${m.k}`));
    const named = (set: Record<string, number>) => Object.entries(set).map(([k, v]) => `${k}=${v}`).join(', ');
    const stuck = sets.length === 1 ? 0 : this.#stuckAt();
    const one =
      sets.length === 1 ? ` with ${named(sets[0]!)}` : stuck >= 0 && stuck < sets.length ? ` with ${named(sets[stuck]!)} (set ${stuck + 1} of ${sets.length}, asked in one go)` : ` over ${sets.length} parameter sets`;
    const stuckErr = new ParamError(
      `${this.#o.strategy}: ${what}()${one} did not return within ${Number((within / 1000).toFixed(1))} s (a loop in it?), so Keel stopped it${this.#o.afterStuck ?? STUCK_APP_SAYS}. Fix ${what}() in ${basename(this.#o.file)}`,
    );
    // The file's to fix, as its refusals are (no pointer to the command's options after it).
    stuckErr.name = 'StrategyFileError';
    return this.#end(stuckErr);
  }

  close(): void {
    this.#state = 'dead';
    void this.#worker.terminate();
  }

  /** The index of the set an ask that did not return is on; -1 when unknown (the host's side did not say in time). */
  #stuckAt(): number {
    if (this.#asking) return Atomics.load(this.#asking, 0);
    this.#line.send({ k: 'where' } satisfies ToWorker);
    const until = performance.now() + WHERE_WITHIN_MS;
    for (;;) {
      const m = receiveFromWorker(this.#line, until);
      if (m === undefined) return -1;
      if (m.k === 'at') return m.index;
    }
  }

  /** Its first message (undefined: none in time): ready, or why not (the thread then stopped). */
  #started(first: Exclude<ToMain, { k: 'log' }> | undefined): void {
    const problem = startProblem(first, this.#o);
    if (problem === null) {
      this.#state = 'ready';
      return;
    }
    this.#startError = new ParamError(problem);
    this.close();
  }

  #end(err: ParamError): never {
    this.close();
    throw err;
  }
}
