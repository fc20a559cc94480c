// `keel backtest`'s hint under the notes when the kill switch a drawdown breach (or a margin call) pulled
// stayed engaged for much of the run (shared/backtest/halted-to-end.ts): the notes say what happened, this
// names the flags that go on from there.
import { haltedToEnd, haltedToEndWords } from '../../shared/backtest/halted-to-end.ts';
import type { BacktestResult } from '../backtest/run-backtest.ts';

/** The hint, or null. `rearmAfter` is --rearm-after (null: never, the default): with it given, the notes say what it did. */
export function haltedHint(res: { halts: BacktestResult['halts']; metrics: Pick<BacktestResult['metrics'], 'from' | 'to'> }, rearmAfter: number | null): string | null {
  if (rearmAfter !== null) return null;
  const h = haltedToEnd(res.halts, res.metrics.from, res.metrics.to);
  if (h === null) return null;
  return `${haltedToEndWords(h)}; --rearm-after DAYS re-arms it that many days after a drawdown breach (as a trader might), and --limits maxDrawdownPct=N moves the limit`;
}
