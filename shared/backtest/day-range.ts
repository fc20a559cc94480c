// The days a run or a stretch of it covered, one way for `keel backtest`'s tables, the HTML report and the
// app's backtest page. The app once wrote a walk-forward fold as "2021-01-01 → 2021-03-01" from its last
// bar's open time while the CLI wrote "2021-01-01 to 2021-02-28" from its metrics: on weekly bars the two
// named different days, and the arrow and "to" differed on any bars.
import { NO_FIGURE } from './figure-text.ts';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * "2021-01-01 to 2021-02-28": from the UTC day of the first bar's open to the day of the last bar's close
 * less a millisecond, the last day its bars cover (`to` is that close, 00:00 of the next day for daily bars).
 * `m` is a run's metrics, the engine's or the bridge's JSON (where a figure may be null: "–" for that end).
 */
export function dayRange(m: { from?: number | null; to?: number | null }): string {
  const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  return `${ok(m.from) ? day(m.from) : NO_FIGURE} to ${ok(m.to) ? day(m.to - 1) : NO_FIGURE}`;
}
