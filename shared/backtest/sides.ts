// A run's closed trades by side, long and short, as the reports show them beside each other when the run
// could short (keel backtest --direction short|both): how many, how often they won, what they made, and
// the profit factor of each side, so a trader sees which side carried the run. Sides without a closed
// trade are left out; the two rows add up to the run's closed trades and their P&L.

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
  return sideBreakdown(trades).map((r) => ({ ...r, profitFactor: Number.isFinite(r.profitFactor) ? r.profitFactor : null }));
}

export function sideBreakdown(trades: readonly { side: TradeSide; closed: boolean; pnl: number; returnPct: number }[]): SideRow[] {
  const rows: SideRow[] = [];
  for (const side of ['long', 'short'] as const) {
    let n = 0;
    let wins = 0;
    let won = 0;
    let lost = 0;
    let ret = 0;
    for (const t of trades) {
      if (t.side !== side || !t.closed) continue;
      n++;
      if (t.pnl > 0) {
        wins++;
        won += t.pnl;
      } else lost -= t.pnl;
      ret += t.returnPct;
    }
    if (n > 0) rows.push({ side, trades: n, winRatePct: (wins / n) * 100, pnl: won - lost, avgPnl: (won - lost) / n, avgReturnPct: ret / n, profitFactor: lost > 0 ? won / lost : won > 0 ? Infinity : Number.NaN });
  }
  return rows;
}
