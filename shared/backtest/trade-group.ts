// The figures the reports give for a group of closed trades (one side, one entry tag): how many, how
// often they won, what they made in all and on average, and their profit factor. One loop, so the Sides
// and Entries tables count a trade the same way.

export interface GroupStats {
  trades: number;
  /** Share with a P&L above 0, percent. */
  winRatePct: number;
  /** Net of fees, quote asset. */
  pnl: number;
  avgPnl: number;
  /** Mean of the trades' returns, percent. */
  avgReturnPct: number;
  /** Gross profit over gross loss; Infinity without a losing trade, NaN without a trade that won or lost. */
  profitFactor: number;
}

/** The figures of the closed trades `picks` takes (open ones are left out); null when it picks none. */
export function groupStats<T extends { closed: boolean; pnl: number; returnPct: number }>(trades: readonly T[], picks: (t: T) => boolean): GroupStats | null {
  let n = 0;
  let wins = 0;
  let won = 0;
  let lost = 0;
  let ret = 0;
  for (const t of trades) {
    if (!t.closed || !picks(t)) continue;
    n++;
    if (t.pnl > 0) {
      wins++;
      won += t.pnl;
    } else lost -= t.pnl;
    ret += t.returnPct;
  }
  if (n === 0) return null;
  return { trades: n, winRatePct: (wins / n) * 100, pnl: won - lost, avgPnl: (won - lost) / n, avgReturnPct: ret / n, profitFactor: lost > 0 ? won / lost : won > 0 ? Infinity : Number.NaN };
}

/** A profit factor as JSON carries it: null for the infinite one of a group without a losing trade (and NaN). */
export const factorJson = (v: number): number | null => (Number.isFinite(v) ? v : null);
