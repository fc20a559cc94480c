// A timeframe given for a candle file that is shorter than every gap between its candles (30m over a file of
// hours). The candles sit on its grid, so they pass every other check as candles of it with a gap after
// each, and would be stored, or run, as bars half as long as they are. `keel backtest --data`, `keel import`
// and the app's import refuse it with this one message, naming the timeframes that would work.
import { TIMEFRAME_NAMES, timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import type { CandleColumns } from '../../journal/candle-columns.ts';
import { nests } from '../candles/bucket.ts';
import { inferTimeframe } from './infer-timeframe.ts';
import { duration } from './order-candles.ts';

export interface ShorterTimeframeWords {
  /** How the trader gives the timeframe: `--timeframe` in a terminal, `the timeframe` in the app. */
  flag: string;
  /** Why a shorter timeframe cannot be made from the file, e.g. "a run makes longer bars from shorter ones, not shorter". */
  why: string;
  /** Whether longer timeframes that the candles nest in are offered too (a backtest resamples into them; an import stores the candles as they are). */
  longer: boolean;
}

/**
 * The refusal (without the file's name before it) when `timeframe` is shorter than every gap between the
 * candles, oldest first; null when it is not, or when there are fewer than two candles to tell.
 */
export function shorterTimeframeProblem(cols: CandleColumns, timeframe: Timeframe, words: ShorterTimeframeWords): string | null {
  const t = cols.t;
  const step = timeframeMs(timeframe);
  if (cols.length < 2) return null;
  let least = Infinity;
  for (let i = 1; i < cols.length && least > step; i++) least = Math.min(least, t[i]! - t[i - 1]!);
  if (least <= step) return null;
  const own = inferTimeframe(t.subarray(0, cols.length));
  const longer = own === null || !words.longer ? [] : TIMEFRAME_NAMES.filter((tf) => timeframeMs(tf) > timeframeMs(own) && nests(own, tf));
  const valid = own === null ? `give ${words.flag} no shorter than ${duration(least)}` : `give ${words.flag} ${own}${longer.length ? ` or a longer one (${longer.join(', ')})` : ''}`;
  return `${words.flag} ${timeframe} is shorter than its candles, which are never less than ${duration(least)} apart; ${words.why}: ${valid}`;
}
