// A run's closed trades by side, long and short, as the reports show them beside each other when the run
// could short (keel backtest --direction short|both): how many, how often they won, what they made, and
// the profit factor of each side, so a trader sees which side carried the run. Sides without a closed
// trade are left out; the two rows add up to the run's closed trades and their P&L.

import { factorJson, groupStats } from './trade-group.ts';

export type TradeSide = 'long' | 'short';

export interface SideRow {
  side: TradeSide;
  trades: number;
  winRatePct: number;
  /** Net of fees, quote asset. */
  pnl: number;
  avgPnl: number;
  avgReturnPct: number;
  /** Gross profit over gross loss; Infinity without a losing trade (JSON: null). */
  profitFactor: number;
}

/** A SideRow as JSON carries it (the bridge, `--json`): a profit factor without a losing trade is null. */
export type SideRowJson = Omit<SideRow, 'profitFactor'> & { profitFactor: number | null };

/** sideBreakdown with its profit factors made JSON-safe. */
export function sideRowsJson(trades: Parameters<typeof sideBreakdown>[0]): SideRowJson[] {
  return sideBreakdown(trades).map((r) => ({ ...r, profitFactor: factorJson(r.profitFactor) }));
}

export function sideBreakdown(trades: readonly { side: TradeSide; closed: boolean; pnl: number; returnPct: number }[]): SideRow[] {
  const rows: SideRow[] = [];
  for (const side of ['long', 'short'] as const) {
    const stats = groupStats(trades, (t) => t.side === side);
    if (stats) rows.push({ side, ...stats });
  }
  return rows;
}
