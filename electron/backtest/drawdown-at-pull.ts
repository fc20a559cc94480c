// A drawdown breach deeper than the run's maximum drawdown. The risk room hears the equity inside a bar
// (a bar's extremes, a point of its path, as on paper), while the maximum drawdown is measured on the
// equity curve, one value at each bar's close. A bar that dips through the limit and closes above it
// pulls the kill switch at "a drawdown of 20.1%" in a run whose maximum drawdown reads 19.40%: without a
// word, a trader would take one of the two figures for a mistake.
import { pct } from '../risk/figures.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

export interface DrawdownPull {
  /** When the breach was heard: a bar's close, or a point inside it. */
  at: number;
  /** How far the equity the room heard stood below its peak, percent. */
  depthPct: number;
}

/** The deeper of the pull kept so far and one heard at `at` with `equity` under the room's `peak`. */
export function deeperPull(kept: DrawdownPull | null, at: number, equity: number, peak: number): DrawdownPull | null {
  if (!(peak > 0) || !Number.isFinite(peak)) return kept;
  const depthPct = (1 - equity / peak) * 100;
  return kept === null || depthPct > kept.depthPct ? { at, depthPct } : kept;
}

/**
 * Figures closer than this (percentage points) are the same figure printed two ways: the room's percent
 * and the curve's can round apart at a close that is itself the breach.
 */
const SAME_FIGURE = 0.005;

/** The note when the deepest drawdown breach was heard deeper than the run's maximum drawdown, else null. */
export function drawdownAtPullNote(pull: DrawdownPull | null, maxDrawdownPct: number): string | null {
  if (pull === null || !(pull.depthPct > maxDrawdownPct + SAME_FIGURE)) return null;
  return (
    `the kill switch's drawdown of ${pct(pull.depthPct)} (at ${isoTime(pull.at)}) is deeper than the max drawdown of ${maxDrawdownPct.toFixed(2)}%: ` +
    "the risk room hears the equity inside the bars (at their highs and lows, or at each finer bar's close with detail), as on paper, while the max drawdown is measured at the run's bar closes"
  );
}
