// A run's closed trades in groups (by side, by entry tag), one row each: its label, then how many, how
// often they won, what they made and their profit factor, each cell with its exact value (data-value) for
// tests and copy. Under it, for a run stored before the engine counted the groups over every trade, a
// hint that the rows count only the trades listed.
import { formatCount } from '../../lib/format.ts';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';
import { BreakdownCells, CLOSED_TRADE_COLUMNS, ProfitFactorCell } from './BreakdownCells.tsx';

export interface ClosedTradeGroup {
  key: string;
  /** The row's data attribute (data-side="long", data-tag="breakout"). */
  attr: Record<string, string>;
  label: string;
  labelClass: string;
  stats: { trades: number; winRatePct: number; pnl: number; avgPnl: number; avgReturnPct: number; profitFactor: number | null };
}

export interface ClosedTradesTableProps {
  /** The class and test id suffix: "sides" gives bt-sides, bt-sides-table and data-testid="bt-sides". */
  name: string;
  ariaLabel: string;
  /** The label column's head. */
  head: TableColumns[number];
  groups: readonly ClosedTradeGroup[];
  /** The trades listed when the rows count only them (a run stored before the engine counted), else null. */
  listedOnly: number | null;
}

export function ClosedTradesTable({ name, ariaLabel, head, groups, listedOnly }: ClosedTradesTableProps) {
  const columns: TableColumns = [head, ...CLOSED_TRADE_COLUMNS];
  return (
    <div className={`bt-${name}`}>
      <table className={`bt-table bt-${name}-table`} data-testid={`bt-${name}`} aria-label={ariaLabel}>
        <TableHead columns={columns} />
        <tbody>
          {groups.length === 0 && (
            <tr className={`bt-${name}-none`}>
              <td colSpan={columns.length}>No closed trade yet.</td>
            </tr>
          )}
          {groups.map((g) => (
            <tr key={g.key} {...g.attr}>
              <td className={g.labelClass}>{g.label}</td>
              <BreakdownCells row={g.stats} />
              <ProfitFactorCell row={g.stats} />
            </tr>
          ))}
        </tbody>
      </table>
      {listedOnly !== null && <p className="bt-hint">Of the first {formatCount(listedOnly)} trades listed below.</p>}
    </div>
  );
}
