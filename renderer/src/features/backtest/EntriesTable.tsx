// Above a run's trades, when its strategy tagged its entries more than one way: the closed trades by the
// tag of the order that opened them (entryTagBreakdown), each tag's count, win rate, P&L and profit factor,
// so a trader reads which reason to enter pays, as the reports' Entries by tag table does. The cells carry
// their exact values (data-value) for tests and copy, as the Sides table's do.
import { formatCount } from '../../lib/format.ts';
import { BreakdownCells, CLOSED_TRADE_COLUMNS, ProfitFactorCell } from './BreakdownCells.tsx';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';
import type { RunResult } from './backtest-store.ts';
import { entryTagRows } from './entry-tags-view.ts';

const COLUMNS: TableColumns = [['Entry tag', undefined, 'The tag the strategy gave the order that opened the trade'], ...CLOSED_TRADE_COLUMNS];

export function EntriesTable({ run }: { run: RunResult }) {
  const rows = entryTagRows(run);
  const cut = run.entryTagRows === undefined && run.trades.length < run.tradeCount;
  return (
    <div className="bt-entries">
      <table className="bt-table bt-entries-table" data-testid="bt-entries" aria-label="Closed trades by entry tag">
        <TableHead columns={COLUMNS} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.tag ?? ''} data-tag={r.tag ?? ''}>
              <td className={`bt-label${r.tag === null ? ' dim' : ''}`}>{r.tag ?? '(untagged)'}</td>
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
