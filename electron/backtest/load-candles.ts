// Where a backtest's candles come from: a candle file (anything `keel import` reads, read without
// importing it) or a stored series in the journal, cut to the --from/--to range. Every problem is a
// BacktestInputError that names what is wrong and what is valid: a broken line (file and line), a
// series that is not stored (and the ones that are), a range with no candles (and the data's span).
import { seriesLabel, type SeriesKey } from '../../shared/domain/candle.ts';
import { TIMEFRAME_NAMES, timeframeMs, type Timeframe } from '../../shared/domain/timeframe.ts';
import { columnsBetween, type CandleColumns } from '../journal/candle-columns.ts';
import { CandleStore } from '../journal/candle-store.ts';
import type { ExportRange } from '../journal/export-range.ts';
import { CandleFileError } from '../market/import/candle-file-error.ts';
import { inferTimeframe } from '../market/import/infer-timeframe.ts';
import { fitsTimeframe } from '../market/import/order-candles.ts';
import { readCandleFile } from '../market/import/read-candle-file.ts';
import { leadBefore } from './lead-in.ts';

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

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const DAY_MS = 86_400_000;

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
  if (b <= a) {
    const asked = askedRange(range);
    throw new BacktestInputError(`no candles from ${asked} in ${what}; it holds ${cols.length} candles from ${iso(t[0]!)} to ${iso(t[cols.length - 1]!)}`);
  }
  const cut = columnsBetween(cols, a, b);
  const lead = leadBefore(cols, a, leadBars);
  if (lead !== undefined) cut.lead = lead;
  return cut;
}

/**
 * The range as the trader gave it: --to 2024-03-01 reads through that day (to the next midnight: "the end
 * of 2024-03-01"), and --to 2024-03-01T12:00:00Z through that instant, shown as given, not as the
 * millisecond after.
 */
function askedRange(range: ExportRange): string {
  const to = range.toExclusive;
  const end = to === undefined ? 'the end' : to % DAY_MS === 0 ? `the end of ${iso(to - DAY_MS).slice(0, 10)}` : (to - 1) % 1000 === 0 ? iso(to - 1) : iso(to);
  return `${range.from === undefined ? 'the start' : iso(range.from)} to ${end}`;
}

/** `onProgress` hears how many of the file's bytes are read (a progress bar for a large file). */
export async function candlesFromFile(file: string, range: ExportRange, timeframe?: Timeframe, onProgress?: (doneBytes: number, totalBytes: number) => void, leadBars?: LeadBars): Promise<LoadedCandles> {
  let read;
  try {
    read = await readCandleFile(file, { ...(timeframe ? { timeframe } : {}), ...(onProgress ? { onProgress } : {}) });
  } catch (err) {
    if (err instanceof CandleFileError) throw new BacktestInputError(err.message);
    throw err;
  }
  const all = read.columns;
  // Trades became candles of --timeframe, or of 1m without it: their spacing would only echo that choice.
  const tf = timeframe ?? read.fromTrades?.timeframe ?? inferTimeframe(all.t);
  if (!tf) throw new BacktestInputError(`${file}: cannot tell the timeframe from the candles' spacing; give --timeframe (${TIMEFRAME_NAMES.join(', ')})`);
  if (timeframe === undefined && read.fromTrades === undefined) await checkSpacingFits(file, all, tf);
  const chosen = timeframe === undefined && read.fromTrades !== undefined ? `, as no --timeframe was given` : '';
  return { candles: cutRange(all, range, file, leadBars?.(tf) ?? 0), timeframe: tf, source: `${file} (${read.format}${chosen})` };
}

/**
 * A timeframe read from the candles' most common spacing was not there to check them against while they were
 * read: checked now, as `keel import` checks it, so a candle off its grid (30 s into a 1m series) or closer
 * than a bar to the one before is refused with its line, rather than run as a bar of its own. Only a file
 * that fails is read again (for the line).
 */
async function checkSpacingFits(file: string, cols: CandleColumns, tf: Timeframe): Promise<void> {
  if (fitsTimeframe(cols.t, cols.length, tf)) return;
  try {
    await readCandleFile(file, { timeframe: tf });
  } catch (err) {
    if (!(err instanceof CandleFileError)) throw err;
    throw new BacktestInputError(`${err.message} (the timeframe ${tf} was read from the candles' most common spacing; give --timeframe if it is another)`);
  }
}

/** `leadBars`: how many stored bars before range.from to keep as the candles' lead (lead-in.ts). */
export function candlesFromJournal(store: CandleStore, key: SeriesKey, range: ExportRange, leadBars = 0): LoadedCandles {
  const count = store.count(key);
  if (count === 0) {
    const stored = store.listSeries().map((s) => `${s.exchange}:${s.symbol}:${s.timeframe}`);
    throw new BacktestInputError(`no candles stored for ${seriesLabel(key)}; ${stored.length ? `stored series: ${stored.join(', ')}` : 'the journal holds none (keel import FILE --symbol S --timeframe T stores some, or use --data FILE)'}`);
  }
  const to = range.toExclusive === undefined ? undefined : range.toExclusive - 1;
  const cols = store.readColumns(key, { from: range.from, to });
  if (cols.length === 0) {
    const info = store.listSeries().find((s) => s.exchange === key.exchange && s.symbol === key.symbol && s.timeframe === key.timeframe);
    const span = info ? `${iso(info.firstTs)} to ${iso(info.lastTs)}` : 'an unknown span';
    throw new BacktestInputError(`no candles of ${seriesLabel(key)} from ${askedRange(range)}; it holds ${count} candles from ${span}`);
  }
  if (range.from !== undefined && leadBars > 0) {
    const lead = store.readColumns(key, { to: range.from - 1, limit: leadBars });
    if (lead.length > 0) cols.lead = lead;
  }
  return { candles: cols, timeframe: key.timeframe, source: seriesLabel(key) };
}

export { timeframeMs };
