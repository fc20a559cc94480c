// Backtests for the app (the UI's backtest page): each run checked at once (strategy, parameters, stored
// series, range; refusals say what is valid), then run in a worker thread of its own so the engine keeps
// answering, reporting progress as events and its result when done. The worker runs exactly what
// `keel backtest` runs (runSetup over the journal's candles), so the UI shows the CLI's numbers.
import type { BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import { seriesLabel } from '../../shared/domain/candle.ts';
import { RISK_MODES } from '../../shared/risk/risk-limits.ts';
import { STRATEGIES } from '../strategies/registry.ts';
import { checkRequest } from './check-request.ts';
import type { RunOutcome } from './run-worker.ts';
import { WorkerJobs, type Job, type JobServiceOptions } from './worker-jobs.ts';

type RunJob = Job<BacktestRequest, RunOutcome>;

export class BacktestService {
  readonly #o: JobServiceOptions;
  readonly #jobs: WorkerJobs<BacktestRequest, RunOutcome>;

  constructor(options: JobServiceOptions) {
    this.#o = options;
    this.#jobs = new WorkerJobs({
      prefix: 'bt',
      worker: 'run-worker',
      noun: 'backtest run',
      log: options.log,
      keep: options.keep ?? 50,
      progress: (job, done, total) => options.bus.emit('backtest.progress', { runId: job.runId, done, total }),
      ended: (job) => options.bus.emit('backtest.done', summary(job)),
    });
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
    const checked = { ...request, params };
    const job = this.#jobs.start(checked, { journalFile: this.#o.journalFile, request: checked });
    this.#o.log.info('backtest', `${job.runId}: ${request.strategy} on ${seriesLabel(request.series)} (${request.mode})`);
    return { runId: job.runId };
  }

  cancel(runId: string) {
    return summary(this.#jobs.cancel(runId));
  }

  result(runId: string) {
    const job = this.#jobs.get(runId);
    const o = job.outcome;
    return { ...summary(job), fills: o?.fills ?? [], equity: o?.equity ?? [], drawdown: o?.drawdown ?? [], price: o?.price ?? [], trades: o?.trades ?? [], tradeCount: o?.tradeCount ?? 0, notes: o?.notes ?? [], halts: o?.halts ?? [], monteCarlo: o?.monteCarlo ?? null };
  }

  list() {
    return { runs: this.#jobs.all().map(summary) };
  }

  close(): Promise<void> {
    return this.#jobs.close();
  }
}

function summary(r: RunJob) {
  return { runId: r.runId, status: r.status, request: r.request, startedAt: r.startedAt, progress: r.status === 'done' ? 1 : r.progress, metrics: r.outcome?.metrics ?? null, error: r.error };
}
