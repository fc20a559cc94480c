// Recent fills, newest first, from the trading.fills answer and each trading.fill event (the two may
// overlap, so fills are kept once by id). Fills of another account than the one the commands act on are left out.
import { create } from 'zustand';
import type { Fill } from '../../../../shared/trading/orders.ts';
import { isOfActiveAccount } from '../orders/account-scope.ts';

/** Fills kept on screen; the journal holds them all (keel journal export). */
export const MAX_FILLS = 500;

interface FillsState {
  fills: readonly Fill[];
  loaded: boolean;
}

export const useFills = create<FillsState>()(() => ({ fills: [], loaded: false }));

export function applyFills(fills: readonly Fill[], { loaded = false } = {}): void {
  useFills.setState((s) => {
    const seen = new Set(s.fills.map((f) => f.id));
    const fresh = fills.filter((f) => !seen.has(f.id) && isOfActiveAccount(f));
    if (fresh.length === 0) return loaded && !s.loaded ? { loaded: true } : s;
    const all = [...fresh, ...s.fills].sort((a, b) => b.ts - a.ts || (b.id < a.id ? -1 : 1));
    return { fills: all.slice(0, MAX_FILLS), loaded: s.loaded || loaded };
  });
}
