// The colours the page tells things apart by: runs (on the equity chart and the risk/return plot alike),
// and how trades ended (wherever the page names an exit: the Exits table, the Exit column, the run-up and
// drawdown plot), so a stop-loss is the same orange everywhere a trader meets it.
export { EXIT_COLORS } from '../../../../shared/backtest/run-exits.ts';

export const RUN_COLORS: readonly string[] = ['#4c9aff', '#f0b90b', '#2ebd85', '#c678dd', '#f6465d', '#56b6c2'];

