// The note when a run's equity went below zero. A long on a spot account cannot lose more than it put in,
// and a short on the margin account is closed by a margin call when the margin level reaches 1.1
// (margin-call.ts), with a tenth of what it owes still covered. But the level is checked at bar closes (or
// detail bars' closes) and the call's buy-back fills at the next open: a price that jumps past the call
// between two checks is bought back above what the account holds, and the run ends in debt. A margin venue
// liquidates such a position on its own engine, charges a liquidation fee and covers the shortfall from its
// insurance fund; Keel models none of it, so the figures past a total loss (a return below −100%, a
// drawdown above 100%) are the fills' arithmetic, not what an account could lose. The notes say so, with
// when it happened and by how much, rather than leave a negative final equity unexplained.
import { enNumber } from '../../shared/domain/en-number.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

/**
 * The note, or null while the equity stayed at or above zero. `t`: bar open times; `equity`: at each bar's
 * close; `asset`: what the account counts in (accountQuote).
 */
export function belowZeroNote(run: { t: ArrayLike<number>; equity: ArrayLike<number>; barMs: number }, asset: string): string | null {
  const { t, equity, barMs } = run;
  const n = equity.length;
  let first = -1;
  let lowest = -1;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (!(e < 0)) continue;
    if (first < 0) first = i;
    if (lowest < 0 || e < equity[lowest]!) lowest = i;
  }
  if (first < 0) return null;
  const money = (v: number) => `${enNumber(v, 2, 2)} ${asset}`;
  const at = (i: number) => isoTime(t[i]! + barMs);
  const parts: string[] = [];
  if (lowest !== first) parts.push(`the lowest ${money(equity[lowest]!)} ${lowest === n - 1 ? 'at the end' : `at ${at(lowest)}`}`);
  // The end's figure, unless it is the one just named (a flat equity after the call: the same figure twice).
  if (n - 1 !== first && n - 1 !== lowest && equity[n - 1] !== equity[lowest]) parts.push(`${money(equity[n - 1]!)} at the end`);
  return (
    `the equity went below zero at ${at(first)} (${money(equity[first]!)}${parts.length ? `; ${parts.join(', ')}` : ''}): ` +
    "the price moved past the margin call level between two checks (bar closes, or with --detail the finer bars' closes), so a short lost more than the account held before the call could buy it back at the next open, where a margin venue would have liquidated it on its own engine; " +
    "Keel does not model liquidation fees or the exchange's insurance fund, which covers such a shortfall, so a return below −100% and a drawdown above 100% are the fills' arithmetic, not a loss an account could take"
  );
}
