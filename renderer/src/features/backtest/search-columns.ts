// The Optimization tab's sets table: its score column headed by what the search maximized as keel
// backtest's Optimization table heads it ("Sharpe", "profit factor": shared/backtest/objective-label.ts),
// then the metrics beside it, less the one the score already is.
import type { OptimizeObjective } from '../../../../shared/contract/commands/backtest.ts';
import { scoreHead } from '../../../../shared/backtest/objective-label.ts';
import { METRIC_COLUMNS, type MetricColumn } from './metric-columns.ts';

const COLUMNS = METRIC_COLUMNS.filter((c) => ['totalReturnPct', 'sharpe', 'maxDrawdownPct', 'winRatePct', 'trades'].includes(c.key));

/** The return's column: the held-out line writes its return as the table does. */
export const RETURN_COLUMN = COLUMNS.find((c) => c.key === 'totalReturnPct')!;

/** The metric an objective is, where the table has it as a column: not shown twice. */
const OBJECTIVE_COLUMN: Partial<Record<OptimizeObjective, string>> = { sharpe: 'sharpe', return: 'totalReturnPct' };

export function searchColumns(objective: OptimizeObjective): { scoreHead: string; columns: readonly MetricColumn[] } {
  return { scoreHead: scoreHead(objective), columns: COLUMNS.filter((c) => c.key !== OBJECTIVE_COLUMN[objective]) };
}
