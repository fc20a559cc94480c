// What the run page says when a run's drawdown ran well past the drawdown limit with its positions left
// open at the breach (shared/backtest/drawdown-past-limit.ts): a trader reading "max drawdown 20%" in the
// risk room takes it for a cap on the loss, so the page says why it was not one and names the form's box
// that makes it one, as `keel backtest` names --limits closeOnLossLimit=true.
import { drawdownPastLimit, drawdownPastLimitWords } from '../../../../shared/backtest/drawdown-past-limit.ts';
import { DEFAULT_LIMITS } from '../../../../shared/risk/risk-limits.ts';

interface DrawdownRun {
  /** The run's metrics by name (maxDrawdownPct: percent); null until it ends. */
  metrics: Readonly<Record<string, number | null>> | null;
  request: { closeOnLossLimit?: boolean | undefined };
}

/**
 * The line under a run's notes, or null: a drawdown within a quarter of the limit past it, a run that closed
 * its positions at the breach, or one still running. The app's runs all run under the account's default
 * drawdown limit (a risk mode sets only the risk per trade, positions and AI floor; electron/backtest/risk-modes.ts).
 */
export function drawdownLine(run: DrawdownRun): string | null {
  const d = drawdownPastLimit(run.metrics?.maxDrawdownPct, DEFAULT_LIMITS.maxDrawdownPct, run.request.closeOnLossLimit === true);
  if (d === null) return null;
  const words = drawdownPastLimitWords(d);
  return `${words[0]!.toUpperCase()}${words.slice(1)}. Tick "Close positions at a loss limit" in the form to close them at the breach.`;
}
