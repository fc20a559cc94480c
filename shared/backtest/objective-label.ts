// What a search maximized, named as the tables that show its scores head them: `keel backtest`'s printed
// Optimization and Walk-forward tables, the HTML report's, and the app's Optimization tab, so the three say
// "Sharpe" and "IS Sharpe" alike rather than "sharpe" in one and "IS score" in another.
import type { OptimizeObjective } from '../contract/commands/backtest.ts';
import { capitalized } from '../domain/plural.ts';

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
 * An objective in a sentence, as every line a person reads names it: "the best in-sample Sharpe of 2.00",
 * "maximizing profit factor". The --objective name ("sharpe", "profit-factor") is what a person types, not
 * what they read: the CLI's search line, the warnings and the app's headings once printed it.
 */
export const objectiveText = (objective: OptimizeObjective): string => OBJECTIVE_LABELS[objective];

/** The objective with its article, for "no set has a Sharpe", "an expectancy". */
export const anObjective = (objective: OptimizeObjective): string => `${/^[aeiou]/i.test(OBJECTIVE_LABELS[objective]) ? 'an' : 'a'} ${OBJECTIVE_LABELS[objective]}`;

/** The objective opening a title: "Sharpe by fast (down) and slow (across)", "Profit factor by …". */
export const objectiveTitle = (objective: OptimizeObjective): string => capitalized(OBJECTIVE_LABELS[objective]);

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
