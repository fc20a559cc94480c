// Puts parsed candles in ascending time order and checks that they make one series of the
// timeframe: no time twice, no two candles closer than a timeframe apart, every candle opening
// on a timeframe boundary. Gaps are fine: markets halt and exchanges drop bars.
import type { Candle } from '../../../shared/domain/candle.ts';
import { timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { CandleFileError } from './candle-file-error.ts';

/** Candles in file order, each with its place in the file (line or item number). */
export interface ParsedCandles {
  candles: Candle[];
  places: number[];
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
): { candles: Candle[]; order: FileOrder } {
  const { candles, places } = parsed;
  const fail = (p: Problem): never => {
    throw new CandleFileError(file, p.place, p.reason, where(p.place));
  };

  const order = fileOrder(candles);
  const [sorted, sortedPlaces] = inTimeOrder(parsed, order);

  const spacingProblem = firstSpacingProblem(sorted, sortedPlaces, where, timeframe);
  if (spacingProblem) fail(spacingProblem);
  if (timeframe !== undefined) {
    const misaligned = firstMisaligned(candles, places, timeframe);
    if (misaligned) fail(misaligned);
  }
  return { candles: sorted, order };
}

function fileOrder(candles: readonly Candle[]): FileOrder {
  let up = false;
  let down = false;
  for (let i = 1; i < candles.length; i++) {
    const d = candles[i]!.t - candles[i - 1]!.t;
    if (d > 0) up = true;
    else if (d < 0) down = true;
  }
  return up && down ? 'unordered' : down ? 'descending' : 'ascending';
}

function inTimeOrder(parsed: ParsedCandles, order: FileOrder): [Candle[], number[]] {
  const { candles, places } = parsed;
  if (order === 'ascending') return [candles, places];
  if (order === 'descending') return [candles.slice().reverse(), places.slice().reverse()];
  // Array.prototype.sort is stable: equal times stay in file order, next to each other.
  const byTime = candles.map((_, i) => i).sort((a, b) => candles[a]!.t - candles[b]!.t);
  return [byTime.map((i) => candles[i]!), byTime.map((i) => places[i]!)];
}

/** The problem between time-neighbours that sits earliest in the file: a repeated time, or candles overlapping. */
function firstSpacingProblem(sorted: readonly Candle[], places: readonly number[], where: (place: number) => string, timeframe?: Timeframe): Problem | null {
  const step = timeframe === undefined ? 0 : timeframeMs(timeframe);
  let first: Problem | null = null;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]!.t - sorted[i - 1]!.t;
    if (gap >= step && gap > 0) continue;
    const [earlier, later] = [places[i - 1]!, places[i]!].sort((a, b) => a - b) as [number, number];
    if (first !== null && later >= first.place) continue;
    first = {
      place: later,
      reason:
        gap === 0
          ? `duplicate time ${iso(sorted[i]!.t)} (also on ${where(earlier)})`
          : `candles ${duration(gap)} apart but the timeframe is ${timeframe} (${iso(sorted[i - 1]!.t)} and ${iso(sorted[i]!.t)})`,
    };
  }
  return first;
}

function firstMisaligned(candles: readonly Candle[], places: readonly number[], timeframe: Timeframe): Problem | null {
  const rule = alignment(timeframe);
  if (rule === null) return null;
  for (let i = 0; i < candles.length; i++) {
    const t = candles[i]!.t;
    if ((((t - rule.origin) % rule.step) + rule.step) % rule.step !== 0) {
      return { place: places[i]!, reason: `time ${iso(t)} does not start a ${timeframe} candle (${rule.says})` };
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
