// Positions per symbol and ledger, and the account (mode, equity, cash, P&L), as the engine last sent
// them. Both arrive whole (answers and events alike), so the newest snapshot simply replaces the last;
// a snapshot of another account than the one the commands act on is left out.
import { create } from 'zustand';
import type { Account, Position, Positions } from '../../../../shared/trading/orders.ts';
import { isOfActiveAccount } from '../orders/account-scope.ts';

interface PositionsState {
  positions: readonly Position[];
  account: Account | null;
  /** An event has arrived: a trading.positions answer that was asked for earlier is older and is dropped. */
  positionsLive: boolean;
  accountLive: boolean;
}

export const usePositions = create<PositionsState>()(() => ({ positions: [], account: null, positionsLive: false, accountLive: false }));

export function applyPositions(snapshot: Positions, from: 'event' | 'answer'): void {
  if (!isOfActiveAccount(snapshot)) return;
  if (from === 'answer' && usePositions.getState().positionsLive) return;
  usePositions.setState({ positions: snapshot.positions, positionsLive: usePositions.getState().positionsLive || from === 'event' });
}

export function applyAccount(account: Account, from: 'event' | 'answer'): void {
  const s = usePositions.getState();
  if (!isOfActiveAccount(account)) return;
  if (from === 'answer' && s.accountLive) return;
  usePositions.setState({ account, accountLive: s.accountLive || from === 'event' });
}

/** The quote asset's free cash, or null before the account is known. */
export function cashOf(account: Account | null): string | null {
  if (!account) return null;
  return account.balances.find((b) => b.asset === account.quoteAsset)?.free ?? '0';
}

/** Positions with something held, then flat ones that still carry realized P&L; by symbol, then ledger. */
export function positionRows(positions: readonly Position[]): Position[] {
  const held = (p: Position) => !isFlat(p);
  return [...positions].sort((a, b) => Number(held(b)) - Number(held(a)) || a.symbol.localeCompare(b.symbol) || ledgerRank(a.ledger) - ledgerRank(b.ledger) || a.ledger.localeCompare(b.ledger));
}

function ledgerRank(ledger: string): number {
  return ledger === 'user' ? 0 : ledger === 'ai' ? 2 : 1;
}

export function isFlat(p: Position): boolean {
  return /^-?0(\.0+)?$/.test(p.qty);
}
