// A strategy's ledger position as fresh as the screen has it: the positions store follows every price
// (trading.positions), while a strategy's own state comes with its bars and fills; the row shows the
// fresher one when the store holds that ledger (it holds only the account on screen, which is the one
// strategies run on: arming or disarming stops them).
import type { RunningStrategy } from '../../../../shared/contract/commands/strategy.ts';
import type { Position } from '../../../../shared/trading/orders.ts';
import { dec, format } from '../../../../shared/trading/decimal.ts';
import { fixed, signedFixed } from '../orders/decimal-text.ts';

export type LedgerPosition = RunningStrategy['position'];

export function ledgerPosition(info: RunningStrategy, positions: readonly Position[]): LedgerPosition {
  const p = positions.find((x) => x.ledger === info.ledger && x.symbol === info.series.symbol);
  if (!p) return info.position;
  return { qty: p.qty, avgEntryPrice: p.avgEntryPrice, realizedPnl: p.realizedPnl, unrealizedPnl: p.unrealizedPnl, feesPaid: p.feesPaid, markPrice: p.markPrice };
}

/**
 * What its closed trades made after their fees: the backtest's P&L of a trade has its fees in, so a paper
 * run of the same strategy reads against it (the ledger's realized P&L is on the prices alone, its fees
 * apart; with a fill or two a bar, fees are most of what a fast strategy loses). Its title gives both parts.
 */
export function netRealized(p: Pick<LedgerPosition, 'realizedPnl' | 'feesPaid'>): { text: string; value: string; title: string } {
  const value = format(dec(p.realizedPnl) - dec(p.feesPaid));
  return { text: signedFixed(value, 2), value, title: `${fixed(p.realizedPnl, 2)} realized on the prices less ${fixed(p.feesPaid, 2)} of fees (an open position's entry fee too: it is paid)` };
}
