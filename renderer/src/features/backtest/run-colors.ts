// The colours the page tells things apart by: runs (on the equity chart and the risk/return plot alike),
// and how trades ended (wherever the page names an exit: the Exits table, the Exit column, the run-up and
// drawdown plot), so a stop-loss is the same orange everywhere a trader meets it. The HTML report draws in
// the same ones (shared/backtest/palette.ts): run 1 is one blue in the app and in its saved report.
export { EXIT_COLORS, RUN_COLORS } from '../../../../shared/backtest/palette.ts';
