// The trade list's order: as the trades happened, or by a column a header click chose (P&L to find the
// worst trades, Held to find the longest, Drawdown to find the ones that went furthest against the run).
// A first click sorts largest first, a second smallest first, a third goes back to the trades' order.
import type { RunTrade } from './backtest-store.ts';

export type TradeSortKey = 'held' | 'pnl' | 'returnPct' | 'runUpPct' | 'drawdownPct';
export type TradeSort = { key: TradeSortKey; dir: 'desc' | 'asc' } | null;

const value: Record<TradeSortKey, (t: RunTrade) => number | undefined> = {
  held: (t) => t.exitTs - t.entryTs,
  pnl: (t) => t.pnl,
  returnPct: (t) => t.returnPct,
  runUpPct: (t) => t.runUpPct,
  drawdownPct: (t) => t.drawdownPct,
};

/** The next order after a click on `key`'s header. */
export function nextSort(current: TradeSort, key: TradeSortKey): TradeSort {
  if (current?.key !== key) return { key, dir: 'desc' };
  return current.dir === 'desc' ? { key, dir: 'asc' } : null;
}

/**
 * The trades' indices in the chosen order; ties (and trades without the figure, a run stored before it
 * was measured: last either way) keep the trades' order.
 */
export function sortedTrades(trades: readonly RunTrade[], sort: TradeSort): number[] {
  const order = trades.map((_, i) => i);
  if (!sort) return order;
  const of = value[sort.key];
  const sign = sort.dir === 'desc' ? -1 : 1;
  return order.sort((a, b) => {
    const x = of(trades[a]!);
    const y = of(trades[b]!);
    if (x === undefined || y === undefined) return x === y ? a - b : x === undefined ? 1 : -1;
    return (x - y) * sign || a - b;
  });
}
