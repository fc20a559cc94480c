// A candle or trades file into the journal, as `keel import` and the app's import both do it: the request
// checked (import-request.ts), the file read whole and checked, the symbol and timeframe read from the file
// where the trader gave none, then every candle written in one transaction (or, for the app, a new series in
// steps that appear as one: ImportOptions.pause). Nothing is written until the whole file has been read and
// found good, so a broken line leaves the journal exactly as it was.
import { readdir, stat } from 'node:fs/promises';
import type { SeriesKey } from '../../../shared/domain/candle.ts';
import { timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import type { Joined } from '../../../shared/domain/import-joined.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import { nests } from '../candles/bucket.ts';
import { CandleFileError } from './candle-file-error.ts';
import { chooseTimeframe, type ChosenTimeframe, type TimeframeFrom } from './choose-timeframe.ts';
import { storeCandleFile, storeCandleFileInSteps } from './import-candles.ts';
import { ImportInputError } from './import-input-error.ts';
import { inferTimeframe } from './infer-timeframe.ts';
import { APP_NAMES, readRequest, symbolFor, type ImportRequest, type InputNames, type SymbolFrom } from './import-request.ts';
import { fitsTimeframe } from './order-candles.ts';
import { readCandleFile, type CandleFile } from './read-candle-file.ts';
import { shorterTimeframeProblem } from './shorter-timeframe.ts';

export type { ImportRequest } from './import-request.ts';

export interface FileImport {
  series: SeriesKey;
  count: number;
  /** Open time of the oldest and newest candle stored, epoch ms. */
  first: number;
  last: number;
  /** What the file was read as, e.g. `csv: timestamp,open,high,low,close,volume; time in epoch ms`. */
  format: string;
  /** The file, absolute. */
  path: string;
  symbolFrom: SymbolFrom;
  timeframeFrom: TimeframeFrom;
  /** What the series held before, when it held candles already (shared/domain/import-joined.ts). */
  joined: Joined | null;
}

/** Reading: bytes of the file read; storing: the candles written so far (0 throughout when they go in one transaction). */
export interface ImportProgress {
  stage: 'reading' | 'storing';
  done: number;
  total: number;
}

/**
 * Runs the write against the journal's candle store. The CLI opens the journal only here, so a bad file
 * does not even create one; the app hands its open store.
 */
export type WriteTo = <T>(write: (store: CandleStore) => Promise<T>) => Promise<T>;

export interface ImportOptions {
  names?: InputNames;
  onProgress?: (progress: ImportProgress) => void;
  /** What `~` in the path stands for (default the user's home directory). */
  home?: string;
  /** The journal's symbols, asked only for a symbol refused, so the refusal names the stored one meant. */
  storedSymbols?: () => readonly string[];
  /**
   * Given: a new series is written in steps with this awaited between them, for a thread that must keep
   * answering (the app's engine); absent: in one transaction (the CLI, which has nothing else to do).
   */
  pause?: () => Promise<void>;
}

/** A turn of the event loop: the pause a stepped import takes between its steps (ImportOptions.pause). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Throws ImportInputError (what to fix in the request) or CandleFileError (the file, its line and why). */
export async function importFile(request: ImportRequest, writeTo: WriteTo, options: ImportOptions = {}): Promise<FileImport> {
  const names = options.names ?? APP_NAMES;
  // Inputs given are checked first (a typo needs no file to be told), then the file, then what the file must tell.
  const asked = readRequest(request, options.home, options.storedSymbols);
  const { path } = asked;
  await checkIsFile(path);
  const { symbol, symbolFrom } = symbolFor(asked, names);
  const tell = options.onProgress;
  const read = await readCandleFile(path, {
    ...(asked.timeframe === null ? {} : { timeframe: asked.timeframe }),
    ...(tell ? { onProgress: (done: number, total: number) => tell({ stage: 'reading', done, total }) } : {}),
  }).catch(async (err: unknown) => {
    throw asked.timeframe !== null && err instanceof CandleFileError ? await withOwnTimeframe(err, path, asked.timeframe, names) : err;
  });
  if (asked.timeframe !== null && read.fromTrades === undefined) refuseShorterTimeframe(read, path, asked.timeframe, names);
  const chosen = chooseTimeframe(read, path, asked.timeframe, names);
  // Between the whole-file passes a caller that keeps its thread answering (pause) gets a turn.
  await options.pause?.();
  const file = await checkedFor(read, path, chosen, names);
  await options.pause?.();
  const series: SeriesKey = { exchange: asked.exchange, symbol, timeframe: chosen.timeframe };
  const total = file.columns.length;
  tell?.({ stage: 'storing', done: 0, total });
  const { pause } = options;
  const { stored, joined } = await writeTo(async (store) => {
    const before = store.listSeries().find((s) => s.exchange === series.exchange && s.symbol === series.symbol && s.timeframe === series.timeframe);
    const stored = await (pause ? storeCandleFileInSteps(store, series, file, pause, (done) => tell?.({ stage: 'storing', done, total })) : storeCandleFile(store, series, file));
    if (!before) return { stored, joined: null };
    const now = store.count(series);
    return { stored, joined: { held: before.count, first: before.firstTs, last: before.lastTs, replaced: before.count + stored.count - now, now } };
  });
  return { series, ...stored, path, symbolFrom, timeframeFrom: chosen.from, joined };
}

/**
 * A timeframe chosen after reading was not there to check the candles against while they were read: check
 * them now, and when they do not fit, read the file again with it so the error names the line, as it does
 * for a timeframe given. Only a file that fails is read twice.
 */
async function checkedFor(read: CandleFile, path: string, chosen: ChosenTimeframe, names: InputNames): Promise<CandleFile> {
  if (chosen.from === 'given' || chosen.from === 'trades') return read;
  if (fitsTimeframe(read.columns.t, read.columns.length, chosen.timeframe)) return read;
  try {
    return await readCandleFile(path, { timeframe: chosen.timeframe });
  } catch (err) {
    if (!(err instanceof CandleFileError)) throw err;
    const source = chosen.from === 'spacing' ? "the candles' most common spacing" : 'the file name';
    throw new CandleFileError(err.file, err.line, `${err.reason} (the timeframe ${chosen.timeframe} was read from ${source}; give ${names.timeframe} if it is another)`, err.where);
  }
}

/**
 * A file refused for a timeframe given longer than its candles' (1m candles as 1h) says which timeframe they are,
 * read again without it (only a file that fails is), and that the longer one is made from them once stored:
 * "candles 1m apart but the timeframe is 1h" alone leaves the trader to work out what to give instead.
 */
async function withOwnTimeframe(err: CandleFileError, path: string, given: Timeframe, names: InputNames): Promise<CandleFileError> {
  const own = await readCandleFile(path).then(
    (file) => (file.fromTrades ? null : inferTimeframe(file.columns.t.subarray(0, file.columns.length))),
    () => null,
  );
  if (own === null || timeframeMs(own) >= timeframeMs(given)) return err;
  const made = nests(own, given) ? `; ${given} backtests and exports are then made from the stored ${own} candles` : '';
  return new CandleFileError(err.file, err.line, `${err.reason}; the file's candles are ${own} ones (their most common spacing): give ${names.timeframe} ${own}, or leave it out to read it from the spacing${made}`, err.where);
}

/**
 * A timeframe given shorter than every gap between the candles (30m over a file of hours) passes the reading's
 * checks (each candle on its grid, a gap after each) and would store them as a series of bars half as long as
 * they are: refused, naming the file's own (shorter-timeframe.ts, as `keel backtest --data` refuses it).
 */
function refuseShorterTimeframe(read: CandleFile, path: string, timeframe: Timeframe, names: InputNames): void {
  const problem = shorterTimeframeProblem(read.columns, timeframe, { flag: names.timeframe, why: 'an import stores the candles as they are, not cut into shorter ones', longer: false });
  if (problem !== null) throw new ImportInputError('timeframe', `${path}: ${problem}`, false, true);
}

async function checkIsFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ImportInputError('path', `${path}: no such file`, true);
    if (code === 'EACCES' || code === 'EPERM') throw new ImportInputError('path', `${path}: permission denied`);
    throw new ImportInputError('path', `${path}: cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (info.isDirectory()) throw new ImportInputError('path', `${path}: is a directory, not a file; ${await filesIn(path)}`);
  if (!info.isFile()) throw new ImportInputError('path', `${path}: is not a regular file; give a candle or trades file`);
}

/** A few of a directory's files that look like data, so the trader can pick one. */
async function filesIn(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const data = names.filter((n) => /\.(csv|tsv|txt|json)(\.gz)?$|\.gz$/i.test(n)).sort();
  if (data.length === 0) return 'it holds no .csv or .json file';
  const shown = data.slice(0, 3).join(', ');
  return `give one of its files, such as ${shown}${data.length > 3 ? ` (${data.length} in all)` : ''}`;
}
