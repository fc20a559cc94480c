// A run's closed trades by side, long and short, as the reports show them beside each other when the run
// could short (keel backtest --direction short|both): how many, how often they won, what they made, and
// the profit factor of each side, so a trader sees which side carried the run. Sides without a closed
// trade are left out; the two rows add up to the run's closed trades and their P&L.

import { factorJson, groupStats, type GroupStats } from './trade-group.ts';

export type TradeSide = 'long' | 'short';

/** A side's closed trades: how many, how often they won, what they made, and their profit factor (GroupStats). */
export interface SideRow extends GroupStats {
  side: TradeSide;
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

/**
 * Whether grouping the closed trades by `tagOf` gives exactly their sides, each tag one side and each side
 * one tag (a strategy trading both ways, entering longs on "cross up" and shorts on "cross down"): a table
 * by those tags would repeat the Sides table row for row, so the reports leave it out.
 */
export function tagsAreSides<T extends { side?: TradeSide | undefined; closed: boolean }>(trades: readonly T[], tagOf: (t: T) => string | null): boolean {
  const sideOfTag = new Map<string | null, TradeSide | undefined>();
  const tagOfSide = new Map<TradeSide | undefined, string | null>();
  for (const t of trades) {
    if (!t.closed) continue;
    const tag = tagOf(t);
    if (sideOfTag.has(tag) && sideOfTag.get(tag) !== t.side) return false;
    if (tagOfSide.has(t.side) && tagOfSide.get(t.side) !== tag) return false;
    sideOfTag.set(tag, t.side);
    tagOfSide.set(t.side, tag);
  }
  return sideOfTag.size > 1;
}

