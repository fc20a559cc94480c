// Backtests for the app (the UI's backtest page): each run checked at once (strategy, parameters, stored
// series, range; refusals say what is valid), then run in a worker thread of its own so the engine keeps
// answering, reporting progress as events and its result when done. The worker runs exactly what
// `keel backtest` runs (runSetup over the journal's candles), so the UI shows the CLI's numbers.
import { availableParallelism } from 'node:os';
import type { BacktestRequest, PortfolioMarket } from '../../shared/contract/commands/backtest.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import { RISK_MODES } from '../../shared/risk/risk-limits.ts';
import type { StrategyProblem } from '../strategies/own-strategies.ts';
import { strategyCatalog } from '../strategies/strategy-catalog.ts';
import { refreshOwnFirst } from '../strategies/fresh-own-strategy.ts';
import type { CodeHost, JobThread } from '../strategies/code-host.ts';
import { strategyFileOf } from '../strategies/registry.ts';
import { checkDetailSeries, checkPortfolio, checkRequest, tradedOn } from './check-request.ts';
import { withCustomShare } from './mode-text.ts';
import type { BacktestRunStore } from './run-store.ts';
import type { ReportFormat } from './run-report.ts';
import type { RunOutcome } from './run-worker.ts';
import type { TradeWindow } from './trade-window.ts';
import type { WindowJob, WindowMessage } from './window-worker.ts';
import { startJobThread, WorkerJobs, type Job, type JobServiceOptions, type JobStall } from './worker-jobs.ts';
import { stallLimitMs } from './stall-watch.ts';

type RunJob = Job<BacktestRequest, RunOutcome>;

export interface BacktestServiceOptions extends JobServiceOptions {
  /** Where finished runs are kept across restarts (none: this session's only). */
  store?: BacktestRunStore;
  /** Looks at the trader's own strategy files again (before listing, and before running one of them); the problems with them. */
  ownStrategies?: () => Promise<StrategyProblem[]>;
}

export class BacktestService {
  readonly #o: BacktestServiceOptions;
  readonly #jobs: WorkerJobs<BacktestRequest, RunOutcome>;
  /** The reports being made, by run: how to stop each. */
  readonly #reports = new Map<string, () => void>();
  /** How long one call of a trader's own strategy may run before its run fails (stall-watch.ts). */
  readonly #stallMs: number;

  constructor(options: BacktestServiceOptions) {
    this.#o = options;
    this.#stallMs = options.stallMs ?? stallLimitMs(process.env);
    const keep = options.keep ?? 50;
    this.#jobs = new WorkerJobs({
      prefix: 'bt',
      worker: 'run-worker',
      noun: 'backtest run',
      log: options.log,
      keep,
      concurrency: options.concurrency ?? runWorkersFrom(process.env),
      store: options.store,
      codeHost: options.codeHost,
      progress: (job, done, total) => options.bus.emit('backtest.progress', { runId: job.runId, done, total }),
      ended: (job) => options.bus.emit('backtest.done', summary(job)),
    });
  }

  /** The strategies a run may use (the trader's own files looked at again first), the problems with those files, the risk modes. */
  async strategies() {
    const problems = (await this.#o.ownStrategies?.()) ?? [];
    return { strategies: strategyCatalog(), problems, modes: [...RISK_MODES] };
  }

  async run(request: BacktestRequest): Promise<{ runId: string }> {
    await refreshOwnFirst([request.strategy], this.#o.ownStrategies, (name) => `${name} was not run`);
    return { runId: this.#start(this.#checked(request)) };
  }

  /** The request with the strategy's defaults (and a custom mode's share) filled in, once it passed every check (a portfolio's markets too). */
  #checked(request: BacktestRequest): BacktestRequest {
    const params = checkRequest(this.#o.candles, request);
    checkPortfolio(this.#o.candles, request);
    checkDetailSeries(this.#o.candles, request);
    return withCustomShare({ ...request, params });
  }

  /** Several runs: all checked first (a refusal names the run and starts none), then started in order. */
  async runMany(requests: readonly BacktestRequest[]): Promise<{ runIds: string[] }> {
    await refreshOwnFirst(
      requests.map((r) => r.strategy),
      this.#o.ownStrategies,
      (name) => `${name}: none started`,
    );
    const checked = requests.map((r, i) => {
      try {
        return this.#checked(r);
      } catch (err) {
        if (err instanceof KeelError) throw new KeelError(err.code, `run ${i + 1} of ${requests.length} (${r.strategy} · ${r.mode}): ${err.message}; none started`);
        throw err;
      }
    });
    return { runIds: checked.map((r) => this.#start(r)) };
  }

  #start(checked: BacktestRequest): string {
    const job = this.#jobs.start(checked, { journalFile: this.#o.journalFile, request: checked, strategyFile: strategyFileOf(checked.strategy), stall: runStall(checked, this.#stallMs) });
    this.#o.log.info('backtest', `${job.runId}: ${checked.strategy} on ${tradedOn(checked)} (${checked.mode})${job.status === 'queued' ? ', queued' : ''}`);
    return job.runId;
  }

  cancel(runId: string) {
    return summary(this.#jobs.cancel(runId));
  }

  result(runId: string) {
    const job = this.#jobs.get(runId);
    const o = job.outcome;
    return {
      ...summary(job),
      fills: o?.fills ?? [],
      equity: o?.equity ?? [],
      drawdown: o?.drawdown ?? [],
      price: o?.price ?? [],
      ...(o?.indicators && { indicators: o.indicators }),
      trades: o?.trades ?? [],
      tradeCount: o?.tradeCount ?? 0,
      ...(o?.exitRows && { exitRows: o.exitRows }),
      ...(o?.sideRows && { sideRows: o.sideRows }),
      ...(o?.entryTagRows && { entryTagRows: o.entryTagRows }),
      notes: o?.notes ?? [],
      ...(o?.leadIn !== undefined && { leadIn: o.leadIn }),
      halts: o?.halts ?? [],
      ...(o?.drawdowns && { drawdowns: o.drawdowns }),
      monteCarlo: o?.monteCarlo ?? null,
      markets: storedMarkets(o?.markets),
      basket: o?.basket ?? [],
    };
  }

  /**
   * A finished run's bars from `from` to `to` in one of its markets (its series' when `symbol` is absent),
   * with the strategy's indicators over them (trade-window.ts), read and computed in a worker thread;
   * `withLeadIn`: from the bars the run read before its range on.
   */
  async window(runId: string, symbol: string | undefined, from: number, to: number, withLeadIn = false): Promise<{ symbol: string } & TradeWindow> {
    const job = this.#jobs.get(runId);
    if (job.status !== 'done') throw new KeelError('conflict', `backtest ${runId} is ${job.status}; its bars are shown once it has finished`);
    const r = job.request;
    const market = symbol ?? r.series.symbol;
    const traded = [r.series, ...r.portfolio].map((k) => k.symbol);
    if (!traded.includes(market)) throw new KeelError('invalid_request', `backtest ${runId} traded ${traded.join(', ')}, not ${market}`);
    const w = await windowInWorker(this.#o.codeHost, { journalFile: this.#o.journalFile, request: r, strategyFile: strategyFileOf(r.strategy), symbol: market, from, to, withLeadIn }, runStall(r, this.#stallMs, 'drawing the window'));
    return { symbol: market, ...w };
  }

  /**
   * A finished run's whole report, as `keel backtest --json`/`--html` writes it for the same run: the run is
   * made again in a worker (the same request gives the same run), since the page keeps only what it draws.
   */
  async report(runId: string, format: ReportFormat): Promise<{ fileName: string; content: string }> {
    const job = this.#jobs.get(runId);
    if (job.status !== 'done') throw new KeelError('conflict', `backtest ${runId} is ${job.status}; a report is made from a finished run`);
    if (this.#reports.has(runId)) throw new KeelError('conflict', `the report of ${runId} is being made already; wait for it or cancel it`);
    const r = job.request;
    const making = reportInWorker(this.#o.codeHost, this.#o.journalFile, r, format, this.#stallMs, (done, total) => this.#o.bus.emit('backtest.reportProgress', { runId, format, done, total }));
    this.#reports.set(runId, making.cancel);
    let content: string;
    try {
      content = await making.text;
    } finally {
      this.#reports.delete(runId);
    }
    const params = Object.entries(r.params).map(([k, v]) => `${k}${v}`).join('-');
    const symbols = [r.series, ...r.portfolio].map((s) => s.symbol.replace('/', '')).join('+');
    const fileName = `keel-${runId}-${r.strategy}-${params}-${symbols}-${r.series.timeframe}-${r.mode}${format === 'csv' ? '-trades' : ''}.${format}`;
    return { fileName, content };
  }

  /** Stops the report being made for a run; false when none is. */
  cancelReport(runId: string): { cancelled: boolean } {
    const cancel = this.#reports.get(runId);
    if (!cancel) return { cancelled: false };
    cancel();
    return { cancelled: true };
  }

  list() {
    return { runs: this.#jobs.all().map(summary) };
  }

  close(): Promise<void> {
    for (const cancel of this.#reports.values()) cancel();
    return this.#jobs.close();
  }
}

/** The most runs at once: KEEL_BACKTEST_WORKERS (1 to 64), else one per core. */
export const RUN_WORKERS_MAX = 64;

/**
 * Runs at once, from KEEL_BACKTEST_WORKERS or the cores: a run keeps one core busy, so more at once only
 * share the cores (each holding its candles) and none ends sooner. Read strictly: a typo stops start-up.
 */
export function runWorkersFrom(env: Record<string, string | undefined>): number {
  const text = env['KEEL_BACKTEST_WORKERS'];
  if (text === undefined || text.trim() === '') return Math.max(1, availableParallelism());
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > RUN_WORKERS_MAX) throw new RangeError(`KEEL_BACKTEST_WORKERS must be a whole number of backtest runs at once from 1 to ${RUN_WORKERS_MAX} (unset: one per core, ${availableParallelism()} here), got "${text}"`);
  return n;
}

/**
 * A run of the trader's own strategy is watched call by call, named as `keel backtest` names it; a built-in's
 * is not. `job`: what a stall stops, when it is not the run (a trade's window).
 */
function runStall(request: BacktestRequest, limitMs: number, job?: string): JobStall | undefined {
  if (strategyFileOf(request.strategy) === null) return undefined;
  const exits = { stopLossPct: request.stopLossPct, takeProfitPct: request.takeProfitPct, trailingStopPct: request.trailingStopPct };
  return { limitMs, strategy: request.strategy, params: request.params, exits, portfolio: request.portfolio.length > 0, ...(job && { job }) };
}

/**
 * A run as the runs list carries it. With the Monte Carlo's resampled drawdown p95, read from the outcome
 * (stored runs' too): the runs table shows it for every run, not only those whose whole result is loaded.
 */
export function summary(r: Pick<RunJob, 'runId' | 'status' | 'request' | 'startedAt' | 'progress' | 'outcome' | 'error'> & { notKept?: string | null }) {
  const o = r.outcome;
  return { runId: r.runId, status: r.status, request: r.request, startedAt: r.startedAt, progress: r.status === 'done' ? 1 : r.progress, metrics: o?.metrics ?? null, mcDrawdownP95: o?.monteCarlo?.resample.maxDrawdownPct.p95 ?? null, error: r.error, notKept: r.notKept ?? null };
}

/**
 * Runs the request in a run worker of its own for its report; `progress` hears the run's. Gives the report's
 * text when done, and how to stop it (the text then fails, saying so).
 */
function reportInWorker(host: CodeHost | undefined, journalFile: string, request: BacktestRequest, format: ReportFormat, stallMs: number, progress: (done: number, total: number) => void): { text: Promise<string>; cancel: () => void } {
  let cancel = () => {};
  const text = new Promise<string>((resolve, reject) => {
    // The run for the report runs the trader's code as a run does: in the host when there is one.
    const data = { journalFile, request, strategyFile: strategyFileOf(request.strategy), report: format, stall: runStall(request, stallMs) };
    const worker: JobThread = host ? host.worker('run-worker', data, true) : startJobThread('run-worker', { ...data, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) });
    const end = answerOnce(worker, reject, 'the report could not be made', 'the report worker');
    cancel = () => end(() => reject(new KeelError('conflict', `the ${format.toUpperCase()} report was cancelled; nothing was saved`)));
    worker.on('message', (m: { type: string; text?: string; error?: string; done?: number; total?: number }) => {
      if (m.type === 'progress') progress(m.done!, m.total!);
      else if (m.type === 'report') end(() => resolve(m.text!));
      else if (m.type === 'failed') end(() => reject(new KeelError('internal', `the report could not be made: ${m.error}`)));
    });
  });
  return { text, cancel };
}

/**
 * A worker thread that answers once: `end(fn)` settles (the first call wins, later ones do nothing) and
 * stops the thread; an error or an exit before that rejects, saying `failed` or that `worker` stopped.
 */
function answerOnce(worker: JobThread, reject: (err: KeelError) => void, failed: string, name: string): (fn: () => void) => void {
  let settled = false;
  const end = (fn: () => void) => {
    if (settled) return;
    settled = true;
    void worker.terminate();
    fn();
  };
  worker.on('error', (err) => end(() => reject(new KeelError('internal', `${failed}: ${err.message}`))));
  worker.on('exit', (code) => end(() => reject(new KeelError('internal', `${name} stopped (exit code ${code})`))));
  return end;
}

/**
 * A trade window (window-worker.ts) made in a worker thread of its own: in the host when there is one, as it
 * imports the trader's file. Given `stall` (the trader's own strategy), its load and its indicators() are
 * watched as a run's are (startJobThread): one that loops fails the window, saying so.
 */
function windowInWorker(host: CodeHost | undefined, job: WindowJob, stall: JobStall | undefined): Promise<TradeWindow> {
  return new Promise<TradeWindow>((resolve, reject) => {
    const data = stall ? { ...job, stall } : { ...job };
    const worker: JobThread = host ? host.worker('window-worker', data) : startJobThread('window-worker', data);
    const end = answerOnce(worker, reject, "the trade's bars could not be read", "the trade window's worker");
    worker.on('message', (m: WindowMessage) => {
      if (m.type === 'done') end(() => resolve(m.window));
      else end(() => reject(new KeelError(m.asked ? 'invalid_request' : 'internal', m.error)));
    });
  });
}

/**
 * A stored run's markets as the result gives them: a portfolio run stored before weights existed split its
 * account evenly, so its markets without a weight get 1/N (the page would otherwise print "NaN%").
 */
export function storedMarkets(markets: readonly (Omit<PortfolioMarket, 'weight'> & { weight?: number | undefined })[] | undefined): PortfolioMarket[] {
  if (!markets) return [];
  return markets.map((m) => ({ ...m, weight: m.weight ?? 1 / markets.length }));
}
