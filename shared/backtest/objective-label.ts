// What a search maximized, named as the tables that show its scores head them: `keel backtest`'s printed
// Optimization and Walk-forward tables, the HTML report's, and the app's Optimization tab, so the three say
// "Sharpe" and "IS Sharpe" alike rather than "sharpe" in one and "IS score" in another.
import type { OptimizeObjective } from '../contract/commands/backtest.ts';

/** Each objective in words, as a column head or a sentence writes it (the CLI's --objective names are its keys). */
export const OBJECTIVE_LABELS: Readonly<Record<OptimizeObjective, string>> = {
  sharpe: 'Sharpe',
  sortino: 'Sortino',
  return: 'return',
  cagr: 'CAGR',
  calmar: 'Calmar',
  'profit-factor': 'profit factor',
  expectancy: 'expectancy',
};

/**
 * The head of a search's score column: "Sharpe", "profit factor". Maximizing the return, "score (return)":
 * the Optimization table has a "return" column of its own beside it, and two columns headed "return" read
 * as one figure printed twice.
 */
export function scoreHead(objective: OptimizeObjective): string {
  return objective === 'return' ? 'score (return)' : OBJECTIVE_LABELS[objective];
}

/**
 * The heads of a walk-forward's in-sample and out-of-sample score columns: "IS Sharpe", "OOS Sharpe".
 * Maximizing the return, "IS score (return)": the table has an "IS return" column of its own beside it.
 */
export function walkScoreHeads(objective: OptimizeObjective): [inSample: string, outOfSample: string] {
  const name = scoreHead(objective);
  return [`IS ${name}`, `OOS ${name}`];
}
