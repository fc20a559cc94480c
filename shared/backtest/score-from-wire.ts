// A search's score that JSON cannot carry. An infinite profit factor (every closed trade a winner) or Sortino
// ratio (gains without a losing day) crosses the bridge, and goes into the JSON report, as null, as a score
// there is none of does; the set's metrics tell the two apart (figure-text.ts: profitFactorText, sortinoText),
// so the app shows ∞ and shades the heat map's cell as the best, where keel backtest's own tables do.
import type { OptimizeObjective } from '../contract/commands/backtest.ts';

type WireMetrics = Readonly<Record<string, number | null | undefined>>;

/** The score as the engine held it: Infinity where the metrics say the objective is infinite, else as sent. */
export function scoreFromWire(objective: OptimizeObjective, score: number | null, metrics: WireMetrics): number | null {
  if (score !== null) return score;
  // A profit factor is missing without a trade that won or lost; with a winner and no loser it is infinite.
  if (objective === 'profit-factor' && (metrics.winRatePct ?? 0) > 0) return Number.POSITIVE_INFINITY;
  // A Sortino ratio is missing over fewer than two days; a run that has a Sharpe ratio above 0 and none is one without a losing day.
  if (objective === 'sortino' && (metrics.sharpe ?? 0) > 0) return Number.POSITIVE_INFINITY;
  return null;
}

/** A search's sets with their scores as the engine held them. */
export function setsFromWire<S extends { score: number | null; metrics: WireMetrics }>(objective: OptimizeObjective, sets: readonly S[]): S[] {
  return sets.map((s) => (s.score === null ? { ...s, score: scoreFromWire(objective, null, s.metrics) } : s));
}
