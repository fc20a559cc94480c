// Missing candles in a series: runs of open times with no candle where the timeframe says one should be.
// Markets do halt and exchanges drop bars, so a gap is a fact to show and maybe to fill (backfill.ts),
// not an error.
import type { SeriesKey } from '../../../shared/domain/candle.ts';
import { timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import { bucketStart } from './bucket.ts';

export interface Gap {
  /** Open time of the first missing candle. */
  from: number;
  /** Open time of the last missing candle (inclusive). */
  to: number;
  /** How many candles are missing: (to - from) / timeframe + 1. */
  missing: number;
}

export interface GapRange {
  /** Look for gaps from this open time (default: the first candle), inclusive. */
  from?: number | undefined;
  /** ... up to this open time (default: the last candle), inclusive. */
  to?: number | undefined;
}

/**
 * Gaps among open times `t` (ascending). With `range`, missing candles between range.from and the first
 * candle and between the last candle and range.to count too; without it only holes between candles do.
 */
export function findGaps(t: ArrayLike<number>, timeframe: Timeframe, range: GapRange = {}): Gap[] {
  const step = timeframeMs(timeframe);
  const gaps: Gap[] = [];
  const first = range.from === undefined ? undefined : ceilToBucket(range.from, timeframe);
  const last = range.to === undefined ? undefined : bucketStart(range.to, timeframe);
  if (t.length === 0) {
    if (first !== undefined && last !== undefined && first <= last) gaps.push(gap(first, last, step));
    return gaps;
  }
  let expected = first ?? t[0]!;
  for (let i = 0; i < t.length; i++) {
    const at = t[i]!;
    if (last !== undefined && at > last) break;
    if (at < expected) continue;
    if (at > expected) gaps.push(gap(expected, at - step, step));
    expected = at + step;
  }
  if (last !== undefined && expected <= last) gaps.push(gap(expected, last, step));
  return gaps;
}

/** The gaps of a stored series in a range (default: between its first and last candle). */
export function findSeriesGaps(store: CandleStore, key: SeriesKey, range: GapRange = {}): Gap[] {
  const cols = store.readColumns(key, { from: range.from, to: range.to });
  return findGaps(cols.t, key.timeframe, range);
}

function gap(from: number, to: number, step: number): Gap {
  return { from, to, missing: (to - from) / step + 1 };
}

function ceilToBucket(t: number, timeframe: Timeframe): number {
  const start = bucketStart(t, timeframe);
  return start === t ? t : start + timeframeMs(timeframe);
}
