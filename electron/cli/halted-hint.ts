// A hint under `keel backtest`'s notes when the kill switch a drawdown breach (or a margin call) pulled
// stayed engaged for much of the run: by default only the trader re-arms after one, as in live trading, so
// the rest of the run has no new entry, and a trader reading "18 trades over two years" would otherwise
// take it for the strategy's doing. The notes say what happened; this says which flags go on from there.
import type { BacktestResult } from '../backtest/run-backtest.ts';

/** A halt to the end over less of the run than this is left unremarked: the run was mostly traded. */
const SHARE_WORTH_A_HINT = 0.25;

/**
 * The hint for a run whose last pull of the kill switch was never re-armed and took at least a quarter of
 * its bars, or null. `rearmAfter` is --rearm-after (null: never, the default): with it given, the notes say
 * what it did.
 */
export function haltedHint(res: Pick<BacktestResult, 'halts' | 't' | 'barMs'>, rearmAfter: number | null): string | null {
  if (rearmAfter !== null || res.t.length === 0) return null;
  const last = res.halts.at(-1);
  if (last === undefined || last.to !== null) return null;
  const start = res.t[0]!;
  const end = res.t[res.t.length - 1]! + res.barMs;
  const share = (end - last.from) / (end - start);
  if (!(share >= SHARE_WORTH_A_HINT)) return null;
  const day = new Date(last.from).toISOString().slice(0, 10);
  return `the kill switch stayed engaged from ${day} to the end, ${Math.round(share * 100)} % of the run without a new entry; --rearm-after DAYS re-arms it that many days after a drawdown breach (as a trader might), and --limits maxDrawdownPct=N moves the limit`;
}
