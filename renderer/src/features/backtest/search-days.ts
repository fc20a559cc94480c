// The days a parameter search scored its sets on and held out, as `keel backtest`'s Optimization table
// names them (its title's "in sample: …" and its "best, out of sample (…)" row): from the first bar's open
// to the last day the last bar covers (shared/backtest/day-range.ts). The tab once wrote them from the
// stretches' bar open times, which on weekly bars ended the search on the Monday its last week began.
import { dayRange } from '../../../../shared/backtest/day-range.ts';

type Metrics = Record<string, number | null>;

/** "2021-01-04 to 2021-02-28": the in-sample days, from the best set's metrics (every set ran over them); null without a set. */
export function searchedDays(result: { sets: readonly { metrics: Metrics }[] }): string | null {
  const best = result.sets[0];
  return best ? dayRange(best.metrics) : null;
}

/** The held-out days the best set was run on afterwards; null without a holdout. */
export function heldOutDays(result: { outOfSample: { metrics: Metrics } | null }): string | null {
  return result.outOfSample ? dayRange(result.outOfSample.metrics) : null;
}
