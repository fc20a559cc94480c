// Above a run's trades, when it had a stop-loss or take-profit (or a trade ended at one): its trades by why
// they ended (exitBreakdown: the strategy's signal, split by the tags it gave its exits, the stop-loss, the
// take-profit, still open at the end),
// each reason's count, win rate and P&L, so a trader reads whether the stop cut losers or only cut trades
// short. Each reason has its colour, as in the Exit column and the run-up and drawdown plot. The cells
// carry their exact values (data-value) for tests and copy, as the runs table's do.
import { exitBreakdown, exitRowLabel } from '../../../../shared/backtest/run-exits.ts';
import { formatCount } from '../../lib/format.ts';
import { BreakdownCells } from './BreakdownCells.tsx';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';
import type { RunResult } from './backtest-store.ts';
import { EXIT_COLORS } from './run-colors.ts';

const COLUMNS: TableColumns = [['Exit'], ['Trades'], ['Win rate', undefined, 'Trades with a P&L above 0'], ['Total P&L', undefined, 'Net of fees'], ['Avg P&L'], ['Avg return', undefined, "Mean of the trades' returns"]];

export function ExitsTable({ run }: { run: RunResult }) {
  // Over every trade when the engine counted them (the list below is cut after the first ones); a run
  // stored before that counts the trades it was sent, and says so when they are not all of them.
  const rows = run.exitRows ?? exitBreakdown(run.trades);
  const cut = run.exitRows === undefined && run.trades.length < run.tradeCount;
  return (
    <div className="bt-exits">
      <table className="bt-table bt-exits-table" data-testid="bt-exits" aria-label="Trades by why they ended">
        <TableHead columns={COLUMNS} />
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.reason}:${r.tag ?? ''}`} data-reason={r.reason} data-tag={r.tag ?? ''}>
              <td className="bt-label">
                <i className="bt-exit-swatch" style={{ background: EXIT_COLORS[r.reason] }} />
                {exitRowLabel(r)}
              </td>
              <BreakdownCells row={r} />
            </tr>
          ))}
        </tbody>
      </table>
      {cut && <p className="bt-hint">Of the first {formatCount(run.trades.length)} trades listed below.</p>}
    </div>
  );
}
