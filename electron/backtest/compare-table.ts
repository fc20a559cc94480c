// A comparison's metrics as the HTML report tables them: the CLI summary's shape (summary-table.ts), a row
// per metric in its order and a column per run headed by the summary's name for it, so the report and the
// printed summary say the same thing in the same order. A row per run with a column per metric ran to 26
// columns, far wider than the page. The best return is marked as the app's comparison marks it
// (compare-matrix.ts: the highest return, the first of equals, in bold).
import { summaryLabels, summaryRows } from './summary-table.ts';

type Runs = Parameters<typeof summaryRows>[0];

export interface CompareTable {
  /** Each run's name, as the summary heads its column. */
  labels: string[];
  /** [metric, value per run...], as the summary prints them. */
  rows: string[][];
  /** The cell of the best return: its row in `rows` and its run; null when no run has a return to rank. */
  best: { row: number; run: number } | null;
}

export function compareTable(runs: Runs): CompareTable {
  const rows = summaryRows(runs);
  const row = rows.findIndex(([label]) => label === 'total return');
  let run = -1;
  runs.forEach((r, i) => {
    const v = r.metrics.totalReturnPct;
    if (Number.isFinite(v) && (run === -1 || v > runs[run]!.metrics.totalReturnPct)) run = i;
  });
  return { labels: summaryLabels(runs), rows, best: row === -1 || run === -1 ? null : { row, run } };
}
