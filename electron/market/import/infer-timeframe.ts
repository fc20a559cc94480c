// The timeframe of candles read from a file that names none: their most common spacing. A market halts
// and an exchange drops bars, so gaps longer than the timeframe are normal and the commonest wins.
import { TIMEFRAMES, TIMEFRAME_NAMES, type Timeframe } from '../../../shared/domain/timeframe.ts';

/** Spacings looked at: enough to be sure, without walking millions of candles. */
const SAMPLE = 5000;

/** The most common gap between consecutive times (ascending), in ms; 0 with fewer than two. */
export function commonSpacing(t: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < Math.min(t.length, SAMPLE); i++) {
    const d = t[i]! - t[i - 1]!;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount) [best, bestCount] = [d, c];
  return best;
}

/** The most common gap between consecutive candles as a known timeframe, or null when it is none. */
export function inferTimeframe(t: ArrayLike<number>): Timeframe | null {
  const best = commonSpacing(t);
  return TIMEFRAME_NAMES.find((tf) => TIMEFRAMES[tf] === best) ?? null;
}
