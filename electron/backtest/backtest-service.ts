// Backtests for the app (the UI's backtest page): each run checked at once (strategy, parameters, stored
// series, range; refusals say what is valid), then run in a worker thread of its own so the engine keeps
// answering, reporting progress as events and its result when done. The worker runs exactly what
// `keel backtest` runs (runSetup over the journal's candles), so the UI shows the CLI's numbers.
import { Worker } from 'node:worker_threads';
import { workerUrl } from './worker-url.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import type { BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import { seriesLabel } from '../../shared/domain/candle.ts';
import { RISK_MODES } from '../../shared/risk/risk-limits.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { STRATEGIES } from '../strategies/registry.ts';
import { checkRequest } from './check-request.ts';
import type { RunOutcome, WorkerMessage } from './run-worker.ts';

type Status = 'running' | 'done' | 'failed' | 'cancelled';

interface RunRecord {
  runId: string;
  status: Status;
  request: BacktestRequest;
  startedAt: number;
  progress: number;
  outcome: RunOutcome | null;
  error: string | null;
  worker: Worker | null;
  /** Set to 1 to ask the worker to stop at its next progress point. */
  cancelFlag: Int32Array;
}

export interface BacktestServiceOptions {
  journalFile: string;
  candles: CandleStore;
  bus: Pick<EventBus, 'emit'>;
  log: Logger;
  /** Most runs kept (oldest finished ones are dropped first). */
  keep?: number;
}

export class BacktestService {
  readonly #o: BacktestServiceOptions;
  readonly #runs = new Map<string, RunRecord>();
  #seq = 0;

  constructor(options: BacktestServiceOptions) {
    this.#o = options;
  }

  strategies() {
    return {
      strategies: STRATEGIES.map((s) => ({
        name: s.name,
        description: s.description,
        params: Object.entries(s.params).map(([name, p]) => ({ name, type: p.type, default: p.default, min: p.min, max: p.max, ...(p.step === undefined ? {} : { step: p.step }), description: p.description })),
      })),
      modes: [...RISK_MODES],
    };
  }

  run(request: BacktestRequest): { runId: string } {
    const params = checkRequest(this.#o.candles, request);
    const key = request.series;
    const runId = `bt-${++this.#seq}`;
    const rec: RunRecord = {
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
    const worker = new Worker(workerUrl('run-worker'), { workerData: { journalFile: this.#o.journalFile, request: rec.request, cancelFlag: rec.cancelFlag } });
    rec.worker = worker;
    let lastProgress = 0;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        rec.progress = m.total > 0 ? m.done / m.total : 0;
        const now = Date.now();
        if (now - lastProgress >= 200 || m.done === m.total) {
          lastProgress = now;
          this.#o.bus.emit('backtest.progress', { runId, done: m.done, total: m.total });
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
      if (rec.status === 'running') this.#finish(rec, rec.cancelFlag[0] === 1 ? 'cancelled' : 'failed', `the backtest worker stopped (exit code ${code})`);
    });
    this.#o.log.info('backtest', `${runId}: ${request.strategy} on ${seriesLabel(key)} (${request.mode})`);
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
    return { ...this.#summary(rec), fills: o?.fills ?? [], equity: o?.equity ?? [], drawdown: o?.drawdown ?? [], price: o?.price ?? [], trades: o?.trades ?? [], tradeCount: o?.tradeCount ?? 0, notes: o?.notes ?? [], halts: o?.halts ?? [] };
  }

  list() {
    return { runs: [...this.#runs.values()].map((r) => this.#summary(r)) };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#runs.values()].map((r) => r.worker?.terminate()));
  }

  #get(runId: string): RunRecord {
    const rec = this.#runs.get(runId);
    if (!rec) throw new KeelError('not_found', `no backtest run ${runId}; runs: ${[...this.#runs.keys()].join(', ') || 'none yet'}`);
    return rec;
  }

  #summary(r: RunRecord) {
    return { runId: r.runId, status: r.status, request: r.request, startedAt: r.startedAt, progress: r.status === 'done' ? 1 : r.progress, metrics: r.outcome?.metrics ?? null, error: r.error };
  }

  #finish(rec: RunRecord, status: Status, error: string | null): void {
    if (rec.status !== 'running') return;
    rec.status = status;
    rec.error = error;
    const w = rec.worker;
    rec.worker = null;
    void w?.terminate();
    if (status === 'failed') this.#o.log.warn('backtest', `${rec.runId} failed: ${error}`);
    this.#o.bus.emit('backtest.done', this.#summary(rec));
  }

  #trim(): void {
    const keep = this.#o.keep ?? 50;
    for (const [id, r] of this.#runs) {
      if (this.#runs.size <= keep) break;
      if (r.status !== 'running') this.#runs.delete(id);
    }
  }
}
