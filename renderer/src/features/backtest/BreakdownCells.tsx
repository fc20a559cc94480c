// The cells the Exits and Sides tables share for a group of trades: how many, how often they won, their
// total and average P&L and their average return, toned by sign, each with its exact value (data-value)
// for tests and copy.
import { formatCount, formatMoney } from '../../lib/format.ts';

const tone = (v: number) => (v > 0 ? 'tick-up' : v < 0 ? 'tick-down' : '');

export function BreakdownCells({ row }: { row: { trades: number; winRatePct: number; pnl: number; avgPnl: number; avgReturnPct: number } }) {
  return (
    <>
      <td data-field="trades" data-value={row.trades}>
        {formatCount(row.trades)}
      </td>
      <td data-field="winRatePct" data-value={row.winRatePct}>
        {row.winRatePct.toFixed(1)}%
      </td>
      <td data-field="pnl" data-value={row.pnl} className={tone(row.pnl)}>
        {formatMoney(row.pnl)}
      </td>
      <td data-field="avgPnl" data-value={row.avgPnl} className={tone(row.avgPnl)}>
        {formatMoney(row.avgPnl)}
      </td>
      <td data-field="avgReturnPct" data-value={row.avgReturnPct} className={tone(row.avgReturnPct)}>
        {row.avgReturnPct.toFixed(2)}%
      </td>
    </>
  );
}
