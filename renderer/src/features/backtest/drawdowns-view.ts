// The Drawdowns tab's cells, apart from React: each as `keel backtest`'s "Worst drawdowns" table prints it
// (report-extras.ts), the depth a positive percent as the max drawdown is, grouped as every figure is.
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { holdTimeText } from '../../../../shared/backtest/hold-time.ts';
import type { DrawdownPeriod } from '../../../../shared/contract/commands/backtest.ts';
import { tradeTime } from './trade-view.ts';

/** What the list says of a drawdown that had not recovered by the end of the run. */
export const NOT_RECOVERED = 'not recovered';

/** A drawdown's row (`i`: its place, deepest first, from 0): number, peak, trough, recovered, depth, length. */
export function drawdownCells(p: DrawdownPeriod, i: number): [n: string, peak: string, trough: string, recovered: string, depth: string, length: string] {
  return [String(i + 1), tradeTime(p.peakTs), tradeTime(p.troughTs), p.recoveredTs === null ? NOT_RECOVERED : tradeTime(p.recoveredTs), pctText(p.depthPct), holdTimeText(p.days)];
}
