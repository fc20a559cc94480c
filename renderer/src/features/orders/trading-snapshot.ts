// What the chart needs to draw trading on the price chart (order lines, entry lines, fill arrows), in the
// shapes features/chart/trades/ already takes: open orders by id, positions, and fills oldest first.
// The chart can read these instead of keeping a second copy of the same engine state.
import { useMemo } from 'react';
import type { Fill, Order, Position } from '../../../../shared/trading/orders.ts';
import { useFills } from '../fills/fills-store.ts';
import { usePositions } from '../positions/positions-store.ts';
import { useOrders } from './orders-store.ts';

export interface TradingSnapshot {
  /** Open orders by id (a new Map whenever one changes). */
  orders: ReadonlyMap<string, Order>;
  positions: readonly Position[];
  /** Oldest first. */
  fills: readonly Fill[];
}

let lastFills: readonly Fill[] | null = null;
let lastOldestFirst: readonly Fill[] = [];

/** The fills store keeps newest first for the table; the chart walks them oldest first (same array while unchanged). */
export function oldestFirst(fills: readonly Fill[]): readonly Fill[] {
  if (fills !== lastFills) {
    lastFills = fills;
    lastOldestFirst = [...fills].reverse();
  }
  return lastOldestFirst;
}

/** Open orders, positions and fills; a new object only when one of them changed. */
export function useTradingSnapshot(): TradingSnapshot {
  const orders = useOrders((s) => s.open);
  const positions = usePositions((s) => s.positions);
  const fills = useFills((s) => oldestFirst(s.fills));
  return useMemo(() => ({ orders, positions, fills }), [orders, positions, fills]);
}
