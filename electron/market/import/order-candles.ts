// Puts parsed candles in ascending time order and checks that they make one series of the
// timeframe: no time twice, no two candles closer than a timeframe apart, every candle opening
// on a timeframe boundary. Gaps are fine: markets halt and exchanges drop bars.
import { timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { allocateColumns, type CandleColumns } from '../../journal/candle-columns.ts';
import { CandleFileError } from './candle-file-error.ts';

/** Candles in file order, each with its place in the file (line or item number). */
export interface ParsedCandles {
  cols: CandleColumns;
  places: Float64Array;
}

export type FileOrder = 'ascending' | 'descending' | 'unordered';

interface Problem {
  place: number;
  reason: string;
}

const DAY_MS = 86_400_000;
// 1970-01-01 was a Thursday; weekly candles (Binance, ccxt) open on Mondays 00:00 UTC, four days later.
const WEEK_ORIGIN_MS = 4 * DAY_MS;

/**
 * Returns the candles oldest first, or throws at the first problem. Problems are looked for in
 * stages (order, then alignment) so that 1m candles imported as 1h are reported as "1m apart",
 * which says what is wrong, rather than as a candle off the hour.
 */
export function orderCandles(
  file: string,
  parsed: ParsedCandles,
  where: (place: number) => string,
  timeframe?: Timeframe,
): { columns: CandleColumns; order: FileOrder } {
  const { cols, places } = parsed;
  const fail = (p: Problem): never => {
    throw new CandleFileError(file, p.place, p.reason, where(p.place));
  };

  const order = fileOrder(cols.t, cols.length);
  const sorted = inTimeOrder(parsed, order);

  const spacingProblem = firstSpacingProblem(sorted.cols.t, sorted.places, sorted.cols.length, where, timeframe);
  if (spacingProblem) fail(spacingProblem);
  if (timeframe !== undefined) {
    const misaligned = firstMisaligned(cols.t, places, cols.length, timeframe);
    if (misaligned) fail(misaligned);
  }
  return { columns: sorted.cols, order };
}

/** Whether the times run up, down or both ways (equal neighbours say nothing). */
export function fileOrder(t: Float64Array, n: number): FileOrder {
  let up = false;
  let down = false;
  for (let i = 1; i < n; i++) {
    const d = t[i]! - t[i - 1]!;
    if (d > 0) up = true;
    else if (d < 0) down = true;
  }
  return up && down ? 'unordered' : down ? 'descending' : 'ascending';
}

function inTimeOrder(parsed: ParsedCandles, order: FileOrder): ParsedCandles {
  if (order === 'ascending') return parsed;
  const { cols, places } = parsed;
  const n = cols.length;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = order === 'descending' ? n - 1 - i : i;
  // Equal times stay in file order, next to each other (the tie-break makes the sort stable whatever it is).
  if (order === 'unordered') rows.sort((a, b) => cols.t[a]! - cols.t[b]! || a - b);
  const out = allocateColumns(n);
  const outPlaces = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    out.t[k] = cols.t[i]!;
    out.o[k] = cols.o[i]!;
    out.h[k] = cols.h[i]!;
    out.l[k] = cols.l[i]!;
    out.c[k] = cols.c[i]!;
    out.v[k] = cols.v[i]!;
    outPlaces[k] = places[i]!;
  }
  return { cols: out, places: outPlaces };
}

/** The problem between time-neighbours that sits earliest in the file: a repeated time, or candles overlapping. */
function firstSpacingProblem(t: Float64Array, places: Float64Array, n: number, where: (place: number) => string, timeframe?: Timeframe): Problem | null {
  const step = timeframe === undefined ? 0 : timeframeMs(timeframe);
  const rule = timeframe === undefined ? null : alignment(timeframe);
  const on = (k: number) => k < 0 || k >= n || rule === null || (((t[k]! - rule.origin) % rule.step) + rule.step) % rule.step === 0;
  let first: Problem | null = null;
  for (let i = 1; i < n; i++) {
    const gap = t[i]! - t[i - 1]!;
    if (gap >= step && gap > 0) continue;
    const [earlier, later] = [places[i - 1]!, places[i]!].sort((a, b) => a - b) as [number, number];
    // One candle off the grid between two on it (05:30 between 04:00 and 06:00 in 1h candles) is that
    // candle's line, not the next one's: "line 501: candles 30m apart" sent the trader to a good candle.
    // Runs of off-grid candles (1m candles read as 1h) keep the spacing's words, which say what is wrong.
    const stray = gap > 0 && rule !== null ? (on(i - 1) && !on(i) && on(i + 1) ? i : !on(i - 1) && on(i) && on(i - 2) ? i - 1 : -1) : -1;
    const place = stray >= 0 ? places[stray]! : later;
    if (first !== null && place >= first.place) continue;
    first = {
      place,
      reason:
        gap === 0
          ? `duplicate time ${iso(t[i]!)} (also on ${where(earlier)})`
          : stray >= 0
            ? `time ${iso(t[stray]!)} does not start a ${timeframe} candle (${rule!.says}); it is ${duration(gap)} from the candle ${stray === i ? 'before' : 'after'} it (${iso(t[stray === i ? i - 1 : i]!)})`
            : `candles ${duration(gap)} apart but the timeframe is ${timeframe} (${iso(t[i - 1]!)} and ${iso(t[i]!)})`,
    };
  }
  return first;
}

/**
 * Whether candles already in time order make one series of the timeframe (each at least a timeframe after
 * the one before, each on its boundaries): the check `orderCandles` makes, for a timeframe chosen after the
 * file was read (from the candles' spacing), without reading the file again.
 */
export function fitsTimeframe(t: Float64Array, n: number, timeframe: Timeframe): boolean {
  const step = timeframeMs(timeframe);
  for (let i = 1; i < n; i++) if (t[i]! - t[i - 1]! < step) return false;
  const rule = alignment(timeframe);
  if (rule === null || n === 0) return true;
  const on = (x: number) => (((x - rule.origin) % rule.step) + rule.step) % rule.step === 0;
  if (!on(t[0]!)) return false;
  // From an aligned first candle, each is aligned when its distance from the one before is a whole number
  // of the rule's step: almost always exactly one, which a comparison settles without the floating-point
  // remainder (~30 ns each, a third of the app's stall before it stores a million candles).
  for (let i = 1; i < n; i++) {
    const d = t[i]! - t[i - 1]!;
    if (d !== rule.step && d % rule.step !== 0) return false;
  }
  return true;
}

function firstMisaligned(t: Float64Array, places: Float64Array, n: number, timeframe: Timeframe): Problem | null {
  const rule = alignment(timeframe);
  if (rule === null) return null;
  for (let i = 0; i < n; i++) {
    const ti = t[i]!;
    if ((((ti - rule.origin) % rule.step) + rule.step) % rule.step !== 0) {
      return { place: places[i]!, reason: `time ${iso(ti)} does not start a ${timeframe} candle (${rule.says})` };
    }
  }
  return null;
}

/**
 * Where candles of a timeframe open. Timeframes that divide a day open on multiples of their length
 * counted from midnight UTC, weeks on Mondays. 3d candles are not checked: exchanges count their
 * three days from different epochs.
 */
function alignment(timeframe: Timeframe): { step: number; origin: number; says: string } | null {
  const step = timeframeMs(timeframe);
  if (timeframe === '1w') return { step, origin: WEEK_ORIGIN_MS, says: '1w candles open on Mondays at 00:00 UTC' };
  if (DAY_MS % step !== 0) return null;
  return { step, origin: 0, says: `${timeframe} candles open at whole multiples of ${timeframe} from 00:00 UTC` };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** 60000 -> "1m", 5400000 -> "1h30m", 1500 -> "1s500ms". */
export function duration(ms: number): string {
  const units: [string, number][] = [['d', DAY_MS], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = Math.abs(ms);
  let out = '';
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${name}`;
    rest -= n * size;
  }
  return out || '0ms';
}
