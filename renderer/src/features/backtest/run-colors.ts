// The colours the page tells things apart by: runs (on the equity chart and the risk/return plot alike, a
// walk-forward's folds in the first two), and how trades ended (wherever the page names an exit: the Exits
// table, the Exit column, the run-up and drawdown plot), so a stop-loss is the same orange everywhere a trader
// meets it. The HTML report draws in the same ones (shared/backtest/palette.ts): run 1 is one blue in the app
// and in its saved report.
import { runColor } from '../../../../shared/backtest/palette.ts';

export { EXIT_COLORS, RUN_COLORS } from '../../../../shared/backtest/palette.ts';

/**
 * A walk-forward's folds, taking turns on its stitched equity chart (neighbouring folds always differ): the
 * first two runs' colours, so they move with the palette and stay apart to colour-blind readers as runs do.
 */
export const FOLD_COLORS: readonly [string, string] = [runColor(0), runColor(1)];
