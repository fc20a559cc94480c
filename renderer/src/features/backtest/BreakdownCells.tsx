// The cells the Exits, Sides and Entries tables share for a group of trades: how many, how often they won,
// their total and average P&L and their average return, toned by sign, each with its exact value
// (data-value) for tests and copy; and the head and cell of the profit factor the closed-trade tables add.
import type { TableColumns } from '../../app/TableHead.tsx';
import { groupCells, type GroupFigures } from '../../../../shared/backtest/figure-text.ts';
import { profitFactorText } from './direction-view.ts';

/** The heads of a closed-trade table's figures, after its label's: the cells below and the profit factor. */
export const CLOSED_TRADE_COLUMNS: TableColumns = [
  ['Trades', undefined, 'Closed trades'],
  ['Win rate', undefined, 'Trades with a P&L above 0'],
  ['Total P&L', undefined, 'Net of fees'],
  ['Avg P&L'],
  ['Avg return', undefined, "Mean of the trades' returns"],
  ['Profit factor', undefined, 'Gross profit over gross loss (∞: no losing trade)'],
];

export function ProfitFactorCell({ row }: { row: { profitFactor: number | null; winRatePct: number } }) {
  return (
    <td data-field="profitFactor" data-value={row.profitFactor ?? ''}>
      {profitFactorText(row)}
    </td>
  );
}

const tone = (v: number) => (v > 0 ? 'tick-up' : v < 0 ? 'tick-down' : '');

export function BreakdownCells({ row }: { row: GroupFigures }) {
  // The texts keel backtest's Exits, Sides and Entries tables print for the same group (figure-text.ts).
  const [trades, winRate, pnl, avgPnl, avgReturn] = groupCells(row);
  return (
    <>
      <td data-field="trades" data-value={row.trades}>
        {trades}
      </td>
      <td data-field="winRatePct" data-value={row.winRatePct}>
        {winRate}
      </td>
      <td data-field="pnl" data-value={row.pnl} className={tone(row.pnl)}>
        {pnl}
      </td>
      <td data-field="avgPnl" data-value={row.avgPnl} className={tone(row.avgPnl)}>
        {avgPnl}
      </td>
      <td data-field="avgReturnPct" data-value={row.avgReturnPct} className={tone(row.avgReturnPct)}>
        {avgReturn}
      </td>
    </>
  );
}
