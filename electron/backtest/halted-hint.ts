// The hint under a run's notes when the kill switch a drawdown breach (or a margin call) pulled stayed
// engaged for much of the run (shared/backtest/halted-to-end.ts): the notes say what happened, this names
// what goes on from there: `keel backtest`'s flags in its output; both ways in the HTML report, which is the
// same page whether the CLI wrote it or the app saved it (the run page says it in its own words,
// renderer halted-view.ts).
import { drawdownPastLimit, drawdownPastLimitWords } from '../../shared/backtest/drawdown-past-limit.ts';
import { haltedToEnd, haltedToEndWords } from '../../shared/backtest/halted-to-end.ts';
import type { BacktestResult } from './run-backtest.ts';

/** keel backtest's way on. */
export const CLI_REARM = '--rearm-after DAYS re-arms it that many days after a drawdown breach (as a trader might), and --limits maxDrawdownPct=N moves the limit';
/** The HTML report's way on: the same page whether keel backtest --html wrote it or the app saved it. */
export const REPORT_REARM = 'keel backtest --rearm-after DAYS (in the app, "Re-arm after drawdown kill" in the backtest form) re-arms it that many days after a drawdown breach, as a trader might';

/** The hint, or null. `rearmAfter`: the run's re-arm after a drawdown kill in days (null: never, the default); with one given, the notes say what it did. */
export function haltedHint(res: { halts: BacktestResult['halts']; metrics: Pick<BacktestResult['metrics'], 'from' | 'to'> }, rearmAfter: number | null, wayOn: string = CLI_REARM): string | null {
  if (rearmAfter !== null) return null;
  const h = haltedToEnd(res.halts, res.metrics.from, res.metrics.to);
  if (h === null) return null;
  return `${haltedToEndWords(h)}; ${wayOn}`;
}

/** keel backtest's way to close positions at a breach. */
export const CLI_CLOSE = '--limits closeOnLossLimit=true closes them at the breach, as TradingView\'s max drawdown rule does';
/** The HTML report's: the same page whether keel backtest --html wrote it or the app saved it. */
export const REPORT_CLOSE = 'keel backtest --limits closeOnLossLimit=true (in the app, "Close positions at a loss limit" in the backtest form) closes them at the breach';

/**
 * The hint when the run's drawdown went well past its drawdown limit with the positions left open at the
 * breach (shared/backtest/drawdown-past-limit.ts), or null.
 */
export function drawdownHint(res: { metrics: Pick<BacktestResult['metrics'], 'maxDrawdownPct'>; lossLimits: Pick<BacktestResult['lossLimits'], 'maxDrawdownPct' | 'closeOnLossLimit'> }, wayOn: string = CLI_CLOSE): string | null {
  const limits = res.lossLimits;
  const d = drawdownPastLimit(res.metrics.maxDrawdownPct, limits.maxDrawdownPct, limits.closeOnLossLimit);
  return d === null ? null : `${drawdownPastLimitWords(d)}; ${wayOn}`;
}
