// What the run page says when the kill switch stayed engaged for much of a run (shared/backtest/halted-to-end.ts),
// naming the form's field that goes on from there, as `keel backtest` names --rearm-after.
import { haltedToEnd, haltedToEndWords } from '../../../../shared/backtest/halted-to-end.ts';

interface HaltedRun {
  halts: readonly { from: number; to: number | null }[];
  /** The run's metrics by name (from: its first bar's open; to: its last bar's close); null until it ends. */
  metrics: Readonly<Record<string, number | null>> | null;
  request: { rearmAfterDays: number | null };
}

/** The line under a run's notes, or null: a run mostly traded, re-armed, or given a re-arm after a drawdown kill. */
export function haltedLine(run: HaltedRun): string | null {
  const from = run.metrics?.from;
  const to = run.metrics?.to;
  if (run.request.rearmAfterDays !== null || typeof from !== 'number' || typeof to !== 'number') return null;
  const h = haltedToEnd(run.halts, from, to);
  if (h === null) return null;
  const words = haltedToEndWords(h);
  return `${words[0]!.toUpperCase()}${words.slice(1)}. "Re-arm after drawdown kill" in the form re-arms it that many days after a drawdown breach, as a trader might.`;
}
