// Above a run's trades, when it could short (or shorted): its closed trades by side (sideBreakdown: long
// and short), each side's count, win rate, P&L and profit factor, so a trader reads which side carried the
// run, as the reports' Sides table does. The cells carry their exact values (data-value) for tests and copy,
// as the Exits table's do.
import { formatCount } from '../../lib/format.ts';
import { BreakdownCells, CLOSED_TRADE_COLUMNS, ProfitFactorCell } from './BreakdownCells.tsx';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';
import type { RunResult } from './backtest-store.ts';
import { sideRows } from './direction-view.ts';

const COLUMNS: TableColumns = [['Side'], ...CLOSED_TRADE_COLUMNS];

export function SidesTable({ run }: { run: RunResult }) {
  // Over every closed trade when the engine counted them (the list below is cut after the first ones); a run
  // stored before that counts the trades it was sent, and says so when they are not all of them.
  const rows = sideRows(run);
  const cut = run.sideRows === undefined && run.trades.length < run.tradeCount;
  return (
    <div className="bt-sides">
      <table className="bt-table bt-sides-table" data-testid="bt-sides" aria-label="Closed trades by side">
        <TableHead columns={COLUMNS} />
        <tbody>
          {rows.length === 0 && (
            <tr className="bt-sides-none">
              <td colSpan={COLUMNS.length}>No closed trade yet.</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.side} data-side={r.side}>
              <td className={`bt-label bt-side-${r.side}`}>{r.side}</td>
              <BreakdownCells row={r} />
              <ProfitFactorCell row={r} />
            </tr>
          ))}
        </tbody>
      </table>
      {cut && <p className="bt-hint">Of the first {formatCount(run.trades.length)} trades listed below.</p>}
    </div>
  );
}
