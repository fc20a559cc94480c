// A strategy's ledger position as fresh as the screen has it: the positions store follows every price
// (trading.positions), while a strategy's own state comes with its bars and fills; the row shows the
// fresher one when the store holds that ledger (it holds only the account on screen, which is the one
// strategies run on: arming or disarming stops them).
import type { RunningStrategy } from '../../../../shared/contract/commands/strategy.ts';
import type { Position } from '../../../../shared/trading/orders.ts';

export type LedgerPosition = RunningStrategy['position'];

export function ledgerPosition(info: RunningStrategy, positions: readonly Position[]): LedgerPosition {
  const p = positions.find((x) => x.ledger === info.ledger && x.symbol === info.series.symbol);
  if (!p) return info.position;
  return { qty: p.qty, avgEntryPrice: p.avgEntryPrice, realizedPnl: p.realizedPnl, unrealizedPnl: p.unrealizedPnl, feesPaid: p.feesPaid, markPrice: p.markPrice };
}
