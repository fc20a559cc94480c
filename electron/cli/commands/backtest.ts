// `keel backtest`: runs strategies over stored candles (or a candle file, read without importing it)
// through the same engine, risk gate and paper broker as paper trading, prints a summary table, and can
// write a JSON and a self-contained HTML report. Several strategies, parameter sets or risk modes run side
// by side, on one market or on several (every variant on every market, then an across-markets block);
// --optimize searches parameters (in worker threads; with --portfolio, one set for all the markets at
// once), --walk-forward checks the search out of sample, --monte-carlo puts a confidence band on return
// and drawdown.
//
// Every input is checked before anything runs, and reports are written only when everything succeeded
// (through a temporary file and a rename), so a mistake never leaves a partial report.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decimalNumber } from '../../../shared/domain/decimal-text.ts';
import { parseTimeframe, timeframeMs } from '../../../shared/domain/timeframe.ts';
import { defaultDataDir, journalPath } from '../../app/data-dir.ts';
import { acrossMarkets } from '../../backtest/across-markets.ts';
import { isStrategyFailure } from '../../backtest/strategy-failure.ts';
import { detailUse, detailUseLine } from '../../backtest/detail-use.ts';
import { EvalPool, defaultWorkers } from '../../backtest/eval-pool.ts';
import { monteCarlo, tradeReturns, type MonteCarloResult } from '../../backtest/monte-carlo.ts';
import { parseObjective, type Objective } from '../../backtest/objective.ts';
import { objectiveText } from '../../../shared/backtest/objective-label.ts';
import { search, type SearchResult } from '../../backtest/optimize.ts';
import { alikeModesNotes } from '../../backtest/modes-alike-note.ts';
import { exampleGrid, gridSets, parseRanges, randomSets } from '../../backtest/param-space.ts';
import { tradesCsv } from '../../backtest/trades-csv.ts';
import { progressBar } from '../progress-bar.ts';
import { storedSymbols } from '../stored-symbols.ts';
import { RunPool, type BasketPart, type PoolJob } from '../../backtest/run-pool.ts';
import { DEFAULT_STALL_S, STALL_LIMIT_ENV, stallLimitMs, StrategyStalled } from '../../backtest/stall-watch.ts';
import { exitsExtra } from '../../backtest/exit-table.ts';
import { sidesExtra } from '../../backtest/side-table.ts';
import { entriesExtra } from '../../backtest/entry-table.ts';
import { drawdownsExtra, heatmapExtra, monteExtra, portfolioExtra, searchExtra, walkExtra } from '../../backtest/report-extras.ts';
import { reportHtml, type HtmlExtra } from '../../backtest/report-html.ts';
import { reportDoc, type SourcedRun } from '../../backtest/report-json.ts';
import { CAPITAL_MAX, CAPITAL_VALID, POSITION_PCT_VALID, REARM_MAX_DAYS } from '../../../shared/contract/commands/backtest.ts';
import { parseLimitsText, parseRiskMode, riskModeSettings, withRearm, type RiskMode } from '../../backtest/risk-modes.ts';
import type { LimitsPatch } from '../../../shared/risk/validate-limits.ts';
import type { BacktestResult } from '../../backtest/run-backtest.ts';
import type { PortfolioResult } from '../../backtest/run-portfolio.ts';
import { runPortfolioSetup, runSetup, type RunSetup, type SetupMarket } from '../../backtest/run-setup.ts';
import { marketSubject, portfolioSubject, subjectTimes, type SubjectDetail } from '../../backtest/search-subject.ts';
import { runLabel, spansMarkets, summaryTable } from '../../backtest/summary-table.ts';
import { walkForward, type WalkForwardResult } from '../../backtest/walk-forward.ts';
import { coverageNotes } from '../../backtest/range-coverage.ts';
import { ReportWriteError, writeFilesAtomic, type ReportFile } from '../../backtest/write-report.ts';
import { checkOutputFiles, OutputFileError } from '../output-file.ts';
import { parseExportRange, type ExportRange } from '../../journal/export-range.ts';
import { ParamError, parseParamText } from '../../strategies/params.ts';
import { findStrategy, strategyFileOf, strategyNames, strategyWithParams, usesWarmup } from '../../strategies/registry.ts';
import type { IndicatorUse } from '../../strategies/strategy.ts';
import { StrategyFileError } from '../../strategies/check-definition.ts';
import { loadOwnStrategies, loadStrategyFile, ownStrategyDir, STRATEGY_FILE_EXTENSIONS, type LoadOptions } from '../../strategies/own-strategies.ts';
import { probeInWorker, PROBE_BUDGET_MS } from '../../strategies/import-probe.ts';
import { START_WITHIN_MS } from '../../strategies/strategy-thread.ts';
import { STUCK_COMMAND_SAYS } from '../../strategies/definition-thread.ts';
import { sharePct, weightShares, weightsProblem } from '../../../shared/backtest/portfolio-weights.ts';
import { shortTargetProblem, STOP_LOSS_VALID, TAKE_PROFIT_MAX, TAKE_PROFIT_VALID, TRAILING_STOP_VALID, type RunExits } from '../../../shared/backtest/run-exits.ts';
import { parseDirection, type Direction } from '../../../shared/domain/direction.ts';
import { BORROW_RATE_VALID, MAX_BORROW_RATE_PCT } from '../../../shared/trading/borrow-interest.ts';
import { helpPointer, joinNegativeValues, repeatedOption, repeatedText, usageError } from '../args.ts';
import type { CliIo } from '../io.ts';
import { drawdownHint, haltedHint, REPORT_CLOSE, REPORT_REARM } from '../../backtest/halted-hint.ts';
import { accountQuote } from '../../../shared/backtest/account-quote.ts';
import { withDetailSource } from '../../backtest/detail-check.ts';
import { backtestHelp } from './backtest-help.ts';
import { detailProblem, loadMarkets, parseMarkets, symbolSourceNote, type Detail, type FileMarket, type LoadedMarket, type MarketSpec } from './backtest-markets.ts';

export const BACKTEST_USAGE =
  'keel backtest --strategy NAME[,NAME] [--params k=v,...]... (--data FILE [--data FILE]... | --symbol S[,S...] --timeframe T [--exchange E]) [--from DATE] [--to DATE] ' +
  '[--mode conservative|moderate|aggressive|custom[,...]] [--direction long|short|both[,...]] [--borrow-rate PCT] [--position-pct N] [--limits k=v,...] [--rearm-after DAYS] [--capital N] [--fee PCT] [--slippage BPS] [--stop-loss PCT | --trailing-stop PCT] [--take-profit PCT] [--detail TF | --detail-data FILE] ' +
  '[--optimize grid|random --grid k=a:b[:step],k=x|y [--trials N] [--objective sharpe|...] [--holdout PCT] [--walk-forward N [--is-ratio R] [--anchored]]] [--workers N] ' +
  '[--portfolio [--weights W,W,...]] [--monte-carlo N] [--seed N] [--json FILE] [--html FILE] [--trades-csv FILE] [--data-dir DIR]';

const OPTIONS = {
  strategy: { type: 'string' },
  params: { type: 'string', multiple: true },
  data: { type: 'string', multiple: true },
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  exchange: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  mode: { type: 'string' },
  direction: { type: 'string' },
  'borrow-rate': { type: 'string' },
  'position-pct': { type: 'string' },
  limits: { type: 'string' },
  'rearm-after': { type: 'string' },
  capital: { type: 'string' },
  fee: { type: 'string' },
  slippage: { type: 'string' },
  'stop-loss': { type: 'string' },
  'take-profit': { type: 'string' },
  'trailing-stop': { type: 'string' },
  detail: { type: 'string' },
  'detail-data': { type: 'string' },
  optimize: { type: 'string' },
  grid: { type: 'string' },
  trials: { type: 'string' },
  objective: { type: 'string' },
  holdout: { type: 'string' },
  'walk-forward': { type: 'string' },
  'is-ratio': { type: 'string' },
  anchored: { type: 'boolean' },
  workers: { type: 'string' },
  portfolio: { type: 'boolean' },
  weights: { type: 'string' },
  'monte-carlo': { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  'trades-csv': { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Variant {
  strategy: string;
  params: Record<string, number>;
  mode: RiskMode;
  direction: Direction;
}

interface Request {
  variants: Variant[];
  positionShare: number | undefined;
  limits: LimitsPatch;
  /** Days after which a drawdown kill is re-armed; null: never. */
  rearmAfter: number | null;
  /** One or more, in the order given: every variant runs on each. */
  markets: MarketSpec[];
  range: ExportRange;
  capital: number;
  feePct: number;
  slippageBps: number;
  /** --borrow-rate: what a short pays on what it borrowed, percent a year. */
  borrowRatePct: number;
  /** --stop-loss/--take-profit: protective exits on every entry. */
  exits: RunExits;
  detail: Detail;
  /** Worker threads for several runs (--workers); null: the default (runWorkers). */
  workers: number | null;
  /** --portfolio: each variant trades all the markets from one account, instead of one run per market. */
  portfolio: boolean;
  /** --weights: each market's weight in the portfolio, relative, in the order the markets are given; empty: equal. */
  weights: number[];
  optimize: { kind: 'grid' | 'random'; grid: string; trials: number; objective: Objective; holdout: number; walkForward: number; isRatio: number; anchored: boolean; workers: number; seed: number } | null;
  monteCarlo: number;
  seed: number;
  json: string | undefined;
  html: string | undefined;
  /** Every run's round trips, one row each (trades-csv.ts). */
  tradesCsv: string | undefined;
  dataDir: string;
}

/** A problem with the command line: exit 2 with the usage. */
class UsageProblem extends Error {}

function num(flag: string, text: string | undefined, fallback: number, check: (v: number) => boolean, valid: string): number {
  if (text === undefined) return fallback;
  // A percent may be written with its sign (--fee 0.1%): it is the same number.
  const digits = PERCENT_FLAGS.has(flag) && text.trim().endsWith('%') ? text.trim().slice(0, -1) : text;
  const v = decimalNumber(digits);
  if (!Number.isFinite(v) || !check(v)) throw new UsageProblem(`--${flag} ${text}: ${valid}${/\d,\d/.test(text) ? ' (write it without thousands separators: 10000, not 10,000)' : ''}`);
  return v;
}

/** The flags whose value is a percent, which may carry a trailing "%". */
const PERCENT_FLAGS = new Set(['fee', 'position-pct', 'holdout', 'borrow-rate', 'stop-loss', 'take-profit', 'trailing-stop']);

/** A --strategy item that names a file (a path, or a name ending in .ts, .mjs, ...) rather than a strategy. */
const namesFile = (item: string) => /[\\/]/.test(item) || STRATEGY_FILE_EXTENSIONS.some((e) => item.endsWith(e));

const dataDirOf = (io: CliIo, given: string | undefined) => resolve(io.cwd, given ?? io.env.KEEL_DATA_DIR ?? defaultDataDir());

/**
 * The trader's own strategies before anything is parsed: every file in the data directory's strategies
 * folder (a broken one is reported and skipped), and each --strategy item that names a file (a broken one
 * stops the command). Returns the strategy name each such item stands for.
 *
 * Imported as the app imports them (own-strategies.ts LoadOptions.probe): in a worker thread within a time
 * limit, this thread holding a stand-in whose check() and indicators() are asked of a thread of their own,
 * within one too (stand-in-definition.ts). A loop in the file's top-level code, its check() or its
 * indicators() then stops the command saying which, instead of hanging it; its runs are in worker threads,
 * which import the file themselves.
 */
async function loadOwn(argv: string[], io: CliIo): Promise<Map<string, string>> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true });
  const dataDir = dataDirOf(io, typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
  const options = ownLoadOptions(io.env);
  const { problems } = await loadOwnStrategies(ownStrategyDir(dataDir), options);
  for (const p of problems) io.err(`keel backtest: skipped ${p.message}`);
  const named = new Map<string, string>();
  const items = typeof values.strategy === 'string' ? values.strategy.split(',').map((s) => s.trim()) : [];
  for (const item of items.filter(namesFile)) named.set(item, await loadStrategyFile(resolve(io.cwd, item), options));
  return named;
}

/**
 * How the CLI loads a file: probed, its check() and indicators() asked of a thread. One call of them may take
 * KEEL_STRATEGY_TIMEOUT_S, as one of onBar may (nothing here waits on them but the command: the app's 2 s
 * keep its engine answering); the import and the thread's start at least their usual 5 s, as a loaded
 * machine may need. A bad value is refused before any run (runBacktestCommand); until then the default holds.
 */
function ownLoadOptions(env: CliIo['env']): LoadOptions {
  let limitMs: number;
  try {
    limitMs = stallLimitMs(env);
  } catch {
    limitMs = DEFAULT_STALL_S * 1000;
  }
  const loadMs = Math.max(PROBE_BUDGET_MS, START_WITHIN_MS, limitMs);
  // Worded for a command: the app's messages speak of its engine and its Reload button.
  return { probe: (file) => probeInWorker(file, loadMs, 'command'), limits: { startWithinMs: loadMs, answerWithinMs: limitMs, afterStuck: STUCK_COMMAND_SAYS } };
}

function parseRequest(argv: string[], io: CliIo, files: ReadonlyMap<string, string>): Request {
  const { values: v, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  if (positionals.length) throw new UsageProblem(`keel backtest takes no positional arguments, got: ${positionals.join(' ')}`);
  const repeated = repeatedOption(tokens, OPTIONS);
  if (repeated) throw new UsageProblem(repeatedProblem(repeated.name, repeated.values));
  const names = `strategies: ${strategyNames().join(', ')}`;
  if (v.strategy === undefined) throw new UsageProblem(`--strategy is required (a name, or your own strategy file); ${names}`);
  const strategies = v.strategy
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => files.get(s) ?? s);
  // --strategy "" or "," names none: nothing would run, and the reports would have no run to describe.
  if (strategies.length === 0) throw new UsageProblem(`--strategy ${JSON.stringify(v.strategy)} names no strategy; give a name, or your own strategy file; ${names}`);
  const modes = (v.mode ?? 'moderate').split(',').map((m) => parseRiskMode(m.trim()));
  const directions = (v.direction ?? 'long').split(',').map(parseDirection);
  // A name listed twice would run the same run twice, side by side, as if they were two.
  listedOnce('--strategy', 'strategy', strategies);
  listedOnce('--mode', 'mode', modes);
  listedOnce('--direction', 'direction', directions);
  if (strategies.length > 1 && v.params && v.params.some((p) => p.trim() !== '')) {
    throw new UsageProblem('--params applies to one strategy; compare several strategies with their defaults, or one strategy with several --params');
  }
  // Read for the strategy when there is one, so a value that is no number is said with its type and range.
  const known = strategies.length === 1 ? { strategy: strategies[0]!, specs: findStrategy(strategies[0]!).params } : undefined;
  const paramSets = (v.params ?? ['']).map((text) => parseParamText(text, known));
  const variants: Variant[] = [];
  for (const name of strategies) {
    const sets = new Map<string, string>();
    for (const [i, given] of paramSets.entries()) {
      const { params } = strategyWithParams(name, given);
      // Two --params that come to the same set (fast=10 and none, sma-cross's default being 10) are one run.
      const key = JSON.stringify(params);
      const earlier = sets.get(key);
      const said = (text: string | undefined) => (text === undefined || text.trim() === '' ? 'no --params (the defaults)' : `--params ${text.trim()}`);
      if (earlier !== undefined) throw new UsageProblem(`${earlier} and ${said(v.params?.[i])} give the same set (${Object.entries(params).map(([k, x]) => `${k}=${x}`).join(',')}); give each set once`);
      sets.set(key, said(v.params?.[i]));
      for (const mode of modes) for (const direction of directions) variants.push({ strategy: name, params, mode, direction });
    }
  }
  const positionPct = v['position-pct'] === undefined ? undefined : num('position-pct', v['position-pct'], 100, (x) => x > 0 && x <= 100, `give ${POSITION_PCT_VALID}`);
  if (positionPct !== undefined && !modes.includes('custom')) throw new UsageProblem('--position-pct sets the custom mode\'s position share; add --mode custom');

  // A symbol refused (BTCUSDT) is told the stored one it matches: the journal is read for that only.
  const markets = parseMarkets(v, io.cwd, () => storedSymbols(journalPath(dataDirOf(io, v['data-dir']))));
  if (v.detail !== undefined && v['detail-data'] !== undefined) throw new UsageProblem('give --detail TF (a stored series) or --detail-data FILE, not both');
  const detailTf = v.detail === undefined ? undefined : parseTimeframe(v.detail);
  const detail = detailTf !== undefined ? { timeframe: detailTf } : v['detail-data'] !== undefined ? { file: resolve(io.cwd, v['detail-data']) } : null;
  if (detail && 'timeframe' in detail && 'file' in markets[0]!) throw new UsageProblem('--detail TF reads a stored series; with --data FILE give --detail-data FILE');
  // Both flags: the command line alone says it (exit 2); a --detail-data file's bars are told once read (exit 1).
  const barTf = markets[0]!.timeframe;
  if (detailTf !== undefined && barTf !== undefined && timeframeMs(detailTf) >= timeframeMs(barTf)) {
    throw new UsageProblem(`--detail ${detailTf} must be shorter than --timeframe ${barTf}: the detail is the finer candles fills are decided on inside each bar, such as --detail 1m`);
  }
  // One file of finer candles belongs to one market; stored series each have their own (--detail TF).
  if (detail && 'file' in detail && markets.length > 1) {
    throw new UsageProblem(`--detail-data FILE holds one market's finer candles, and ${markets.length} markets are given; run each market on its own with its --detail-data, or use stored series with --detail TF`);
  }

  const portfolio = v.portfolio === true;
  if (portfolio) {
    if (markets.length < 2) throw new UsageProblem('--portfolio trades several markets from one account; give two or more --data FILE, or --symbol S,S --timeframe T');
    // Two files of one market: refused here, naming them, rather than after both are read.
    const shared = sharedSymbolProblem(markets);
    if (shared) throw new UsageProblem(shared);
  }
  const weights = parseWeights(v.weights, portfolio, markets);
  const seed = num('seed', v.seed, 1, Number.isInteger, 'give a whole number');
  const workers = v.workers === undefined ? null : num('workers', v.workers, 0, (x) => Number.isInteger(x) && x >= 0 && x <= 64, 'give a whole number from 0 (inline) to 64');
  let optimize: Request['optimize'] = null;
  if (v.optimize !== undefined) {
    if (markets.length > 1 && !portfolio) {
      throw new UsageProblem(`--optimize searches one market, or several traded as one portfolio (add --portfolio); ${markets.length} markets are given: ${markets.map((m) => m.label).join(', ')}`);
    }
    if (v.optimize !== 'grid' && v.optimize !== 'random') throw new UsageProblem(`--optimize ${v.optimize}: give grid or random`);
    if (variants.length !== 1) throw new UsageProblem('--optimize searches one strategy in one mode and one direction; give one --strategy, at most one --params (the search\'s starting set), one --mode and one --direction');
    if (v.grid === undefined) throw new UsageProblem(`--optimize needs --grid with the ranges to search, e.g. --grid ${exampleGrid(findStrategy(variants[0]!.strategy))}`);
    const walk = num('walk-forward', v['walk-forward'], 0, (x) => Number.isInteger(x) && x >= 1 && x <= 100, 'give the number of folds, 1 to 100');
    // Flags that would change nothing are refused rather than ignored: the trader meant them to.
    if (v.anchored && !walk) throw new UsageProblem('--anchored goes with --walk-forward N: it starts every fold\'s in-sample stretch at the first bar');
    if (v['is-ratio'] !== undefined && !walk) throw new UsageProblem('--is-ratio goes with --walk-forward N: it sets each fold\'s in-sample stretch as a multiple of its out-of-sample one (a plain search holds out --holdout PCT of the bars)');
    if (v.holdout !== undefined && walk) throw new UsageProblem('--holdout goes with a plain search; a walk-forward checks every fold out of sample instead (--is-ratio sets how long each in-sample stretch is)');
    if (v.trials !== undefined && v.optimize === 'grid') throw new UsageProblem('--trials is how many sets --optimize random draws; --optimize grid tries every set of the ranges');
    optimize = {
      kind: v.optimize,
      grid: v.grid,
      trials: num('trials', v.trials, 50, (x) => Number.isInteger(x) && x >= 1 && x <= 1_000_000, 'give a whole number from 1'),
      objective: parseObjective(v.objective ?? 'sharpe'),
      holdout: num('holdout', v.holdout, walk ? 0 : 25, (x) => x >= 0 && x < 90, 'give a percent from 0 to below 90') / 100,
      walkForward: walk,
      isRatio: num('is-ratio', v['is-ratio'], 3, (x) => x > 0 && x <= 20, 'give the in-sample length as a multiple of the out-of-sample one, above 0 and at most 20'),
      anchored: v.anchored === true,
      workers: workers ?? defaultWorkers(),
      seed,
    };
  } else {
    // Every search flag given, named at once, with the flag that starts the search (--walk-forward with
    // --grid reads as a search, and was refused naming --grid alone).
    const given = (['grid', 'trials', 'objective', 'holdout', 'walk-forward', 'is-ratio', 'anchored'] as const).filter((f) => v[f] !== undefined).map((f) => `--${f}`);
    if (given.length > 0) {
      throw new UsageProblem(`${given.join(', ')} ${given.length === 1 ? 'goes' : 'go'} with --optimize grid|random: add --optimize grid to try every set of the --grid ranges, or --optimize random to draw --trials sets from them`);
    }
  }
  // The seed fixes the draws of a random search and of the Monte Carlo; with neither there is nothing to draw.
  if (v.seed !== undefined && v.optimize !== 'random' && (v['monte-carlo'] === undefined || decimalNumber(v['monte-carlo']) === 0)) {
    throw new UsageProblem('--seed fixes the draws of --monte-carlo N and --optimize random, and neither is asked for');
  }
  const limits = v.limits === undefined ? {} : parseLimitsText(v.limits);
  // Checked now, by the risk room's validation, so a bad limit stops the command before anything runs.
  for (const m of modes) riskModeSettings(m, positionPct === undefined ? undefined : positionPct / 100, limits);
  const out = (flag: string, name: string | undefined, example: string) => {
    if (name === undefined) return undefined;
    // resolve() makes "" the working folder, which the check would call a folder the trader never named.
    if (name.trim() === '') throw new UsageProblem(`--${flag} "${name}" names no file; give one, e.g. --${flag} ${example}`);
    return resolve(io.cwd, name);
  };
  const json = out('json', v.json, 'report.json');
  const html = out('html', v.html, 'report.html');
  const tradesCsvFile = out('trades-csv', v['trades-csv'], 'trades.csv');
  // Before anything runs: a search should not run to its end only to find its report's folder missing.
  checkOutputFiles([
    { flag: '--json', file: json, example: 'report.json' },
    { flag: '--html', file: html, example: 'report.html' },
    { flag: '--trades-csv', file: tradesCsvFile, example: 'trades.csv' },
  ], [
    ...markets.map((m) => ({ flag: '--data', file: 'file' in m ? m.file : undefined })),
    { flag: '--detail-data', file: detail !== null && 'file' in detail ? detail.file : undefined },
    ...[...files.keys()].map((item) => ({ flag: '--strategy', file: resolve(io.cwd, item) })),
  ], { report: true });
  return {
    variants,
    positionShare: positionPct === undefined ? undefined : positionPct / 100,
    limits,
    rearmAfter:
      v['rearm-after'] === undefined || v['rearm-after'] === 'never'
        ? null
        : num('rearm-after', v['rearm-after'], 0, (x) => Number.isInteger(x) && x >= 1 && x <= REARM_MAX_DAYS, `give whole days, 1 to ${REARM_MAX_DAYS}, after which a kill switch a drawdown breach pulled is re-armed (or never, the default)`),
    markets,
    range: parseExportRange(v.from, v.to),
    capital: num('capital', v.capital, 10_000, (x) => x > 0 && x < CAPITAL_MAX, `give ${CAPITAL_VALID}`),
    feePct: num('fee', v.fee, 0.1, (x) => x >= 0 && x < 10, 'give the fee per fill in percent (0.1 = 0.1%), from 0 to below 10'),
    slippageBps: num('slippage', v.slippage, 0, (x) => x >= 0 && x < 1000, 'give the slippage in basis points, from 0 to below 1000'),
    borrowRatePct: parseBorrowRate(v['borrow-rate'], directions),
    exits: parseExits(v, directions),
    detail,
    workers,
    portfolio,
    weights,
    optimize,
    monteCarlo: num('monte-carlo', v['monte-carlo'], 0, (x) => Number.isInteger(x) && x >= 0 && x <= 1_000_000, 'give the number of simulations, 0 to 1,000,000'),
    seed,
    json,
    html,
    tradesCsv: tradesCsvFile,
    dataDir: dataDirOf(io, v['data-dir']),
  };
}

/** Flags that take a comma-separated list, whose items belong in one value rather than in repeated flags. */
const LIST_FLAGS = new Set(['strategy', 'mode', 'direction', 'limits', 'grid', 'symbol', 'weights']);

/** What to say of a single-valued flag given more than once (parseArgs would keep the last silently). */
function repeatedProblem(name: string, values: readonly string[]): string {
  if (LIST_FLAGS.has(name)) return `${repeatedText(name, values)}, its items separated by commas: --${name} ${joinedItems(values)}`;
  return repeatedText(name, values);
}

/**
 * The items of a list flag given several times, as one list the command takes: each item once, and for
 * name=value items (--limits, --grid) each name once, its last value (the suggestion once kept both
 * `defaultStopPct=10`s, which is refused as given twice).
 */
function joinedItems(values: readonly string[]): string {
  const items = values.flatMap((v) => v.split(',')).map((x) => x.trim()).filter((x) => x !== '');
  const byName = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq).trim() : item;
    byName.delete(key);
    byName.set(key, item);
  }
  return [...byName.values()].join(',');
}

/** Refuses a list with an item in it twice (--mode moderate,moderate): the same run would run twice. */
function listedOnce(flag: string, what: string, items: readonly string[]): void {
  const twice = items.find((x, i) => items.indexOf(x) !== i);
  if (twice !== undefined) throw new UsageProblem(`${flag} lists ${twice} twice; give each ${what} once`);
}

/** --borrow-rate: percent a year, for runs that can short (a long-only run borrows nothing). */
function parseBorrowRate(given: string | undefined, directions: readonly Direction[]): number {
  if (given === undefined) return 0;
  const rate = num('borrow-rate', given, 0, (x) => x >= 0 && x <= MAX_BORROW_RATE_PCT, `give ${BORROW_RATE_VALID}`);
  if (!directions.some((d) => d !== 'long')) throw new UsageProblem('--borrow-rate is what shorts pay on what they borrow, and a long-only run never borrows; add --direction short or both');
  return rate;
}

/** --stop-loss, --take-profit and --trailing-stop: each in its range, and one stop at most. */
function parseExits(v: { 'stop-loss'?: string | undefined; 'take-profit'?: string | undefined; 'trailing-stop'?: string | undefined }, directions: readonly Direction[]): RunExits {
  const exits: RunExits = {
    stopLossPct: v['stop-loss'] === undefined ? null : num('stop-loss', v['stop-loss'], 0, (x) => x > 0 && x < 100, STOP_LOSS_VALID),
    takeProfitPct: v['take-profit'] === undefined ? null : num('take-profit', v['take-profit'], 0, (x) => x > 0 && x <= TAKE_PROFIT_MAX, TAKE_PROFIT_VALID),
    trailingStopPct: v['trailing-stop'] === undefined ? null : num('trailing-stop', v['trailing-stop'], 0, (x) => x > 0 && x < 100, TRAILING_STOP_VALID),
  };
  if (exits.stopLossPct !== null && exits.trailingStopPct !== null) throw new UsageProblem('--stop-loss and --trailing-stop are both the entry\'s stop: give one (the trailing stop follows the best price, the stop-loss stays put)');
  // A short gains at most 100% (the price at 0): the broker refuses a target at or past it on every
  // short's entry, so the run had no short at all and said so only in a note.
  const shorts = directions.find((d) => d !== 'long');
  const target = shorts === undefined ? null : shortTargetProblem(exits.takeProfitPct, shorts, `--take-profit ${v['take-profit']}`, `--direction ${shorts}`);
  if (target !== null) throw new UsageProblem(target);
  return exits;
}


function setupFor(r: Request, x: Variant, loaded: LoadedMarket): RunSetup {
  return {
    strategy: x.strategy,
    strategyFile: strategyFileOf(x.strategy),
    symbol: loaded.spec.symbol,
    barMs: timeframeMs(loaded.main.timeframe),
    risk: withRearm(riskModeSettings(x.mode, r.positionShare, r.limits), r.rearmAfter),
    capital: r.capital,
    feePct: r.feePct,
    slippageBps: r.slippageBps,
    exits: r.exits,
    direction: x.direction,
    borrowRatePct: r.borrowRatePct,
    signals: loaded.signals,
  };
}

function printExtra(io: CliIo, e: HtmlExtra): void {
  io.out('');
  io.out(e.title);
  for (const w of e.warnings ?? []) io.out(w);
  const widths = e.rows[0]!.map((_, c) => Math.max(...e.rows.map((r) => (r[c] ?? '').length)));
  for (const r of e.rows) io.out(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  // A search's note says the summary above is the best set over all the bars, not its in-sample row: without
  // it the two Sharpe ratios of the same set (0.85 above, 0.98 in the table) read as a contradiction.
  if (e.note) io.out(e.note);
}

export async function runBacktestCommand(given: string[], io: CliIo): Promise<number> {
  // --take-profit -1 is checked (and refused naming the range) like any other value.
  const argv = joinNegativeValues(given, OPTIONS);
  let files: Map<string, string>;
  try {
    files = await loadOwn(argv, io);
  } catch (err) {
    if (!(err instanceof StrategyFileError)) throw err;
    io.err(`keel backtest: ${err.message}`);
    return 2;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(backtestHelp(strategyNames(), `your own: .ts, .mts, .js or .mjs files in the data directory's strategies folder, or --strategy FILE (docs/strategies.md); they run in a worker thread, stopped when one call (onBar, ...) takes over ${STALL_LIMIT_ENV} seconds (default 30)`));
    return 0;
  }
  let r: Request;
  try {
    r = parseRequest(argv, io, files);
  } catch (err) {
    if (err instanceof ParamError || err instanceof OutputFileError) {
      // A strategy file's own problem names the file and what to change in it; the rest are the command line's.
      io.err(`keel backtest: ${err.message}${isFileProblem(err) ? '' : `\n${helpPointer('keel backtest')}`}`);
      return 2;
    }
    return usageError(io, err instanceof UsageProblem || err instanceof RangeError || err instanceof TypeError ? new Error(`keel backtest: ${(err as Error).message}`) : err, BACKTEST_USAGE, OPTIONS);
  }

  // How long one call of an own strategy may run in its worker (stall-watch.ts).
  let stallMs: number;
  try {
    stallMs = stallLimitMs(io.env);
  } catch (err) {
    io.err(`keel backtest: ${(err as Error).message}`);
    return 2;
  }

  // The command line's own mistakes before any data is read (exit 2): a search's ranges, and every planned
  // set's indicators (a period the parameters make invalid, such as trend - 150 for trend=100).
  let planned: SearchSets | null;
  // Each planned set's indicators, asked once (a file's indicators() may run differently when asked again):
  // the bars before --from to load for their warm-up are read from these.
  let uses: IndicatorUse[][];
  try {
    planned = searchSets(r);
    uses = plannedRuns(r, planned).map((run) => findStrategy(run.strategy).indicators(run.params));
  } catch (err) {
    const exit = err instanceof ParamError ? 2 : 1;
    io.err(`keel backtest: ${err instanceof Error ? err.message : String(err)}${exit === 2 && !isFileProblem(err) ? `\n${helpPointer('keel backtest')}` : ''}`);
    return exit;
  }
  let markets: LoadedMarket[];
  try {
    markets = await loadMarkets(r.markets, r.range, r.detail, r.dataDir, r.variants.some((x) => x.strategy === 'ai-assisted'), (tf) => uses.reduce((most, u) => Math.max(most, usesWarmup(u, timeframeMs(tf))), 0));
  } catch (err) {
    io.err(`keel backtest: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  for (const m of markets) {
    const problem = detailProblem(m, markets.length > 1);
    // Found in the candles read (the detail's bars, their dates): the data's, exit 1, as loadMarkets' refusals.
    if (problem !== null) {
      io.err(`keel backtest: ${problem}`);
      return 1;
    }
  }
  for (const { main, spec, detail } of markets) {
    const lead = main.candles.lead?.length ?? 0;
    const warm = lead === 0 ? '' : ` (and ${lead.toLocaleString('en-US')} before them for the indicators' warm-up)`;
    io.err(`backtest: ${main.candles.length.toLocaleString('en-US')} ${main.timeframe} candle${main.candles.length === 1 ? '' : 's'} of ${spec.symbol}${symbolSourceNote(spec)} from ${main.source}${warm}`);
    if (detail) io.err(`backtest: ${detailUseLine(detailUse(main.candles.t, timeframeMs(main.timeframe), detail.candles.t, timeframeMs(detail.timeframe)), detail.timeframe, detail.source)}`);
  }
  const held = heldAssetLine(markets.map((m) => m.spec.symbol), r.portfolio, r.capital);
  if (held) io.err(`backtest: ${held}`);
  const { main } = markets[0]!;

  const extras: HtmlExtra[] = [];
  const results: MarketResult[] = [];
  let optimization: SearchResult | null = null;
  let walk: WalkForwardResult | null = null;
  try {
    if (r.portfolio) {
      const timeframes = new Set(markets.map((m) => m.main.timeframe));
      if (timeframes.size > 1) throw new RangeError(`a portfolio's markets share one timeframe; these are ${markets.map((m) => `${m.spec.label} ${m.main.timeframe}`).join(', ')}`);
      io.err(`backtest: one account of ${r.capital.toLocaleString('en-US')} trading ${markets.length} markets; ${sizingLine(r.weights, markets)}`);
    }
    if (r.optimize) {
      // parseRequest allows a search on one market, or on several as one portfolio.
      const o = r.optimize;
      const x = r.variants[0]!;
      const setup = setupFor(r, x, markets[0]!);
      const sets = planned!;
      // With --detail every set's run fills inside the bars from the finer ones, as the report's run does.
      const subject = r.portfolio ? portfolioSubject(basketOf(markets, r.weights)) : marketSubject(main.candles, detailOf(markets[0]!));
      // A file of the trader's runs in a worker even with --workers 0: there a loop in it can be stopped.
      const pool = new EvalPool(setup, subject, Math.max(setup.strategyFile ? 1 : 0, Math.min(o.workers, sets.length)), { stallMs });
      const bar = progressBar(process.stderr, o.walkForward ? 'walk-forward' : `${o.kind} search`);
      io.err(`backtest: ${o.kind} search over ${sets.length.toLocaleString('en-US')} parameter set${sets.length === 1 ? '' : 's'}${o.kind === 'random' && sets.length < o.trials ? ` (every valid set the ranges hold; --trials asked for ${o.trials.toLocaleString('en-US')})` : ''}${r.portfolio ? ', each a portfolio run' : ''}${pool.size ? ` in ${pool.size} worker thread${pool.size === 1 ? '' : 's'}` : ''}, objective ${objectiveText(o.objective)}`);
      try {
        if (o.walkForward) {
          walk = await walkForward(pool, setup, subject, sets, { folds: o.walkForward, isRatio: o.isRatio, anchored: o.anchored }, o.objective, (d, t) => bar.update(d, t));
          extras.push(walkExtra(walk));
        } else {
          optimization = await search(pool, sets, subjectTimes(subject).length, o.objective, o.holdout, (d, t) => bar.update(d, t));
          extras.push(searchExtra(optimization));
          // Two parameters varied: their scores as a grid, where a plateau shows apart from a lone peak.
          const grid = heatmapExtra(optimization, o.kind === 'random');
          if (grid) extras.push(grid);
        }
      } finally {
        bar.end();
        await pool.close();
      }
      // The report's run: the best set (the last fold's, in a walk-forward) over all the bars.
      const best = walk ? walk.folds[walk.folds.length - 1]!.params : optimization!.ranked[0]!.params;
      if (r.portfolio) {
        // A file of the trader's runs in a worker, where a loop in it can be stopped.
        const run = setup.strategyFile
          ? asPortfolio((await runInPool(markets, [{ setup, market: 0, params: best, basket: basketParts(markets, r.weights) }], 1, stallMs, io, 'portfolio'))[0] as PortfolioResult, markets)
          : asPortfolio(runPortfolioSetup(setup, basketOf(markets, r.weights), best), markets);
        results.push(run);
        extras.push(portfolioExtra(run));
      } else {
        const fine = detailOf(markets[0]!);
        if (setup.strategyFile) results.push(onMarket((await runInPool(markets, [{ setup, market: 0, params: best }], 1, stallMs, io))[0]!, markets[0]!));
        else results.push(onMarket(runSetup(setup, main.candles, best, 0, main.candles.length, fine ? { detail: fine } : {}), markets[0]!));
      }
    } else if (r.portfolio) {
      const runs = await runPortfolios(r, markets, stallMs, io);
      results.push(...runs);
      // Each variant is a portfolio of its own: a table each, named when there are several.
      for (const run of runs) extras.push(portfolioExtra(run, runs.length > 1 ? runLabel(run) : undefined));
    } else {
      results.push(...(await runVariants(r, markets, io, stallMs)));
      if (markets.length > 1) extras.push(acrossMarkets(results));
    }
  } catch (err) {
    // A stopped run's line says no report was written (the trader may look for one a script asked for).
    const said = err instanceof StrategyStalled ? `${err.stopped}${r.json || r.html || r.tradesCsv ? '; no report was written' : ''}. ${err.hint}` : err instanceof Error ? err.message : String(err);
    io.err(`keel backtest: ${said}`);
    // The strategy's own failure (a look-ahead, ago(1.5), any error it threw) is the run's, exit 1, whatever its class.
    return err instanceof ParamError || (err instanceof RangeError && !isStrategyFailure(err)) ? 2 : 1;
  }

  // Dates asked for that the candles do not reach, and holes inside them, said on each run over them (a portfolio's, market by market).
  for (const res of results) {
    const over = r.portfolio ? markets : markets.filter((m) => m.spec.label === res.market);
    for (const m of over) {
      res.notes.push(...coverageNotes(r.range, m.main.candles, timeframeMs(m.main.timeframe), r.portfolio ? m.spec.symbol : undefined));
    }
  }

  let mc: MonteCarloResult | null = null;
  if (r.monteCarlo > 0) {
    // After a walk-forward, the stitched out-of-sample trades: the report's run is the last fold's set over
    // every bar, in-sample stretches included, whose luck of the order says nothing about the walk-forward.
    // A bar of its own: 10,000 simulations of a long run's trades take seconds after the run's bar ended at 100%.
    const bar = progressBar(process.stderr, 'Monte Carlo');
    try {
      mc = monteCarlo(walk ? walk.outOfSampleTradeReturns : tradeReturns(results[0]!.trades, r.capital), r.monteCarlo, r.seed, { onProgress: (done, runs) => bar.update(done, runs) });
    } finally {
      bar.end();
    }
    extras.push(monteExtra(mc, walk ? "the walk-forward's out-of-sample trades, the folds stitched" : results.length > 1 ? runLabel(results[0]!, spansMarkets(results)) : undefined, walk ? undefined : results[0]!.metrics));
  }

  io.out(summaryTable(results));
  // Over several runs a note says whose it is, with the market when they span several (one run's notes read as they always have).
  const whose = (res: MarketResult) => (results.length > 1 ? ` (${runLabel(res, spansMarkets(results))})` : '');
  for (const res of results) for (const n of res.notes) io.out(`note${whose(res)}: ${n}`);
  for (const res of results) {
    for (const hint of [haltedHint(res, r.rearmAfter), drawdownHint(res)]) if (hint) io.out(`hint${whose(res)}: ${hint}`);
  }
  // Modes that made the same run (each took all of equity per entry) are said to, not left to look like a fault.
  for (const n of alikeModesNotes(results)) io.out(`note: ${n}`);
  // One run's trades by how they ended (the HTML puts the same table beside its metrics); a comparison's
  // summary counts each run's stop-losses and take-profits instead, a table per run would bury it.
  const exitsTable = results.length === 1 ? exitsExtra(results[0]!) : null;
  if (exitsTable) printExtra(io, exitsTable);
  // One run that could short: its trades by side (a comparison's summary has each run's long and short rows).
  const sidesTable = results.length === 1 ? sidesExtra(results[0]!) : null;
  if (sidesTable) printExtra(io, sidesTable);
  // One run whose strategy tagged its entries: its trades by entry tag.
  const entriesTable = results.length === 1 ? entriesExtra(results[0]!) : null;
  if (entriesTable) printExtra(io, entriesTable);
  // One run's worst drawdowns, when each began and whether it recovered (a comparison's summary has each run's max).
  const drawdowns = results.length === 1 ? drawdownsExtra(results[0]!) : null;
  if (drawdowns) printExtra(io, drawdowns);
  for (const e of extras) printExtra(io, e);

  // Rendered first, then written as a set: either every report asked for is there, or none is.
  const first = results[0]!;
  const reports: ReportFile[] = [];
  // first.source is main.source, or every market's in a portfolio run.
  if (r.json) reports.push({ file: r.json, text: JSON.stringify(reportDoc(first, main.timeframe, first.source, { runs: results.length > 1 ? results : undefined, optimization, walk, mc, seed: r.seed, method: r.optimize?.kind })) + '\n' });
  if (r.html) reports.push({ file: r.html, text: reportHtml(first, main.candles, { timeframe: main.timeframe, source: first.source, hints: [haltedHint(first, r.rearmAfter, REPORT_REARM), drawdownHint(first, REPORT_CLOSE)] }, extras, results) });
  if (r.tradesCsv) {
    const spans = spansMarkets(results);
    reports.push({ file: r.tradesCsv, text: tradesCsv(results.map((res) => ({ run: runLabel(res, spans), symbol: res.symbol, trades: res.trades }))) });
  }
  try {
    writeFilesAtomic(reports);
  } catch (err) {
    // Named by its flag and the path given: Node's own message names a temporary file, or (a device) none.
    if (err instanceof ReportWriteError) {
      const flag = err.file === r.json ? '--json' : err.file === r.html ? '--html' : '--trades-csv';
      io.err(`keel backtest: cannot write ${flag} ${err.file}: ${err.reason}; no report was written`);
    } else io.err(`keel backtest: cannot write the reports (none was written): ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  for (const rep of reports) io.err(`backtest: wrote ${rep.file}`);
  return 0;
}

/** A strategy file's own problem (also one rebuilt from its definition thread): it names the file and what to change, so no pointer to --help follows. */
const isFileProblem = (err: unknown): boolean => err instanceof StrategyFileError || (err instanceof Error && err.name === 'StrategyFileError');

/** A run and the market it ran on: the table's and the across-markets block's label, the JSON's source. */
type MarketResult = SourcedRun & { market: string };

/** Every parameter set the command will run: their indicators are checked, and the bars before --from loaded for their warm-up. */
function plannedRuns(r: Request, search: SearchSets | null): { strategy: string; params: Record<string, number> }[] {
  const runs = r.variants.map((x) => ({ strategy: x.strategy, params: x.params }));
  if (search !== null) for (const params of search) runs.push({ strategy: r.variants[0]!.strategy, params });
  return runs;
}

/** A search's parameter sets. */
type SearchSets = Record<string, number>[];

/**
 * The parameter sets --optimize runs, drawn once (a random search's draw is seeded): the warm-up planning and
 * the search read the same list. A bad range throws its ParamError before any data is read.
 */
function searchSets(r: Request): SearchSets | null {
  const o = r.optimize;
  if (o === null) return null;
  const x = r.variants[0]!;
  const { def } = strategyWithParams(x.strategy, x.params);
  const ranges = parseRanges(def, o.grid);
  const tooFar = (ranges.takeProfitPct ?? []).find((tp) => tp >= 100);
  const target = tooFar === undefined ? null : shortTargetProblem(tooFar, x.direction, `--grid takeProfitPct=${tooFar}`, `--direction ${x.direction}`);
  if (target !== null) throw new ParamError(target);
  return o.kind === 'grid' ? gridSets(def, x.params, ranges) : randomSets(def, x.params, ranges, o.trials, o.seed);
}

function onMarket(res: BacktestResult, m: LoadedMarket): MarketResult {
  return { ...res, market: m.spec.label, timeframe: m.main.timeframe, source: withDetailSource(m.main.source, m.detail?.timeframe) };
}

/**
 * Every variant on every market (markets in the order given within each variant, so one strategy's markets
 * sit side by side in the table), in worker threads when there are several runs, under one progress bar
 * that spans all the runs' bars. The results are in that order whichever run ends first.
 */
/** A market's finer bars as a run takes them, or null when it has none. */
function detailOf(m: LoadedMarket): SubjectDetail | null {
  return m.detail ? { candles: m.detail.candles, barMs: timeframeMs(m.detail.timeframe) } : null;
}

async function runVariants(r: Request, markets: readonly LoadedMarket[], io: CliIo, stallMs: number): Promise<MarketResult[]> {
  const runs = r.variants.flatMap((x) => markets.map((m, market) => ({ x, m, market })));
  const bars = runs.reduce((sum, { m }) => sum + m.main.candles.length, 0);
  // A file of the trader's runs in a worker even with --workers 0: there a loop in it can be stopped.
  const own = runs.some(({ x }) => strategyFileOf(x.strategy) !== null);
  const workers = Math.max(own ? 1 : 0, Math.min(runs.length, r.workers ?? runWorkers(runs.length, bars)));
  const jobs = runs.map(({ x, m, market }) => ({ setup: setupFor(r, x, m), market, params: x.params }));
  return (await runInPool(markets, jobs, workers, stallMs, io)).map((res, i) => onMarket(res, markets[jobs[i]!.market]!));
}

/** Runs `jobs` (their markets indices into `markets`) in a RunPool of `workers` threads, under one progress bar. */
async function runInPool(markets: readonly LoadedMarket[], jobs: PoolJob[], workers: number, stallMs: number, io: CliIo, label = 'backtest'): Promise<BacktestResult[]> {
  const pool = new RunPool(
    markets.map((m) => ({ candles: m.main.candles, detail: detailOf(m) ?? undefined })),
    workers,
    { stallMs },
  );
  if (pool.size > 0 && jobs.length > 1) io.err(`backtest: ${jobs.length} runs in ${pool.size} worker thread${pool.size === 1 ? '' : 's'}`);
  const bar = progressBar(process.stderr, label);
  try {
    return await pool.run(jobs, (done, total, finished) => bar.update(done, total, jobs.length > 1 ? `${finished}/${jobs.length} runs` : ''));
  } finally {
    bar.end();
    await pool.close();
  }
}

/** The markets a portfolio run trades, with their weights (none: equal shares), as a run takes them. */
function basketOf(markets: readonly LoadedMarket[], weights: readonly number[]): SetupMarket[] {
  return markets.map((m, i) => ({ symbol: m.spec.symbol, candles: m.main.candles, signals: m.signals, weight: weights[i], detail: detailOf(m) ?? undefined }));
}

/** --weights 60,40: a number per market, in the order the markets are given; refused without --portfolio. */
function parseWeights(text: string | undefined, portfolio: boolean, markets: readonly MarketSpec[]): number[] {
  if (text === undefined) return [];
  if (!portfolio) throw new UsageProblem('--weights splits a portfolio among its markets; add --portfolio (and two or more markets)');
  const parts = text.split(',');
  const weights = parts.map(decimalNumber);
  const word = weights.findIndex((w) => Number.isNaN(w));
  if (word !== -1 && parts.length === markets.length) throw new UsageProblem(`--weights ${text}: "${parts[word]!.trim()}" for ${markets[word]!.label} is not a number; weights are relative numbers above 0 (60,40 or 3,2)`);
  const problem = weightsProblem(markets.length, weights, markets.map((m) => m.label));
  if (problem !== null) throw new UsageProblem(`--weights ${text}: ${problem}`);
  return weights;
}

/**
 * Why the portfolio's markets cannot be one account, or null: two --data files of the same market (stored
 * series given twice are refused by parseMarkets). A portfolio holds each market once.
 */
function sharedSymbolProblem(markets: readonly MarketSpec[]): string | null {
  const files = markets.filter((m): m is FileMarket => 'file' in m);
  const second = files.find((m, k) => files.findIndex((o) => o.symbol === m.symbol) !== k);
  if (second === undefined) return null;
  const first = files.find((o) => o.symbol === second.symbol)!;
  const both = `--data ${first.file} and --data ${second.file}`;
  if (second.symbolFrom === 'none') {
    return `--portfolio: ${both} have no market in their file names, so both would trade as ${second.symbol}; a portfolio trades each market once: name each file for its market (e.g. BTCUSDT_1h.csv and ETHUSDT_1h.csv)`;
  }
  return (
    `--portfolio: ${both} are both ${second.symbol} (read from their file names); a portfolio trades each market once from one account: ` +
    'give one file per market (e.g. BTCUSDT_1h.csv and ETHUSDT_1h.csv), or leave out --portfolio to run the files side by side'
  );
}

/** How a portfolio run sizes each market's entries, for the log. */
function sizingLine(weights: readonly number[], markets: readonly LoadedMarket[]): string {
  if (weights.length === 0) return `each market's entries are sized to 1/${markets.length} of the mode's share of equity`;
  const shares = weightShares(markets.length, weights);
  return `each market's entries are sized to its weight's part of the mode's share of equity: ${markets.map((m, i) => `${m.spec.label} ${sharePct(shares[i]!)}`).join(', ')}`;
}

/** A portfolio run labelled as the table, the reports and the JSON's source name it: every market. */
function asPortfolio(res: PortfolioResult, markets: readonly LoadedMarket[]): MarketResult & PortfolioResult {
  return { ...res, market: `portfolio of ${markets.map((m) => m.spec.label).join(', ')}`, timeframe: markets[0]!.main.timeframe, source: withDetailSource(markets.map((m) => m.main.source).join('; '), markets[0]!.detail?.timeframe) };
}

/** A portfolio job's markets, as basketOf gives them to a run, by their index in the pool's markets. */
function basketParts(markets: readonly LoadedMarket[], weights: readonly number[]): BasketPart[] {
  return markets.map((m, i) => ({ market: i, symbol: m.spec.symbol, signals: m.signals, weight: weights[i] }));
}

/**
 * Each variant over all the markets from one account, inline, under one progress bar over the variants'
 * times; a file of the trader's in a worker thread, where a loop in it can be stopped.
 */
async function runPortfolios(r: Request, markets: readonly LoadedMarket[], stallMs: number, io: CliIo): Promise<(MarketResult & PortfolioResult)[]> {
  if (r.variants.some((x) => strategyFileOf(x.strategy) !== null)) {
    const jobs = r.variants.map((x) => ({ setup: setupFor(r, x, markets[0]!), market: 0, params: strategyWithParams(x.strategy, x.params).params, basket: basketParts(markets, r.weights) }));
    const runs = await runInPool(markets, jobs, Math.max(1, Math.min(jobs.length, r.workers ?? 1)), stallMs, io, 'portfolio');
    return runs.map((res) => asPortfolio(res as PortfolioResult, markets));
  }
  const bar = progressBar(process.stderr, 'portfolio');
  try {
    return r.variants.map((x, i) => {
      const res = runPortfolioSetup(setupFor(r, x, markets[0]!), basketOf(markets, r.weights), strategyWithParams(x.strategy, x.params).params, {
        onProgress: (done, total) => bar.update(i * total + done, r.variants.length * total, r.variants.length > 1 ? `${i + 1}/${r.variants.length} runs` : ''),
      });
      return asPortfolio(res, markets);
    });
  } finally {
    bar.end();
  }
}

/**
 * Worker threads for `runs` runs over `bars` bars in all, when --workers is not given. A worker costs about
 * a third of a second to start (it loads the engine anew), and a million bars take a fifth of a second or
 * so inline, so threads pay only from about PARALLEL_FROM_BARS; then one per core up to 8 (each run keeps
 * a core busy and holds its own state). Below that, or for one run, everything goes inline.
 */
export function runWorkers(runs: number, bars: number, cores = availableParallelism()): number {
  if (runs <= 1 || bars < PARALLEL_FROM_BARS || cores <= 1) return 0;
  return Math.min(runs, 8, cores);
}

export const PARALLEL_FROM_BARS = 5_000_000;

/**
 * What the account holds, said when it is not USDT (shared/backtest/account-quote.ts): a run of XRP/ETH
 * trades from --capital ETH, and the summary's money columns are in ETH. Null for USDT, the usual case.
 */
function heldAssetLine(symbols: readonly string[], portfolio: boolean, capital: number): string | null {
  const amount = capital.toLocaleString('en-US');
  if (portfolio) {
    const asset = accountQuote(symbols);
    return asset === 'USDT' ? null : `the account holds ${amount} ${asset}, what its markets are quoted in`;
  }
  const others = symbols.filter((s) => accountQuote([s]) !== 'USDT');
  if (others.length === 0) return null;
  return others.map((s) => `a run of ${s} holds ${amount} ${accountQuote([s])}, what it is quoted in`).join('; ');
}
