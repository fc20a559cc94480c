// Why a trade ended, named as a person reads it: the app's trade tables, Exits table and legends, the HTML
// report's trade list and legends, and `keel backtest`'s tables all print these, and exitsLabel's
// "trailing stop 3%" says the same words. The ids ("trailing-stop") stay what a machine reads: the JSON, the
// CSV and the data-exit attributes keep them.
import type { ExitReason } from './run-exits.ts';

export const EXIT_LABELS: Readonly<Record<ExitReason, string>> = {
  signal: 'signal',
  'stop-loss': 'stop-loss',
  'trailing-stop': 'trailing stop',
  'take-profit': 'take-profit',
  open: 'open',
};

/** An exit reason in words: "trailing stop" for 'trailing-stop'. */
export const exitLabel = (reason: ExitReason): string => EXIT_LABELS[reason];
