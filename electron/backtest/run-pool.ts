// Whole backtest runs (a comparison's strategies × parameter sets × modes × markets) spread over worker
// threads, one run per free worker, each answering with the full result (fills, equity, trades) that the
// summary table and the reports are made from. The markets' candles go to each worker once, in shared
// memory. Results come back in the jobs' order whatever order they finish in, so a comparison prints and
// writes the same with any number of workers; with 0 workers the runs go inline, one after the other.
//
// The EvalPool (eval-pool.ts) is the search's pool: one market, and only metrics back.
import { Worker } from 'node:worker_threads';
import { shareColumns, type CandleColumns } from '../journal/candle-columns.ts';
import type { BacktestResult } from './run-backtest.ts';
import { rebuiltError } from './rebuilt-error.ts';
import { markStrategyFailure } from './strategy-failure.ts';
import { runPortfolioSetup, runSetup, type RunSetup } from './run-setup.ts';
import { unionOfTimes } from './run-portfolio.ts';
import type { JournaledSignal } from '../strategies/strategy.ts';
import { workerUrl } from './worker-url.ts';
import { newBeat, stopOnStall, type StallBeat } from './stall-watch.ts';

/** A market's candles, and its finer candles when they decide fills inside each bar. */
export interface PoolMarket {
  candles: CandleColumns;
  detail?: { candles: CandleColumns; barMs: number } | undefined;
}

export interface PoolJob {
  setup: RunSetup;
  /** Index into the pool's markets. */
  market: number;
  params: Record<string, number>;
  /** A portfolio run (keel backtest --portfolio): these markets from one account, instead of `market` alone. */
  basket?: BasketPart[] | undefined;
}

/** One market of a portfolio job: its index into the pool's markets, with what runPortfolioSetup takes beside its candles. */
export interface BasketPart {
  market: number;
  symbol: string;
  signals?: JournaledSignal[] | undefined;
  weight?: number | undefined;
}

/** What a worker answers: progress (bars done in the job), the result, or why it failed. */
export type PoolMessage =
  | { type: 'progress'; job: number; done: number }
  | { type: 'done'; job: number; result: BacktestResult }
  | { type: 'failed'; job: number; name: string; message: string; strategy?: boolean };

/** One job of the pool run where it is (inline, or inside a worker): what both do, so both give the same. */
export function runPoolJob(markets: readonly PoolMarket[], job: PoolJob, onProgress?: (done: number, total: number) => void): BacktestResult {
  const marketOf = (i: number) => {
    const m = markets[i];
    if (!m) throw new RangeError(`no market ${i} in the pool (it has ${markets.length})`);
    return m;
  };
  if (job.basket) {
    const parts = job.basket.map((b) => ({ symbol: b.symbol, signals: b.signals, weight: b.weight, ...marketOf(b.market) }));
    return runPortfolioSetup(job.setup, parts, job.params, { onProgress });
  }
  const m = marketOf(job.market);
  return runSetup(job.setup, m.candles, job.params, 0, m.candles.length, { onProgress, detail: m.detail });
}

/** The bars a job walks: its market's, or every time of a portfolio's markets. */
function jobBars(markets: readonly PoolMarket[], job: PoolJob): number {
  if (job.basket) return unionOfTimes(job.basket.map((b) => markets[b.market]?.candles.t ?? new Float64Array(0))).length;
  return markets[job.market]?.candles.length ?? 0;
}

export interface RunPoolOptions {
  /**
   * How long one call of a trader's own strategy (its onBar, ...) may run in a worker before the worker is
   * stopped and the run fails saying so (stall-watch.ts); absent, no limit. Inline runs are never watched.
   */
  stallMs?: number | undefined;
}

export class RunPool {
  readonly #markets: PoolMarket[];
  readonly #workers: Worker[] = [];
  /** Each worker's shared record of the strategy's calls, by worker. */
  readonly #beats = new Map<Worker, StallBeat>();
  readonly #stallMs: number | undefined;

  constructor(markets: readonly PoolMarket[], workers: number, options: RunPoolOptions = {}) {
    // Inline runs read the caller's arrays; workers read one shared copy.
    this.#markets = workers > 0 ? markets.map(share) : [...markets];
    this.#stallMs = options.stallMs;
    for (let i = 0; i < workers; i++) {
      const beat = newBeat();
      const w = new Worker(workerUrl('run-pool-worker'), { workerData: { markets: this.#markets, beat } });
      this.#workers.push(w);
      this.#beats.set(w, beat);
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /**
   * Runs every job; results in the jobs' order. `onProgress` gets the bars done over all the jobs (a job's
   * bars are its market's), and the number of jobs finished. The first failure stops the rest and is thrown.
   */
  async run(jobs: readonly PoolJob[], onProgress?: (doneBars: number, totalBars: number, finished: number) => void): Promise<BacktestResult[]> {
    const bars = jobs.map((j) => jobBars(this.#markets, j));
    const total = bars.reduce((a, b) => a + b, 0);
    const done = new Array<number>(jobs.length).fill(0);
    let doneBars = 0;
    let finished = 0;
    const progress = (i: number, d: number) => {
      doneBars += d - done[i]!;
      done[i] = d;
      onProgress?.(doneBars, total, finished);
    };
    const results: BacktestResult[] = new Array(jobs.length);
    if (this.#workers.length === 0) {
      for (let i = 0; i < jobs.length; i++) {
        results[i] = runPoolJob(this.#markets, jobs[i]!, (d) => progress(i, d));
        finished++;
        progress(i, bars[i]!);
      }
      return results;
    }
    let next = 0;
    let failed = false;
    await Promise.all(
      this.#workers.map(async (w) => {
        while (!failed && next < jobs.length) {
          const i = next++;
          try {
            results[i] = await this.#ask(w, i, jobs[i]!, (d) => progress(i, d));
          } catch (err) {
            failed = true;
            throw err;
          }
          finished++;
          progress(i, bars[i]!);
        }
      }),
    );
    return results;
  }

  #ask(w: Worker, i: number, job: PoolJob, onProgress: (done: number) => void): Promise<BacktestResult> {
    const candles = this.#markets[job.market]!.candles;
    return new Promise((resolve, reject) => {
      const onMessage = (m: PoolMessage) => {
        if (m.job !== i) return;
        if (m.type === 'progress') return onProgress(m.done);
        stop();
        if (m.type === 'failed') return reject(m.strategy ? markStrategyFailure(rebuiltError(m.name, m.message)) : rebuiltError(m.name, m.message));
        // The bar times are the market's own (the worker's were the shared copy); a portfolio's are its own.
        resolve(job.basket ? m.result : { ...m.result, t: candles.t });
      };
      const onError = (err: Error) => {
        stop();
        reject(err);
      };
      const onExit = (code: number) => {
        stop();
        reject(new Error(`a backtest worker stopped (exit code ${code}) during run ${i + 1}`));
      };
      // A trader's own strategy stuck in one call never answers: stop its worker and say where it was.
      const ms = this.#stallMs;
      const names = { strategy: job.setup.strategy, params: job.params, exits: job.setup.exits, portfolio: job.basket !== undefined, file: job.setup.strategyFile };
      const unwatch =
        ms !== undefined && job.setup.strategyFile
          ? stopOnStall(w, this.#beats.get(w)!, ms, names, (err) => {
              stop();
              reject(err);
            })
          : () => {};
      const stop = () => {
        unwatch();
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      w.on('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
      w.postMessage({ job: i, run: job });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
    this.#workers.length = 0;
  }
}

function share(m: PoolMarket): PoolMarket {
  return { candles: shareColumns(m.candles), detail: m.detail ? { candles: shareColumns(m.detail.candles), barMs: m.detail.barMs } : undefined };
}
