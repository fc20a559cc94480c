// Runs many parameter sets over the same candles (one market's, or a portfolio's: search-subject.ts), spread
// over worker threads so the engine (or the CLI's progress bar) stays responsive and every core helps. The
// candles go to each worker once, in shared memory; jobs go out one at a time to whichever worker is free,
// and only metrics come back (and a job's equity curve when it asks: a walk-forward's out-of-sample runs
// are stitched into one, and run here, watched as the search's sets are, rather than in the caller's thread).
// With 0 workers everything runs inline (tests, and machines where threads would not pay).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerUrl } from './worker-url.ts';
import type { Metrics } from './metrics.ts';
import { tradeReturns } from './monte-carlo.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { RunSetup } from './run-setup.ts';
import { runWindow, shareSubject, type SearchSubject } from './search-subject.ts';
import { newBeat, stopOnStall, type StallBeat } from './stall-watch.ts';
import { haltedToEnd, type HaltedToEnd } from '../../shared/backtest/halted-to-end.ts';

export interface EvalJob {
  params: Record<string, number>;
  /** Bars [from, to). */
  from: number;
  to: number;
  /** Send back the run's equity curve too (EvalResult.curve). */
  curve?: boolean;
}

/** Bar open times and equity at each bar's close, as a run's (BacktestResult.t, .equity), and its trades' returns. */
export interface EvalCurve {
  t: Float64Array;
  equity: Float64Array;
  /** Each trade's P&L over the equity before it, in the order they closed, then any left open at the end (monte-carlo.ts tradeReturns). */
  tradeReturns: number[];
}

export interface EvalResult {
  job: EvalJob;
  metrics: Metrics;
  /** Given when the job asked for it. */
  curve?: EvalCurve;
  /**
   * The kill switch engaged for good over a quarter of the stretch or more (halted-to-end.ts): a search says so
   * of its best set, as a run's hint does, or its ranking passes for the parameters' doing.
   */
  halted?: HaltedToEnd;
}

/** The measured part of a job's answer: its metrics, and the halt to the end when there was one. */
export type EvalFigures = Pick<EvalResult, 'metrics' | 'halted'>;

/** What an eval-worker answers to one job. */
export type EvalAnswer = ({ ok: true; curve?: EvalCurve } & EvalFigures) | { ok: false; error: string };

/**
 * The pool saw the cancel: what it had finished by then, in the jobs' order, comes with it, so a search
 * cancelled partway keeps the sets it already scored (optimize.ts SearchCancelled). Jobs still running in a
 * worker when the cancel was seen are left out.
 */
export class EvalCancelled extends Error {
  readonly done: EvalResult[];
  constructor(done: EvalResult[]) {
    super('the optimization was cancelled');
    this.done = done;
  }
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism() - 1));
}

export function evaluateInline(setup: RunSetup, subject: SearchSubject, job: EvalJob, cancelled?: () => boolean): EvalResult {
  const r = runWindow(setup, subject, job.params, job.from, job.to, { cancelled });
  return job.curve ? { job, ...figuresOf(r), curve: curveOf(r, setup) } : { job, ...figuresOf(r) };
}

/** A run's metrics, with the halt to the end that took a quarter of it or more. */
export function figuresOf(r: BacktestResult): EvalFigures {
  const halted = haltedToEnd(r.halts, r.metrics.from, r.metrics.to);
  return halted === null ? { metrics: r.metrics } : { metrics: r.metrics, halted };
}

/** What a job that asks for its curve gets back (inline or from a worker): the walk-forward stitches the equity and draws its Monte Carlo from the trades. */
export function curveOf(r: BacktestResult, setup: RunSetup): EvalCurve {
  // With the trade left open at the end: the stitched curve carries it into the next fold at its last close.
  return { t: r.t, equity: r.equity, tradeReturns: tradeReturns(r.trades, setup.capital, true) };
}

export interface EvalPoolOptions {
  /** How long one call of a trader's own strategy may run in a worker before the search fails saying so (stall-watch.ts); absent, no limit. */
  stallMs?: number | undefined;
}

export class EvalPool {
  readonly #setup: RunSetup;
  readonly #subject: SearchSubject;
  readonly #workers: { w: Worker; beat: StallBeat }[] = [];
  readonly #stallMs: number | undefined;

  constructor(setup: RunSetup, subject: SearchSubject, workers: number, options: EvalPoolOptions = {}) {
    this.#setup = setup;
    this.#subject = workers > 0 ? shareSubject(subject) : subject;
    // Built-ins are never watched: nothing to look at every second.
    this.#stallMs = setup.strategyFile ? options.stallMs : undefined;
    for (let i = 0; i < workers; i++) {
      const beat = newBeat();
      const w = new Worker(workerUrl('eval-worker'), { workerData: { setup, subject: this.#subject, beat } });
      this.#workers.push({ w, beat });
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /**
   * Evaluates every job; results in the jobs' order. `cancelled` is polled between jobs (inline, within each
   * too), and once more when all are done: a cancel during the last job is not lost. Cancelled, it throws
   * EvalCancelled with the jobs finished by then.
   */
  async evaluate(jobs: readonly EvalJob[], onProgress?: (done: number, total: number) => void, cancelled?: () => boolean): Promise<EvalResult[]> {
    const results: EvalResult[] = new Array(jobs.length);
    // The finished ones (a sparse array's holes skipped), read when the cancel is seen.
    const stop = () => new EvalCancelled(results.filter((r) => r !== undefined));
    let done = 0;
    if (this.#workers.length === 0) {
      for (let i = 0; i < jobs.length; i++) {
        if (cancelled?.()) throw stop();
        try {
          results[i] = evaluateInline(this.#setup, this.#subject, jobs[i]!, cancelled);
        } catch (err) {
          // A run that saw the cancel midway ends with its own error: the cancel's, so the finished ones are kept.
          if (cancelled?.()) throw stop();
          throw err;
        }
        onProgress?.(++done, jobs.length);
        // Let timers and I/O run between jobs.
        if (i % 4 === 3) await new Promise((r) => setImmediate(r));
      }
      if (cancelled?.()) throw stop();
      return results;
    }
    let next = 0;
    // After one failure (a stuck strategy's, say) the other workers take no new set.
    let failed = false;
    await Promise.all(
      this.#workers.map(async (worker) => {
        while (!failed && next < jobs.length) {
          if (cancelled?.()) throw stop();
          const i = next++;
          try {
            results[i] = await this.#ask(worker, jobs[i]!);
          } catch (err) {
            failed = true;
            throw err;
          }
          onProgress?.(++done, jobs.length);
        }
      }),
    );
    if (cancelled?.()) throw stop();
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map(({ w }) => w.terminate()));
    this.#workers.length = 0;
  }

  #ask({ w, beat }: { w: Worker; beat: StallBeat }, job: EvalJob): Promise<EvalResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: EvalAnswer) => {
        stop();
        if (m.ok) {
          const { ok: _ok, ...answer } = m;
          resolve({ job, ...answer });
        }
        else reject(new Error(m.error));
      };
      const onError = (err: Error) => {
        stop();
        reject(err);
      };
      // Terminated (the pool closed after another job failed): this job ends too.
      const onExit = (code: number) => {
        stop();
        reject(new Error(`a search worker stopped (exit code ${code})`));
      };
      // A trader's own strategy stuck in one call never answers: stop its worker and say where it was.
      const ms = this.#stallMs;
      const names = { strategy: this.#setup.strategy, params: job.params, exits: this.#setup.exits, portfolio: this.#subject.kind === 'portfolio', file: this.#setup.strategyFile };
      const unwatch =
        ms === undefined
          ? () => {}
          : stopOnStall(w, beat, ms, names, (err) => {
              stop();
              reject(err);
            });
      const stop = () => {
        unwatch();
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      w.once('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
      w.postMessage(job);
    });
  }
}
