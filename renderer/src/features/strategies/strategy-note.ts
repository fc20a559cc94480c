// The note a strategy's row shows: its latest, unless a later change of state has made it untrue. Notes are
// kept as they were written, so a refusal by a block that has since lifted (a loss-streak cooldown over, a
// kill switch re-armed) or given way to another (a cooldown overtaken by a kill-switch halt) would go on
// saying "resume at 19:51" on a row that is running, or halted for another reason. Which rule refused is
// the row's `refusedBy`, and which block halts it now its `haltedBy`, both as the engine said them: a note
// that only quotes a block's words (a strategy's own, another rule's) is not taken for one, and a status
// worded otherwise is still the block it names. Such a note gives way to the block in force, or to its end.
import type { RunningStrategy, StrategyHaltKind } from '../../../../shared/contract/commands/strategy.ts';

/** What each block's end is called, by the risk rule that refuses every entry while it lasts. */
const OVER: Readonly<Record<StrategyHaltKind, string>> = {
  'loss-streak-cooldown': 'the loss-streak cooldown is over',
  'kill-switch': 'the kill switch was re-armed',
  'circuit-breaker': 'the circuit breaker closed',
};

const isBlock = (rule: string): rule is StrategyHaltKind => Object.hasOwn(OVER, rule);

/** Halted: its status says so, or a failing one's block still holds (strategy-status.ts says the failure first). */
export const isHalted = (r: Pick<RunningStrategy, 'status' | 'haltedBy'> | undefined): boolean => r !== undefined && (r.status === 'halted' || (r.haltedBy ?? null) !== null);

export function rowNote(r: Pick<RunningStrategy, 'notes' | 'status' | 'statusText' | 'refusedBy' | 'haltedBy'>): string {
  const last = r.notes.at(-1);
  if (last === undefined) return '';
  const by = r.refusedBy ?? null;
  if (by === null || !isBlock(by)) return last;
  // Absent haltedBy (an older engine): no block vouched for, so a halted row shows its status.
  if (isHalted(r)) return r.haltedBy === by ? last : r.statusText;
  return `${OVER[by]}: new entries pass again`;
}
