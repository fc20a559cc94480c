// Sizing a bracket's children. A bracket is an entry plus a stop-loss and take-profits on the other side,
// one-cancels-other: together they may never close more than the entry opened.
//
// - The children exist only for what the entry has filled: they grow as it fills.
// - The stop covers everything still open: entry filled − everything the children filled.
// - Take-profit i covers its fraction of the entry's fill (down to the step), less what it already filled;
//   when the open amount is smaller than the targets together (the stop or another target took some), the
//   farthest targets shrink first.
// - Nothing open: every child still working is cancelled.
import { decFromNumber, floorTo, mul, type Dec } from '../../shared/trading/decimal.ts';

export interface BracketPlan {
  /** Entry filled − children filled. */
  open: Dec;
  /** What the stop should still have working. */
  stop: Dec;
  /** What each take-profit should still have working, in the bracket's order. */
  takeProfits: Dec[];
}

export function planBracket(entryFilled: Dec, childrenFilled: Dec, tpFractions: readonly number[], tpFilled: readonly Dec[], step: Dec): BracketPlan {
  let open = entryFilled - childrenFilled;
  if (open < 0n) open = 0n;
  const takeProfits = tpFractions.map((f, i) => {
    const target = floorTo(mul(entryFilled, decFromNumber(f)), step);
    const left = target - (tpFilled[i] ?? 0n);
    return left > 0n ? left : 0n;
  });
  let excess = takeProfits.reduce((a, b) => a + b, 0n) - open;
  for (let i = takeProfits.length - 1; i >= 0 && excess > 0n; i--) {
    const cut = takeProfits[i]! < excess ? takeProfits[i]! : excess;
    takeProfits[i] = takeProfits[i]! - cut;
    excess -= cut;
  }
  return { open, stop: open, takeProfits };
}
