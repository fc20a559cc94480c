// The trader's file, imported in a strategy-worker thread of its own (in the host process when the app has
// one), answering what a stand-in definition (stand-in-definition.ts) asks of it: check(params) and
// indicators(params). The engine's thread asks and waits, as it waits for a strategy's bar, but at most
// ANSWER_WITHIN_MS: a check that loops for some parameters stops its thread and refuses the request,
// instead of holding the engine, the risk room and the kill switch for ever.
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { HostLine } from './code-host-protocol.ts';
import { ParamError } from './params.ts';
import { receiveFromWorker, spawnStrategyWorker, startProblem, type ConsoleLevel, type DefinitionCall, type ToWorker } from './strategy-thread.ts';
import type { SyncChannel } from './sync-channel.ts';

/** How long the engine's thread waits for the file's answer about one parameter set. */
export const ANSWER_WITHIN_MS = 2_000;
/** And for each set more in one ask (a search's grid is checked in one). */
export const ANSWER_PER_SET_MS = 0.5;
/** The heap of a definition's thread: it holds the imported file and answers small questions. */
const DEFINITION_HEAP_MB = 256;

export interface DefinitionThreadOptions {
  file: string;
  strategy: string;
  /** A valid set (the defaults): the worker builds its strategy's history from it before it is ready. */
  params: Record<string, number>;
  /** Where its thread runs: in the host (the app), or in this process. */
  host?: HostLine | undefined;
  answerWithinMs?: number;
  startWithinMs?: number;
  /** A test's worker entry (the desktop build's). */
  worker?: URL;
  onConsole?: (level: ConsoleLevel, text: string) => void;
}

export class DefinitionThread {
  readonly #o: DefinitionThreadOptions;
  readonly #worker: Worker;
  readonly #line: SyncChannel;
  #dead = false;

  /** Starts the thread and waits (at most START_WITHIN_MS) for the file to load there; throws a ParamError saying why it did not. */
  constructor(o: DefinitionThreadOptions) {
    this.#o = o;
    const spawned = spawnStrategyWorker({ file: o.file, strategy: o.strategy, params: o.params, barMs: 60_000, id: `${o.strategy} (its definition)`, symbol: '', direction: 'long' }, { host: o.host, heapMb: DEFINITION_HEAP_MB, ...(o.worker && { worker: o.worker }) });
    this.#worker = spawned.worker;
    this.#line = spawned.line;
    const problem = startProblem(receiveFromWorker(this.#line, performance.now() + (o.startWithinMs ?? 5_000), o.onConsole), o);
    if (problem !== null) this.#end(new ParamError(problem));
  }

  get alive(): boolean {
    return !this.#dead;
  }

  /**
   * The file's check() or indicators() on each set, in one crossing. Throws a ParamError naming the
   * strategy: what the function threw, or that it did not answer in time (its thread is then stopped).
   */
  ask(what: DefinitionCall, sets: Record<string, number>[]): unknown[] {
    if (this.#dead) throw new ParamError(`${this.#o.strategy}: its definition's thread has ended; ask again`);
    const within = (this.#o.answerWithinMs ?? ANSWER_WITHIN_MS) + ANSWER_PER_SET_MS * (sets.length - 1);
    this.#line.send({ k: 'ask', what, sets } satisfies ToWorker);
    const m = receiveFromWorker(this.#line, performance.now() + within, this.#o.onConsole);
    if (m?.k === 'told') return m.values;
    if (m?.k === 'failed') throw new ParamError(m.message.startsWith(`${this.#o.file}: `) ? m.message : `${this.#o.strategy}: ${m.message}`);
    if (m?.k === 'gone') this.#end(new ParamError(`${this.#o.strategy}: its ${what}() could not be asked: it ${m.why}`));
    if (m !== undefined) this.#end(new ParamError(`${this.#o.strategy}: its definition's thread answered ${what}() with a ${m.k}`));
    const one = sets.length === 1 ? ` with ${Object.entries(sets[0]!).map(([k, v]) => `${k}=${v}`).join(', ')}` : ` over ${sets.length} parameter sets`;
    return this.#end(
      new ParamError(
        `${this.#o.strategy}: ${what}()${one} did not return within ${Math.round(within) / 1000} s (a loop in it?), so Keel stopped it; the engine and the kill switch go on. Fix ${what}() in ${basename(this.#o.file)}`,
      ),
    );
  }

  close(): void {
    this.#dead = true;
    void this.#worker.terminate();
  }

  #end(err: ParamError): never {
    this.close();
    throw err;
  }
}
