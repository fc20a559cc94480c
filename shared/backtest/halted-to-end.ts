// How much of a backtest the kill switch took when a drawdown breach (or a margin call) pulled it and it was
// never re-armed: by default only the trader re-arms after one, as in live trading, so the rest of the run
// has no new entry, and "18 trades over two years" would read as the strategy's doing. Both shells say so
// past a quarter of the run, each naming its own control to go on with (--rearm-after, the form's field).

/** A halt to the end over less of the run than this is left unremarked: the run was mostly traded. */
export const HALTED_SHARE_WORTH_A_HINT = 0.25;

export interface HaltedToEnd {
  /** When the switch was pulled for the last time, epoch ms. */
  from: number;
  /** The share of the run (0..1) from then to its end. */
  share: number;
}

/**
 * The last pull of the kill switch when it was never re-armed and took at least HALTED_SHARE_WORTH_A_HINT
 * of the run from `runFrom` (its first bar's open) to `runTo` (its last bar's close); else null.
 */
export function haltedToEnd(halts: readonly { from: number; to: number | null }[], runFrom: number, runTo: number): HaltedToEnd | null {
  const last = halts.at(-1);
  if (last === undefined || last.to !== null || !(runTo > runFrom)) return null;
  const share = (runTo - last.from) / (runTo - runFrom);
  return share >= HALTED_SHARE_WORTH_A_HINT ? { from: last.from, share } : null;
}

/** The common opening of both shells' hint: when, and how much of the run had no new entry. */
export function haltedToEndWords(h: HaltedToEnd): string {
  return `the kill switch stayed engaged from ${new Date(h.from).toISOString().slice(0, 10)} to the end, ${Math.round(h.share * 100)}% of the run without a new entry`;
}
