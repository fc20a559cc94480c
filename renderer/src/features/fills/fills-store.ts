// Fills, newest first by (time, id), from the trading.fills answers (the newest page, then each older page
// the trader loads) and each trading.fill event (answers and events may overlap, so fills are kept once by
// id). Fills of another account than the one the commands act on are left out.
import { create } from 'zustand';
import type { Fill } from '../../../../shared/trading/orders.ts';
import { isOfActiveAccount } from '../orders/account-scope.ts';

/** Fills kept on screen before the trader loads older ones; the journal holds them all (keel journal export). */
export const MAX_FILLS = 500;

export interface FillsState {
  fills: readonly Fill[];
  loaded: boolean;
  /** Whether the journal may hold fills older than the oldest shown ("Load older" is offered). */
  olderLeft: boolean;
  loadingOlder: boolean;
  /** How many are kept: MAX_FILLS, or all the trader loaded (older pages are not dropped again). */
  keep: number;
}

const EMPTY: FillsState = { fills: [], loaded: false, olderLeft: false, loadingOlder: false, keep: MAX_FILLS };

export const useFills = create<FillsState>()(() => EMPTY);

/** Another account: nothing of the last one stays. */
export function clearFills(): void {
  useFills.setState(EMPTY);
}

const newestFirst = (a: Fill, b: Fill) => b.ts - a.ts || (b.id < a.id ? -1 : 1);

/**
 * Takes in fills. `pageSize`: they are a trading.fills answer of that limit (a short page means none are
 * older); `older`: a page the trader asked for below the oldest shown, kept however many that makes.
 */
export function applyFills(fills: readonly Fill[], { loaded = false, pageSize, older = false }: { loaded?: boolean; pageSize?: number; older?: boolean } = {}): void {
  useFills.setState((s) => {
    const seen = new Set(s.fills.map((f) => f.id));
    const fresh = fills.filter((f) => !seen.has(f.id) && isOfActiveAccount(f));
    const olderLeft = pageSize === undefined ? s.olderLeft : fills.length >= pageSize;
    if (fresh.length === 0) return (loaded && !s.loaded) || olderLeft !== s.olderLeft ? { loaded: s.loaded || loaded, olderLeft } : s;
    const all = [...fresh, ...s.fills].sort(newestFirst);
    const keep = older ? Math.max(s.keep, all.length) : s.keep;
    // Dropping the oldest makes them loadable again.
    return { fills: all.slice(0, keep), loaded: s.loaded || loaded, olderLeft: olderLeft || all.length > keep, keep };
  });
}
