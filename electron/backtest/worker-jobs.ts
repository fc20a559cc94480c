// What the app's backtest jobs share, runs and parameter searches alike: each in a worker thread of its
// own with a shared cancel flag (the worker polls it), its progress passed on at most five times a second
// (and at the end), one report when it ends however it ends, and the finished ones dropped oldest first
// past a limit. Past a number running at once (the cores, for runs), jobs wait their turn queued, first
// come first served: twelve runs started together would otherwise share two cores twelve ways, each
// holding its candles, and none would finish sooner. Given a store, a job is written to the journal when
// it ends and the stored ones are listed again after a restart. The services keep their own ids,
// requests, outcomes and events. A job running a trader's own strategy has each call of it watched
// (startJobThread): a loop in its onBar ends the job as failed, saying where, instead of holding it for ever.
import { Worker } from 'node:worker_threads';
import type { RunExits } from '../../shared/backtest/run-exits.ts';
import { KEEL_CLOSED } from '../../shared/backtest/keel-closed.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { HostedWorker, type CodeHost, type JobThread } from '../strategies/code-host.ts';
import type { JobStore } from './run-store.ts';
import { newBeat, stopOnStall } from './stall-watch.ts';
import { workerUrl, type WorkerName } from './worker-url.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the app gives a service of jobs (BacktestService, OptimizeService). */
export interface JobServiceOptions {
  journalFile: string;
  candles: CandleStore;
  bus: Pick<EventBus, 'emit'>;
  log: Logger;
  /** Most jobs kept (the oldest finished ones are dropped first). */
  keep?: number;
  /** Most jobs running at once; the service's own default when absent. */
  concurrency?: number;
  /** Where the jobs' threads run: the process for the trader's code (the app's); absent, this process. */
  codeHost?: CodeHost;
  /** How long one call of a trader's own strategy may run in a job (startJobThread); absent, KEEL_STRATEGY_TIMEOUT_S or 30 s. */
  stallMs?: number;
}

/** What a job's worker posts; a job cancelled partway may post what it had made by then (a search's sets already scored). */
export type JobMessage<O> = { type: 'progress'; done: number; total: number } | { type: 'done'; outcome: O } | { type: 'cancelled'; outcome?: O } | { type: 'failed'; error: string };

/**
 * A job's thread that runs a trader's own strategy, in its data as `stall`: how long one call of the
 * strategy may take (stall-watch.ts, KEEL_STRATEGY_TIMEOUT_S), and the run its message names.
 */
export interface JobStall {
  limitMs: number;
  strategy: string;
  /** The run's set; absent for a search's own thread, named by the set its stuck call was given (StallNames.params). */
  params?: Record<string, number> | undefined;
  /** The run's protective exits, which its name carries (runWho). */
  exits: RunExits;
  portfolio: boolean;
  /** What Keel stops, as the message says it ('the run' when absent). */
  job?: string | undefined;
}

/**
 * Starts a job's worker thread in this process (the app's, or the code host's: code-host-process.ts). Given
 * `data.stall`, the thread reports its strategy's calls on a beat (its data's `beat`) watched here: a call
 * that has not returned within the limit never gives the thread back (nor lets it see the cancel flag), so
 * the thread is answered for, with the failure naming the hook, the bar and the parameters as `keel backtest`
 * does, and terminated. Without it (a built-in strategy) nothing is watched.
 */
export function startJobThread(name: WorkerName, data: Record<string, unknown>): Worker {
  const stall = data.stall as JobStall | undefined;
  if (!stall) return new Worker(workerUrl(name), { workerData: data });
  const beat = newBeat();
  const worker = new Worker(workerUrl(name), { workerData: { ...data, beat } });
  const file = typeof data.strategyFile === 'string' ? data.strategyFile : null;
  const unwatch = stopOnStall(worker, beat, stall.limitMs, { ...stall, file }, (err) => {
    // As the thread's own last word: whoever listens to it (a job here, the app through the host) hears it so.
    worker.emit('message', { type: 'failed', error: err.message } satisfies JobMessage<never>);
  });
  worker.once('exit', unwatch);
  return worker;
}

export interface Job<R, O> {
  runId: string;
  status: JobStatus;
  request: R;
  startedAt: number;
  /** 0..1. */
  progress: number;
  outcome: O | null;
  error: string | null;
  /**
   * Why the journal could not keep the ended job (a full disk), which it then lists only until Keel closes;
   * null when kept (or not ended yet). The list says so, where a log line alone left the trader to find the
   * run gone after a restart.
   */
  notKept: string | null;
  worker: JobThread | null;
  /** Set to 1 to ask the worker to stop at its next check. */
  cancelFlag: Int32Array;
}

export interface WorkerJobsOptions<R, O> {
  /** Ids are `${prefix}-1`, `${prefix}-2`, ... */
  prefix: string;
  worker: WorkerName;
  /** "backtest run", "optimization": how errors name a job. */
  noun: string;
  log: Logger;
  /** Most jobs kept (the oldest finished ones are dropped first). */
  keep: number;
  /** Most jobs running at once (the rest wait, queued); unlimited when absent. */
  concurrency?: number;
  /** Where ended jobs are kept across restarts (none: this session's only). */
  store?: Pick<JobStore<R, O>, 'save' | 'load'> | undefined;
  /** Where the jobs' threads run (JobServiceOptions.codeHost). */
  codeHost?: CodeHost | undefined;
  progress(job: Job<R, O>, done: number, total: number): void;
  ended(job: Job<R, O>): void;
}

const PROGRESS_EVERY_MS = 200;
/** How long a cancelled job's worker has to see the flag before it is terminated. */
const CANCEL_GRACE_MS = 3_000;

export class WorkerJobs<R, O> {
  readonly #o: WorkerJobsOptions<R, O>;
  readonly #jobs = new Map<string, Job<R, O>>();
  /** Queued jobs, oldest first, with the worker data each starts with. */
  readonly #waiting: { job: Job<R, O>; data: Record<string, unknown> }[] = [];
  #running = 0;
  #seq = 0;

  constructor(options: WorkerJobsOptions<R, O>) {
    this.#o = options;
    if (options.store) this.#restore(options.store.load());
  }

  /**
   * Starts a worker on `data` (the cancel flag is added to it): the job is running when this returns, or
   * queued when `concurrency` jobs already run (it starts when one of them ends).
   */
  start(request: R, data: Record<string, unknown>): Job<R, O> {
    const job: Job<R, O> = {
      runId: `${this.#o.prefix}-${++this.#seq}`,
      status: 'queued',
      request,
      startedAt: Date.now(),
      progress: 0,
      outcome: null,
      error: null,
      notKept: null,
      worker: null,
      cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
    };
    this.#jobs.set(job.runId, job);
    this.#trim();
    if (this.#running < (this.#o.concurrency ?? Number.POSITIVE_INFINITY)) this.#launch(job, data);
    else this.#waiting.push({ job, data });
    return job;
  }

  #launch(job: Job<R, O>, data: Record<string, unknown>): void {
    job.status = 'running';
    this.#running++;
    const host = this.#o.codeHost;
    const worker: JobThread = host ? host.worker(this.#o.worker, data, true) : startJobThread(this.#o.worker, { ...data, cancelFlag: job.cancelFlag });
    job.worker = worker;
    let lastProgress = 0;
    worker.on('message', (m: JobMessage<O>) => {
      if (m.type === 'progress') {
        job.progress = m.total > 0 ? m.done / m.total : 0;
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS || m.done === m.total) {
          lastProgress = now;
          this.#o.progress(job, m.done, m.total);
        }
      } else if (m.type === 'done') {
        job.outcome = m.outcome;
        this.#finish(job, 'done', null);
      } else if (m.type === 'cancelled') {
        if (m.outcome !== undefined && job.status === 'running') job.outcome = m.outcome;
        this.#finish(job, 'cancelled', null);
      } else {
        this.#finish(job, 'failed', m.error);
      }
    });
    worker.on('error', (err) => this.#finish(job, 'failed', err.message));
    worker.on('exit', (code) => {
      if (job.status === 'running') this.#finish(job, job.cancelFlag[0] === 1 ? 'cancelled' : 'failed', `the ${this.#o.noun} worker stopped (exit code ${code})`);
    });
  }

  /**
   * Jobs that ended before this process started (a restart), oldest first: listed as they ended, and new
   * ids continue after the highest of theirs.
   */
  #restore(ended: readonly { seq: number; status: JobStatus; request: R; startedAt: number; error: string | null; outcome: O | null; progress: number | null }[]): void {
    for (const e of ended) {
      const runId = `${this.#o.prefix}-${e.seq}`;
      // As far as it had got when it ended (a row kept before Keel kept that: 0, not known).
      const progress = e.status === 'done' ? 1 : (e.progress ?? 0);
      this.#jobs.set(runId, { runId, status: e.status, request: e.request, startedAt: e.startedAt, progress, outcome: e.outcome, error: e.error, notKept: null, worker: null, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) });
      if (e.seq > this.#seq) this.#seq = e.seq;
    }
  }

  /**
   * Asks a running job to stop (it ends as cancelled when its worker sees the flag); a queued one ends
   * cancelled at once. A worker that has not stopped CANCEL_GRACE_MS later is stuck where it never looks
   * at the flag (a strategy of the trader's own looping in onBar): it is terminated, so the cancel still
   * ends the job and frees its place for the next one.
   */
  cancel(runId: string): Job<R, O> {
    const job = this.get(runId);
    if (job.status === 'running') {
      Atomics.store(job.cancelFlag, 0, 1);
      const worker = job.worker;
      // A thread in the host has that process's flag, not this one.
      if (worker instanceof HostedWorker) worker.cancel();
      const grace = setTimeout(() => {
        if (job.status !== 'running' || job.worker !== worker) return;
        this.#finish(job, 'cancelled', `it did not stop within ${CANCEL_GRACE_MS / 1000} s of the cancel (a strategy stuck in a loop?), so its worker was stopped`);
      }, CANCEL_GRACE_MS);
      grace.unref();
    } else if (job.status === 'queued') {
      this.#waiting.splice(this.#waiting.findIndex((w) => w.job === job), 1);
      job.status = 'cancelled';
      this.#ended(job);
    }
    return job;
  }

  get(runId: string): Job<R, O> {
    const job = this.#jobs.get(runId);
    if (!job) throw new KeelError('not_found', `no ${this.#o.noun} ${runId}; ${this.#o.noun}s: ${[...this.#jobs.keys()].join(', ') || 'none yet'}`);
    return job;
  }

  all(): Job<R, O>[] {
    return [...this.#jobs.values()];
  }

  /**
   * Stops every worker. The jobs still going end as cancelled, saying Keel closed (a run kept across
   * restarts then reads as what happened to it, not as a failure); nothing queued starts.
   */
  async close(): Promise<void> {
    const waiting = this.#waiting.splice(0);
    const workers = [...this.#jobs.values()].flatMap((j) => (j.worker ? [j.worker] : []));
    for (const job of this.#jobs.values()) if (job.status === 'running') this.#finish(job, 'cancelled', `${KEEL_CLOSED} while this ${this.#o.noun} ran`);
    for (const { job } of waiting) {
      job.status = 'cancelled';
      job.error = `${KEEL_CLOSED} before this ${this.#o.noun} started`;
      this.#ended(job);
    }
    await Promise.all(workers.map((w) => w.terminate()));
  }

  #finish(job: Job<R, O>, status: JobStatus, error: string | null): void {
    if (job.status !== 'running') return;
    job.status = status;
    job.error = error;
    const w = job.worker;
    job.worker = null;
    void w?.terminate();
    this.#running--;
    if (status === 'failed') this.#o.log.warn('backtest', `${job.runId} failed: ${error}`);
    this.#ended(job);
    const next = this.#waiting.shift();
    if (next) this.#launch(next.job, next.data);
  }

  /** A job ended however it ended: kept in the store, then reported. */
  #ended(job: Job<R, O>): void {
    const store = this.#o.store;
    if (store && job.status !== 'queued' && job.status !== 'running') {
      try {
        store.save({ seq: Number(job.runId.slice(this.#o.prefix.length + 1)), status: job.status, request: job.request, startedAt: job.startedAt, error: job.error, outcome: job.outcome, progress: job.status === 'done' ? 1 : job.progress }, this.#o.keep);
        job.notKept = null;
      } catch (err) {
        // A journal that cannot take it costs the job its place after a restart, nothing more; the list says so.
        const why = err instanceof Error ? err.message : String(err);
        job.notKept = `the journal could not keep it (${why}), so it is listed only until Keel closes`;
        this.#o.log.warn('backtest', `${job.runId} could not be kept in the journal: ${why}`);
      }
    }
    this.#o.ended(job);
  }

  #trim(): void {
    for (const [id, j] of this.#jobs) {
      if (this.#jobs.size <= this.#o.keep) break;
      if (j.status !== 'running' && j.status !== 'queued') this.#jobs.delete(id);
    }
  }
}
