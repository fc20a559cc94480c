// Parameter searches for the app (the backtest page's Optimize): each request checked at once (strategy,
// parameters, ranges, series, range; refusals say what is valid, a grid too large among them), then run
// in a worker thread of its own, which spreads the sets over an EvalPool: the engine keeps answering.
// One search runs at a time; the next waits queued.
// The sets are what `keel backtest --optimize` tries for the same ranges, scored the same way; a
// walk-forward cuts the bars into the folds `keel backtest --walk-forward` cuts.
import { shortTargetProblem } from '../../shared/backtest/run-exits.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import type { OptimizeRequest } from '../../shared/contract/commands/backtest.ts';
import { DIRECTION_LABELS } from '../../shared/domain/direction.ts';
import { refreshOwnFirst } from '../strategies/fresh-own-strategy.ts';
import type { StrategyProblem } from '../strategies/own-strategies.ts';
import { ParamError } from '../strategies/params.ts';
import { findStrategy, strategyFileOf } from '../strategies/registry.ts';
import { indicatorsEach } from '../strategies/stand-in-definition.ts';
import { checkDetailSeries, checkPortfolio, checkRequest, timelineBarsAtMost, tradedOn } from './check-request.ts';
import { withCustomShare } from './mode-text.ts';
import type { OptimizeOutcome } from './optimize-worker.ts';
import { gridSets, parseRanges, randomSets } from './param-space.ts';
import type { SearchStore } from './run-store.ts';
import { searchHeadline } from './search-headline.ts';
import { foldWindows, foldsProblem } from './walk-forward.ts';
import { WorkerJobs, type Job, type JobServiceOptions, type JobStall } from './worker-jobs.ts';
import { stallLimitMs } from './stall-watch.ts';

/** The most sets one search may try from the app (the CLI takes up to a million). */
export const MAX_APP_SETS = 5000;

type SearchJob = Job<OptimizeRequest, OptimizeOutcome>;

export interface OptimizeServiceOptions extends JobServiceOptions {
  /** Where finished searches are kept across restarts (none: this session's only). */
  store?: SearchStore;
  /** Looks at the trader's own strategy files again before a search of one of them; the problems with them. */
  ownStrategies?: () => Promise<StrategyProblem[]>;
}

export class OptimizeService {
  readonly #o: OptimizeServiceOptions;
  readonly #jobs: WorkerJobs<OptimizeRequest, OptimizeOutcome>;
  /** How long one call of a trader's own strategy may run before its search fails (stall-watch.ts). */
  readonly #stallMs: number;

  constructor(options: OptimizeServiceOptions) {
    this.#o = options;
    this.#stallMs = options.stallMs ?? stallLimitMs(process.env);
    this.#jobs = new WorkerJobs({
      prefix: 'opt',
      worker: 'optimize-worker',
      noun: 'optimization',
      log: options.log,
      keep: options.keep ?? 20,
      // A search already spreads its sets over every core (its EvalPool): a second one at once would only
      // halve both, so it waits its turn.
      concurrency: options.concurrency ?? 1,
      store: options.store,
      codeHost: options.codeHost,
      progress: (job, done, total) => options.bus.emit('backtest.optimizeProgress', { runId: job.runId, done, total }),
      ended: (job) => options.bus.emit('backtest.optimized', summary(job)),
    });
  }

  async optimize(request: OptimizeRequest): Promise<{ runId: string }> {
    await refreshOwnFirst([request.strategy], this.#o.ownStrategies, (name) => `${name} was not searched`);
    const params = checkRequest(this.#o.candles, request);
    checkPortfolio(this.#o.candles, request);
    checkDetailSeries(this.#o.candles, request);
    const sets = searchSets(request, params);
    if (request.walkForward) checkFolds(timelineBarsAtMost(this.#o.candles, request), request.portfolio.length > 0, request.walkForward);
    // A custom search without a share takes the account defaults' (as a run does), and is labelled with it.
    const checked = withCustomShare({ ...request, params });
    // A search of the trader's own strategy has each call watched by its pool, every set's run and every
    // walk-forward fold's out-of-sample run alike, the stall named with its set (eval-pool.ts); a built-in's is not watched.
    // The search's own thread loads the file too (and asks every set's indicators()): watched as a run's thread is
    // (startJobThread). It runs no one set, so no params: a stuck indicators() is named by the set it was given.
    const strategyFile = strategyFileOf(checked.strategy);
    const exits = { stopLossPct: checked.stopLossPct, takeProfitPct: checked.takeProfitPct, trailingStopPct: checked.trailingStopPct };
    const stall: JobStall | undefined = strategyFile === null ? undefined : { limitMs: this.#stallMs, strategy: checked.strategy, exits, portfolio: checked.portfolio.length > 0, job: 'the search' };
    const job = this.#jobs.start(checked, { journalFile: this.#o.journalFile, request: checked, sets, strategyFile, stallMs: stall?.limitMs, stall });
    const walk = request.walkForward ? `, walking forward ${request.walkForward.folds} folds (in-sample ratio ${request.walkForward.isRatio})` : '';
    this.#o.log.info('backtest', `${job.runId}: ${request.method} search of ${request.strategy} over ${sets.length} sets on ${tradedOn(request)} (${request.objective})${walk}`);
    return { runId: job.runId };
  }

  cancel(runId: string) {
    return summary(this.#jobs.cancel(runId));
  }

  result(runId: string) {
    const job = this.#jobs.get(runId);
    const o = job.outcome;
    return { ...summary(job), sets: o?.sets ?? [], setCount: o?.setCount ?? 0, inSample: o?.inSample ?? null, outOfSample: o?.outOfSample ?? null, warnings: o?.warnings ?? [], walkForward: o?.walkForward ?? null };
  }

  /** The searches kept (the latest `keep`), newest first. */
  list() {
    return { searches: this.#jobs.all().reverse().map(summary) };
  }

  close(): Promise<void> {
    return this.#jobs.close();
  }
}

/** A search's line: its headline once done, or once cancelled with some sets (folds) run, over those (`partial` says how many). */
function summary(r: SearchJob) {
  const o = r.outcome;
  const partial = r.status === 'cancelled' ? (o?.partial ?? null) : null;
  const headline = o && (r.status === 'done' || partial !== null) ? searchHeadline(o, r.request.objective) : null;
  return { runId: r.runId, status: r.status, request: r.request, startedAt: r.startedAt, progress: progressOf(r, partial), error: r.error, notKept: r.notKept, headline, partial };
}

/**
 * How far a search got: all of it once done; a search cancelled partway, the share of its sets (folds) that
 * ran, which its outcome keeps (the journal does not keep the last progress event: read back after a
 * restart, a cancelled search's progress was 0 beside "cancelled after 460 of 1,000 sets"); else the
 * last progress its worker reported.
 */
function progressOf(r: SearchJob, partial: { done: number; planned: number } | null): number {
  if (r.status === 'done') return 1;
  if (partial !== null) return Math.min(1, partial.done / partial.planned);
  return r.progress;
}

/** The sets the ranges make, checked here so a bad range or an oversized grid is refused before any worker starts. */
function searchSets(request: OptimizeRequest, params: Record<string, number>): Record<string, number>[] {
  const def = findStrategy(request.strategy);
  let sets: Record<string, number>[];
  try {
    const ranges = parseRanges(def, request.ranges);
    const tooFar = (ranges.takeProfitPct ?? []).find((tp) => tp >= 100);
    const target = tooFar === undefined ? null : shortTargetProblem(tooFar, request.direction, `takeProfitPct=${tooFar} in the ranges`, `direction ${DIRECTION_LABELS[request.direction]}`);
    if (target !== null) throw new KeelError('invalid_request', target);
    sets = request.method === 'grid' ? gridSets(def, params, ranges, MAX_APP_SETS) : randomSets(def, params, ranges, Math.min(request.trials, MAX_APP_SETS), request.seed);
    // Every set's indicators, asked now in one go (checkRequest's reason, for the whole search).
    indicatorsEach(def, sets);
  } catch (err) {
    if (err instanceof ParamError) throw new KeelError('invalid_request', err.message.replace('use --optimize random', 'use a random search'));
    throw err;
  }
  if (sets.length === 0) throw new KeelError('invalid_request', `the ranges make no valid ${def.name} parameter set: every combination breaks the strategy's rules`);
  return sets;
}

/**
 * The folds must fit the bars (each stretch at least two bars), checked here so no worker starts for nothing;
 * the refusal says how many fit. A portfolio's timeline is not read here, only bounded (`bars` at most): what
 * cannot fit is refused now, and folds too many for the timeline the worker reads fail there, saying so.
 */
function checkFolds(bars: number, portfolio: boolean, walk: { folds: number; isRatio: number }): void {
  try {
    foldWindows(bars, walk.folds, walk.isRatio);
  } catch {
    const held = portfolio ? `the portfolio's markets hold ${bars} bars together, too few` : `${bars} bars are too few`;
    throw new KeelError('invalid_request', foldsProblem(bars, walk.folds, walk.isRatio, held));
  }
}
