// The markets `keel backtest` runs on: candle files (--data, once per file) or stored series (--symbol, a
// comma list, with one --timeframe and --exchange), each with a label that tells it apart in the summary
// table, the across-markets block and the progress bar. Every market is loaded before anything runs, so a
// market with no data in the range stops the command before any run and leaves no partial report.
import { existsSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseExchange, parseSymbol } from '../../../shared/domain/symbol.ts';
import { parseTimeframe, timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { journalPath } from '../../app/data-dir.ts';
import { journalSignals } from '../../backtest/journal-signals.ts';
import { BacktestInputError, candlesFromFile, candlesFromJournal, detailRange, type LeadBars, type LoadedCandles } from '../../backtest/load-candles.ts';
import { progressBar } from '../progress-bar.ts';
import { symbolFromFileName } from '../../../shared/domain/symbol-from-file-name.ts';
import { CandleStore } from '../../journal/candle-store.ts';
import type { ExportRange } from '../../journal/export-range.ts';
import { openJournal } from '../../journal/open-journal.ts';
import type { JournaledSignal } from '../../strategies/strategy.ts';
import { AI_DECISION_KIND } from '../../strategies/builtins/ai-assisted.ts';
import { isoTime } from '../../../shared/domain/iso-time.ts';

interface MarketLabel {
  symbol: string;
  /** The symbol, or (two markets sharing a symbol) the file's base name. */
  label: string;
}
export type FileMarket = MarketLabel & {
  file: string;
  timeframe: Timeframe | undefined;
  /** Where the symbol came from: --symbol, the file's name, or neither (ASSET/USDT, a USDT market's rules). */
  symbolFrom: 'flag' | 'file name' | 'none';
};
export type StoredMarket = MarketLabel & { exchange: string; timeframe: Timeframe };
export type MarketSpec = FileMarket | StoredMarket;

export type Detail = { timeframe: Timeframe } | { file: string } | null;

export interface LoadedMarket {
  spec: MarketSpec;
  main: LoadedCandles;
  detail: LoadedCandles | null;
  signals: JournaledSignal[];
}

/** A file whose name holds no market: traded under a USDT market's rules, as the account holds USDT. */
const NO_SYMBOL = 'ASSET/USDT';

/** How a --data file's symbol was chosen, for the line that announces its candles (empty: --symbol named it). */
export function symbolSourceNote(spec: MarketSpec): string {
  if (!('file' in spec) || spec.symbolFrom === 'flag') return '';
  return spec.symbolFrom === 'file name' ? ' (read from the file name; --symbol sets it)' : ` (no market in the file name: traded as ${NO_SYMBOL}; --symbol sets it)`;
}

const count = <T>(xs: readonly T[], x: T) => xs.filter((y) => y === x).length;

/** The file a path names, through its links; the path itself when it does not exist (loading says so). */
function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The markets the flags name, in the order given. Mistakes throw RangeError (a usage error: exit 2). */
export function parseMarkets(flags: { data?: string[] | undefined; symbol?: string | undefined; timeframe?: string | undefined; exchange?: string | undefined }, cwd: string, stored: () => readonly string[] = () => []): MarketSpec[] {
  const { data, symbol, timeframe } = flags;
  if (data !== undefined) {
    // The exchange is part of a stored series' key; a file has none, and the run would be the same with any.
    if (flags.exchange !== undefined) throw new RangeError(`--exchange ${flags.exchange} picks stored series (with --symbol S --timeframe T); a --data file is read as it is, so leave --exchange out`);
    const files = data.map((f) => resolve(cwd, f));
    // The same file under two names (a link and its target, ./a and ../x/a) would run as two markets.
    const reals = files.map(realOrSelf);
    const twice = files.find((_, i) => count(reals, reals[i]) > 1);
    if (twice) {
      const other = files.find((f, i) => f !== twice && reals[i] === realOrSelf(twice));
      throw new RangeError(`--data ${twice} is given twice${other === undefined ? '' : ` (as ${other} too)`}; give each file once`);
    }
    if (symbol !== undefined && files.length > 1) throw new RangeError('--symbol names the market of one --data file; with several --data files the symbols come from the file names (BTCUSDT → BTC/USDT)');
    if (symbol !== undefined && symbol.includes(',')) throw new RangeError(`--symbol ${symbol}: with --data give the file's one symbol; for several markets give --data once per file`);
    const tf = timeframe === undefined ? undefined : parseTimeframe(timeframe);
    const named = files.map((f) => (symbol !== undefined ? null : symbolFromFileName(f)));
    const symbols = files.map((_, i) => (symbol !== undefined ? parseSymbol(symbol) : (named[i] ?? NO_SYMBOL)));
    const symbolFrom = (i: number): FileMarket['symbolFrom'] => (symbol !== undefined ? 'flag' : named[i] !== null ? 'file name' : 'none');
    const names = files.map((f) => basename(f));
    // A shared symbol (two BTCUSDT files) is told apart by the file's name, or its whole path if that is shared too.
    const labels = files.map((f, i) => (count(symbols, symbols[i]) === 1 ? symbols[i]! : count(names, names[i]) === 1 ? names[i]! : f));
    return files.map((file, i) => ({ file, timeframe: tf, symbol: symbols[i]!, label: labels[i]!, symbolFrom: symbolFrom(i) }));
  }
  if (symbol === undefined || timeframe === undefined) throw new RangeError('give --data FILE (once per market), or --symbol and --timeframe of stored series (e.g. --symbol BTC/USDT,ETH/USDT --timeframe 1h)');
  const exchange = parseExchange(flags.exchange ?? 'local');
  const tf = parseTimeframe(timeframe);
  const symbols = symbol
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseSymbol(s, stored));
  if (symbols.length === 0) throw new RangeError(`--symbol ${symbol}: give a symbol such as BTC/USDT, or several separated by commas`);
  const twice = symbols.find((s) => count(symbols, s) > 1);
  if (twice) throw new RangeError(`--symbol lists ${twice} twice; give each market once`);
  return symbols.map((s) => ({ exchange, timeframe: tf, symbol: s, label: s }));
}

/**
 * Every market's candles (and finer detail candles, and the journaled signals an ai-assisted run reads),
 * in the order given. The first market that cannot be loaded throws a BacktestInputError naming it.
 * `leadBars`: the bars before --from the runs' warm-up reads, kept as each market's lead (lead-in.ts).
 */
export async function loadMarkets(specs: readonly MarketSpec[], range: ExportRange, detail: Detail, dataDir: string, needsAi: boolean, leadBars: LeadBars = () => 0): Promise<LoadedMarket[]> {
  const journalFile = journalPath(dataDir);
  // A --detail-data file holds one market's finer candles; parseRequest allows it with one market only.
  const fineFile = detail && 'file' in detail ? detail.file : null;
  const out: LoadedMarket[] = [];
  const stored: StoredMarket[] = [];
  for (const spec of specs) {
    if (!('file' in spec)) {
      stored.push(spec);
      continue;
    }
    const main = await readWithProgress(spec.file, (tell) => candlesFromFile(spec.file, range, spec.timeframe, tell, leadBars));
    const fine = fineFile ? await readWithProgress(fineFile, (tell) => candlesFromFile(fineFile, finerRange(range, main), undefined, tell, undefined, true)) : null;
    const signals = needsAi && existsSync(journalFile) ? withJournal(journalFile, (db) => [...journalSignals(db).load(AI_DECISION_KIND, spec.symbol)]) : [];
    out.push({ spec, main, detail: fine, signals });
  }
  if (stored.length === 0) return out;
  const first = stored[0]!;
  if (!existsSync(journalFile)) throw new BacktestInputError(`no journal at ${journalFile}: import candles first (keel import FILE --symbol ${first.symbol} --timeframe ${first.timeframe}) or use --data FILE`);
  // Read before the journal opens, so through one bar past --to: the last bar it keeps may open at --to (finerRange).
  const past = range.toExclusive === undefined ? range : { ...range, toExclusive: range.toExclusive + timeframeMs(first.timeframe) };
  const fine = fineFile ? await readWithProgress(fineFile, (tell) => candlesFromFile(fineFile, past, undefined, tell, undefined, true)) : null;
  return withJournal(journalFile, (db) => {
    const store = new CandleStore(db);
    for (const spec of stored) {
      const key = { exchange: spec.exchange, symbol: spec.symbol, timeframe: spec.timeframe };
      const main = candlesFromJournal(store, key, range, leadBars(spec.timeframe));
      // Each symbol's own finer series: --detail TF names a timeframe, not a market.
      const own = detail && 'timeframe' in detail ? asDetail(detail.timeframe, () => candlesFromJournal(store, { ...key, timeframe: detail.timeframe }, finerRange(range, main))) : fine;
      // Copy out of SQLite's snapshot: the journal closes before the run.
      const signals = needsAi ? [...journalSignals(db).load(AI_DECISION_KIND, spec.symbol)] : [];
      out.push({ spec, main, detail: own, signals });
    }
    return out;
  });
}

/**
 * Why a market's detail cannot decide its fills, or null: bars not shorter than the run's, or none inside the
 * run's bars (a file of another period: run on, every bar would fill along its own path, as without it).
 * `named`: the market is named in the words (a run over several).
 */
export function detailProblem(m: LoadedMarket, named: boolean): string | null {
  const { detail, main } = m;
  if (detail === null) return null;
  const of = named ? ` of ${m.spec.label}` : '';
  const barMs = timeframeMs(main.timeframe);
  if (timeframeMs(detail.timeframe) >= barMs) {
    return `the detail's bars (${detail.timeframe}, from ${detail.source}) must be shorter than the run's ${main.timeframe} bars${of}: give finer candles of the same market, such as 1m inside 1h`;
  }
  const d = detail.candles;
  const c = main.candles;
  if (d.length === 0 || c.length === 0) return null;
  const end = c.t[c.length - 1]! + barMs;
  if (d.t[0]! < end && d.t[d.length - 1]! >= c.t[0]!) return null;
  return (
    `the detail ${detail.source} holds no ${detail.timeframe} candles inside the run's ${main.timeframe} bars${of} (${isoTime(c.t[0]!)} to ${isoTime(end)}); ` +
    `its candles run from ${isoTime(d.t[0]!)} to ${isoTime(d.t[d.length - 1]!)}: give finer candles of the same market over the run's dates, or leave the detail out`
  );
}

/**
 * A market's --detail series, read: a series it lacks is refused as --detail's, saying what would do (the
 * journal's words alone, "no candles stored for local:ETH/USDT:1m", read as if the run's own bars were missing).
 */
function asDetail(timeframe: Timeframe, read: () => LoadedCandles): LoadedCandles {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof BacktestInputError)) throw err;
    throw new BacktestInputError(`--detail ${timeframe} (the finer candles fills are decided on): ${err.message}; import that market's ${timeframe} candles over the run's dates, or leave out --detail`);
  }
}

/** The range a market's finer bars are read over: through the close of its last bar (detailRange). */
const finerRange = (range: ExportRange, main: LoadedCandles): ExportRange => detailRange(range, main.candles, timeframeMs(main.timeframe));

/** A file read under a progress bar on a terminal ("reading candles.csv"): a 1m file of years takes seconds. */
async function readWithProgress(file: string, read: (tell: (done: number, total: number) => void) => Promise<LoadedCandles>): Promise<LoadedCandles> {
  const bar = progressBar(process.stderr, `reading ${basename(file)}`);
  try {
    return await read((done, total) => bar.update(done, total));
  } finally {
    bar.end();
  }
}

function withJournal<T>(file: string, fn: (db: ReturnType<typeof openJournal>['db']) => T): T {
  const journal = openJournal(file);
  try {
    return fn(journal.db);
  } finally {
    journal.close();
  }
}
