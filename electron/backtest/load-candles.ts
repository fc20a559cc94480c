// Where a backtest's candles come from: a candle file (anything `keel import` reads, read without
// importing it) or a stored series in the journal, cut to the --from/--to range. Every problem is a
// BacktestInputError that names what is wrong and what is valid: a broken line (file and line), a
// series that is not stored (and the ones that are), a range with no candles (and the data's span).
import { seriesLabel, type SeriesKey } from '../../shared/domain/candle.ts';
import { didYouMeanSymbol } from '../../shared/domain/symbol-guess.ts';
import { TIMEFRAME_NAMES, timeframeMs, type Timeframe } from '../../shared/domain/timeframe.ts';
import { timeframeFromFileName } from '../../shared/domain/timeframe-from-file-name.ts';
import { columnsBetween, type CandleColumns } from '../journal/candle-columns.ts';
import { CandleStore } from '../journal/candle-store.ts';
import { rangeWords, type ExportRange } from '../journal/export-range.ts';
import { CandleFileError } from '../market/import/candle-file-error.ts';
import { inferTimeframe } from '../market/import/infer-timeframe.ts';
import { fitsTimeframe } from '../market/import/order-candles.ts';
import { readCandleFile, type CandleFile } from '../market/import/read-candle-file.ts';
import { shorterTimeframeProblem } from '../market/import/shorter-timeframe.ts';
import { bucketStart, nests } from '../market/candles/bucket.ts';
import { notMadeText, shorterStoredText } from '../../shared/domain/timeframe-nesting.ts';
import { resample, wholeCandles } from '../market/candles/resample.ts';
import { leadBefore } from './lead-in.ts';
import { seriesSource, sourceLabel, type SeriesSource } from './series-source.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

export class BacktestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BacktestInputError';
  }
}

export interface LoadedCandles {
  candles: CandleColumns;
  timeframe: Timeframe;
  /** Where they came from, for the report: a file and its format, or a series label. */
  source: string;
}

/**
 * How many bars before --from a run reads for its strategy's warm-up, on bars of the timeframe (lead-in.ts);
 * the loaders keep at most that many as the columns' lead.
 */
export type LeadBars = (timeframe: Timeframe) => number;

/**
 * The candles inside [from, toExclusive), with up to `leadBars` of the bars before them as their lead;
 * refuses an empty cut with the data's own span.
 */
export function cutRange(cols: CandleColumns, range: ExportRange, what: string, leadBars = 0): CandleColumns {
  const t = cols.t;
  let a = 0;
  let b = cols.length;
  if (range.from !== undefined) while (a < b && t[a]! < range.from) a++;
  if (range.toExclusive !== undefined) while (b > a && t[b - 1]! >= range.toExclusive) b--;
  if (a === 0 && b === cols.length) return cols;
  if (b <= a) throw new BacktestInputError(`no candles ${rangeWords(range)} in ${what}; it holds ${cols.length.toLocaleString('en-US')} candles from ${isoTime(t[0]!)} to ${isoTime(t[cols.length - 1]!)}`);
  const cut = columnsBetween(cols, a, b);
  const lead = leadBefore(cols, a, leadBars);
  if (lead !== undefined) cut.lead = lead;
  return cut;
}

/**
 * The range a run's finer bars (--detail, --detail-data) are read over: the run's, through the close of the
 * run's last bar. A --to inside a bar (a date-time, or a bar's open, as the app's requests give it) keeps that
 * bar whole, so its finer bars must run to its close too: cut at --to, the bar would fill along its first
 * minute alone, a stop later in it never firing, and the notes would blame gaps the data does not have.
 */
export function detailRange(range: ExportRange, main: CandleColumns, barMs: number): ExportRange {
  if (main.length === 0) return range;
  return { ...range, toExclusive: main.t[main.length - 1]! + barMs };
}

/**
 * `onProgress` hears how many of the file's bytes are read (a progress bar for a large file). A --timeframe
 * longer than the file's own, which its candles fit whole into (1h from a file of 1m candles), is made from
 * them, as a stored series is (series-source.ts); a file of trades becomes candles of it directly.
 */
export async function candlesFromFile(
  file: string,
  range: ExportRange,
  timeframe?: Timeframe,
  onProgress?: (doneBytes: number, totalBytes: number) => void,
  leadBars?: LeadBars,
  /** The file is a run's detail (--detail-data), whose timeframe no flag sets: the refusals say so. */
  detailFile = false,
): Promise<LoadedCandles> {
  const read = await readFileOrRefuse(file, { ...(timeframe ? { tradesInto: timeframe } : {}), ...(onProgress ? { onProgress } : {}) });
  if (timeframe !== undefined && read.fromTrades === undefined) refuseShorterTimeframe(file, read.columns, timeframe);
  // Trades became candles of --timeframe, or of 1m without it: their spacing would only echo that choice.
  const spaced = read.fromTrades?.timeframe ?? (timeframe !== undefined && fitsTimeframe(read.columns.t, read.columns.length, timeframe) ? timeframe : inferTimeframe(read.columns.t));
  // As `keel import` reads it (choose-timeframe.ts): candles whose spacing names no timeframe (one candle, a
  // thin market's candles most often 3h apart) are of the one the file name gives. A detail file's must be its candles'.
  const named = spaced === null && !detailFile ? timeframeFromFileName(file) : null;
  const own = spaced ?? named;
  const chosen =
    timeframe === undefined && read.fromTrades !== undefined
      ? `, as no --timeframe was given`
      : named !== null && timeframe === undefined
        ? `; timeframe ${named} read from the file name, as the candles' spacing names none; --timeframe sets it`
        : '';
  // Shorter candles that do not make the timeframe (4h ones for 6h bars): said so, with what they make,
  // rather than blamed on the line where the first 4h step shows.
  if (timeframe !== undefined && own !== null && timeframeMs(own) < timeframeMs(timeframe) && !nests(own, timeframe) && read.fromTrades === undefined) {
    throw new BacktestInputError(`${file}: its candles are ${own} ones (their most common spacing), which do not make ${timeframe} bars: ${notMadeText(own, timeframe)}; give --timeframe ${own} or one of those`);
  }
  if (timeframe !== undefined && (own === null || (own !== timeframe && !nests(own, timeframe)))) {
    // Not candles of it, nor ones that make it: read again with it, so the refusal names the line.
    await readFileOrRefuse(file, { timeframe });
  }
  const sets = detailFile ? DETAIL_GRID : `give --timeframe (${TIMEFRAME_NAMES.join(', ')})`;
  if (!own) throw new BacktestInputError(`${file}: cannot tell the timeframe from the candles' spacing; ${sets}`);
  if (read.fromTrades === undefined && own !== timeframe) await checkSpacingFits(file, read.columns, own, named === null ? "the candles' most common spacing" : 'the file name', detailFile ? DETAIL_GRID : 'give --timeframe if it is another');
  const tf = timeframe ?? own;
  if (tf === own) return { candles: cut(read.columns, range, file, leadBars?.(tf) ?? 0, detailFile), timeframe: tf, source: `${file} (${read.format}${chosen})` };
  // Only whole bars, as from the journal.
  const all = wholeCandles(resample(read.columns, own, tf));
  if (all.length === 0) throw new BacktestInputError(`${file}: its ${own} candles do not make one whole ${tf} candle; give a shorter --timeframe, or a longer file`);
  return { candles: cut(all, range, file, leadBars?.(tf) ?? 0, detailFile), timeframe: tf, source: `${file} (${read.format}; ${own} candles resampled into ${tf})` };
}

/**
 * A --timeframe shorter than every gap between the file's candles (30m over a file of hours) is refused
 * (shorter-timeframe.ts): a run makes longer bars from shorter ones only.
 */
function refuseShorterTimeframe(file: string, cols: CandleColumns, timeframe: Timeframe): void {
  const problem = shorterTimeframeProblem(cols, timeframe, { flag: '--timeframe', why: 'a run makes longer bars from shorter ones, not shorter', longer: true });
  if (problem !== null) throw new BacktestInputError(`${file}: ${problem}`);
}

/** cutRange, with a detail file's empty cut said as the detail's: its range is the run's bars, not one the trader gave. */
function cut(cols: CandleColumns, range: ExportRange, file: string, leadBars: number, detailFile: boolean): CandleColumns {
  const t = cols.t;
  const n = cols.length;
  const inside = n > 0 && (range.from === undefined || t[n - 1]! >= range.from) && (range.toExclusive === undefined || t[0]! < range.toExclusive);
  if (detailFile && !inside && n > 0) {
    throw new BacktestInputError(
      `the detail ${file} holds no candles over the run's bars (${rangeWords(range)}); its ${n.toLocaleString('en-US')} candles run from ${isoTime(t[0]!)} to ${isoTime(t[n - 1]!)}: give finer candles of the same market over the run's dates, or leave the detail out`,
    );
  }
  return cutRange(cols, range, file, leadBars);
}

/** A detail file's timeframe is its candles' own: no flag sets it. */
const DETAIL_GRID = "a --detail-data file's candles must all sit on one timeframe's grid (1m, say)";

async function readFileOrRefuse(file: string, options: Parameters<typeof readCandleFile>[1]): Promise<CandleFile> {
  try {
    return await readCandleFile(file, options);
  } catch (err) {
    if (err instanceof CandleFileError) throw new BacktestInputError(err.message);
    throw err;
  }
}

/**
 * A timeframe read from the candles' most common spacing was not there to check them against while they were
 * read: checked now, as `keel import` checks it, so a candle off its grid (30 s into a 1m series) or closer
 * than a bar to the one before is refused with its line, rather than run as a bar of its own. Only a file
 * that fails is read again (for the line).
 */
async function checkSpacingFits(file: string, cols: CandleColumns, tf: Timeframe, from: string, otherwise: string): Promise<void> {
  if (fitsTimeframe(cols.t, cols.length, tf)) return;
  try {
    await readCandleFile(file, { timeframe: tf });
  } catch (err) {
    if (!(err instanceof CandleFileError)) throw err;
    throw new BacktestInputError(`${err.message} (the timeframe ${tf} was read from ${from}; ${otherwise})`);
  }
}

/**
 * `leadBars`: how many stored bars before range.from to keep as the candles' lead (lead-in.ts). A timeframe
 * not stored is rolled up from a shorter one of the market that is (series-source.ts).
 */
export function candlesFromJournal(store: CandleStore, key: SeriesKey, range: ExportRange, leadBars = 0): LoadedCandles {
  const source = seriesSource(store, key);
  if (source === null) {
    const series = store.listSeries();
    const stored = series.map((s) => `${s.exchange}:${s.symbol}:${s.timeframe}`);
    throw new BacktestInputError(
      `no candles stored for ${seriesLabel(key)}${didYouMeanSymbol(key.symbol, series.map((s) => s.symbol))}${shorterStoredText(series, key) || ' nor of a shorter timeframe to resample from'}; ${stored.length ? `stored series: ${stored.join(', ')}` : 'the journal holds none (keel import FILE --symbol S --timeframe T stores some, or use --data FILE)'}`,
    );
  }
  if (source.resampledFrom !== null) return resampledFromJournal(store, key, source, range, leadBars);
  const count = store.count(key);
  const to = range.toExclusive === undefined ? undefined : range.toExclusive - 1;
  const cols = store.readColumns(key, { from: range.from, to });
  if (cols.length === 0) {
    const span = storedSpan(store, key);
    throw new BacktestInputError(`no candles of ${seriesLabel(key)} ${rangeWords(range)}; it holds ${count.toLocaleString('en-US')} candles from ${span}`);
  }
  if (range.from !== undefined && leadBars > 0) {
    const lead = store.readColumns(key, { to: range.from - 1, limit: leadBars });
    if (lead.length > 0) cols.lead = lead;
  }
  return { candles: cols, timeframe: key.timeframe, source: seriesLabel(key) };
}

/**
 * The series rolled up from the shorter one stored: read from the bucket `leadBars` bars before the range's
 * first (so the lead is whole bars too) through the end of the bucket the range ends in (so its last bar is
 * the whole bar a stored series would hold); a first bar the data starts inside, and a last one it ends
 * inside, are left out, as `keel export` leaves them out: their open or close is not the bar's.
 */
function resampledFromJournal(store: CandleStore, key: SeriesKey, source: SeriesSource, range: ExportRange, leadBars: number): LoadedCandles {
  const from = source.resampledFrom!;
  const barMs = timeframeMs(key.timeframe);
  const start = range.from === undefined ? undefined : bucketStart(range.from, key.timeframe) - leadBars * barMs;
  const end = range.toExclusive === undefined ? undefined : bucketStart(range.toExclusive - 1, key.timeframe) + barMs - 1;
  const label = sourceLabel(key, source);
  const src = store.readColumns(source.stored, { from: start, to: end });
  const all = src.length === 0 ? null : wholeCandles(resample(src, from, key.timeframe));
  if (all === null || all.length === 0) {
    const span = storedSpan(store, source.stored);
    throw new BacktestInputError(`no whole ${key.timeframe} candles of ${label} ${rangeWords(range)}; the ${from} candles stored run from ${span}`);
  }
  return { candles: cutRange(all, range, label, leadBars), timeframe: key.timeframe, source: label };
}

/** "2023-03-01T00:00:00Z to 2023-03-21T23:59:00Z": what a stored series spans, for a refusal of a range it has nothing in. */
function storedSpan(store: CandleStore, key: SeriesKey): string {
  const info = store.listSeries().find((s) => seriesLabel(s) === seriesLabel(key));
  return info ? `${isoTime(info.firstTs)} to ${isoTime(info.lastTs)}` : 'an unknown span';
}

export { timeframeMs };
