// Parameter searches for the app (the backtest page's Optimize): each request checked at once (strategy,
// parameters, ranges, series, range; refusals say what is valid, a grid too large among them), then run
// in a worker thread of its own, which spreads the sets over an EvalPool: the engine keeps answering.
// The sets are what `keel backtest --optimize` tries for the same ranges, scored the same way.
import { Worker } from 'node:worker_threads';
import { workerUrl } from './worker-url.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import type { OptimizeRequest } from '../../shared/contract/commands/backtest.ts';
import { seriesLabel } from '../../shared/domain/candle.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { ParamError } from '../strategies/params.ts';
import { findStrategy } from '../strategies/registry.ts';
import { checkRequest } from './check-request.ts';
import type { OptimizeMessage, OptimizeOutcome } from './optimize-worker.ts';
import { gridSets, parseRanges, randomSets } from './param-space.ts';

type Status = 'running' | 'done' | 'failed' | 'cancelled';

/** The most sets one search may try from the app (the CLI takes up to a million). */
export const MAX_APP_SETS = 5000;

interface SearchRecord {
  runId: string;
  status: Status;
  request: OptimizeRequest;
  startedAt: number;
  progress: number;
  outcome: OptimizeOutcome | null;
  error: string | null;
  worker: Worker | null;
  cancelFlag: Int32Array;
}

export interface OptimizeServiceOptions {
  journalFile: string;
  candles: CandleStore;
  bus: Pick<EventBus, 'emit'>;
  log: Logger;
  /** Most searches kept (oldest finished ones are dropped first). */
  keep?: number;
}

export class OptimizeService {
  readonly #o: OptimizeServiceOptions;
  readonly #runs = new Map<string, SearchRecord>();
  #seq = 0;

  constructor(options: OptimizeServiceOptions) {
    this.#o = options;
  }

  optimize(request: OptimizeRequest): { runId: string } {
    const params = checkRequest(this.#o.candles, request);
    const sets = this.#sets(request, params);
    const runId = `opt-${++this.#seq}`;
    const rec: SearchRecord = {
      runId,
      status: 'running',
      request: { ...request, params },
      startedAt: Date.now(),
      progress: 0,
      outcome: null,
      error: null,
      worker: null,
      cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
    };
    this.#runs.set(runId, rec);
    this.#trim();
    const worker = new Worker(workerUrl('optimize-worker'), { workerData: { journalFile: this.#o.journalFile, request: rec.request, sets, cancelFlag: rec.cancelFlag } });
    rec.worker = worker;
    let lastProgress = 0;
    worker.on('message', (m: OptimizeMessage) => {
      if (m.type === 'progress') {
        rec.progress = m.total > 0 ? m.done / m.total : 0;
        const now = Date.now();
        if (now - lastProgress >= 200 || m.done === m.total) {
          lastProgress = now;
          this.#o.bus.emit('backtest.optimizeProgress', { runId, done: m.done, total: m.total });
        }
      } else if (m.type === 'done') {
        rec.outcome = m.outcome;
        this.#finish(rec, 'done', null);
      } else if (m.type === 'cancelled') {
        this.#finish(rec, 'cancelled', null);
      } else {
        this.#finish(rec, 'failed', m.error);
      }
    });
    worker.on('error', (err) => this.#finish(rec, 'failed', err.message));
    worker.on('exit', (code) => {
      if (rec.status === 'running') this.#finish(rec, rec.cancelFlag[0] === 1 ? 'cancelled' : 'failed', `the optimization worker stopped (exit code ${code})`);
    });
    this.#o.log.info('backtest', `${runId}: ${request.method} search of ${request.strategy} over ${sets.length} sets on ${seriesLabel(request.series)} (${request.objective})`);
    return { runId };
  }

  cancel(runId: string) {
    const rec = this.#get(runId);
    if (rec.status === 'running') Atomics.store(rec.cancelFlag, 0, 1);
    return this.#summary(rec);
  }

  result(runId: string) {
    const rec = this.#get(runId);
    const o = rec.outcome;
    return { ...this.#summary(rec), sets: o?.sets ?? [], setCount: o?.setCount ?? 0, inSample: o?.inSample ?? null, outOfSample: o?.outOfSample ?? null, warnings: o?.warnings ?? [] };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#runs.values()].map((r) => r.worker?.terminate()));
  }

  /** The sets the ranges make, checked here so a bad range or an oversized grid is refused before any worker starts. */
  #sets(request: OptimizeRequest, params: Record<string, number>): Record<string, number>[] {
    const def = findStrategy(request.strategy);
    let sets: Record<string, number>[];
    try {
      const ranges = parseRanges(def, request.ranges);
      sets = request.method === 'grid' ? gridSets(def, params, ranges, MAX_APP_SETS) : randomSets(def, params, ranges, Math.min(request.trials, MAX_APP_SETS));
    } catch (err) {
      if (err instanceof ParamError) throw new KeelError('invalid_request', err.message.replace('use --optimize random', 'use a random search'));
      throw err;
    }
    if (sets.length === 0) throw new KeelError('invalid_request', `the ranges make no valid ${def.name} parameter set: every combination breaks the strategy's rules`);
    return sets;
  }

  #get(runId: string): SearchRecord {
    const rec = this.#runs.get(runId);
    if (!rec) throw new KeelError('not_found', `no optimization ${runId}; optimizations: ${[...this.#runs.keys()].join(', ') || 'none yet'}`);
    return rec;
  }

  #summary(r: SearchRecord) {
    return { runId: r.runId, status: r.status, request: r.request, startedAt: r.startedAt, progress: r.status === 'done' ? 1 : r.progress, error: r.error };
  }

  #finish(rec: SearchRecord, status: Status, error: string | null): void {
    if (rec.status !== 'running') return;
    rec.status = status;
    rec.error = error;
    const w = rec.worker;
    rec.worker = null;
    void w?.terminate();
    if (status === 'failed') this.#o.log.warn('backtest', `${rec.runId} failed: ${error}`);
    this.#o.bus.emit('backtest.optimized', this.#summary(rec));
  }

  #trim(): void {
    const keep = this.#o.keep ?? 20;
    for (const [id, r] of this.#runs) {
      if (this.#runs.size <= keep) break;
      if (r.status !== 'running') this.#runs.delete(id);
    }
  }
}
