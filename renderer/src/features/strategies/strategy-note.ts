// The note a strategy's row shows: its latest, unless a later change of state has made it untrue. Notes are
// kept as they were written, so a refusal by a block that has since lifted (a loss-streak cooldown over, a
// kill switch re-armed) or given way to another (a cooldown overtaken by a kill-switch halt) would go on
// saying "resume at 19:51" on a row that is running, or halted for another reason. The status is the
// service's present word on it, so such a note gives way to the block in force, or to its end. Which rule
// refused is the row's `refusedBy`, as the engine said it: a note that only quotes a block's words (a
// strategy's own, another rule's) is not taken for one.
import type { RunningStrategy } from '../../../../shared/contract/commands/strategy.ts';

/** The risk rules that refuse every entry while a state lasts; the words of the status while it does; what its end is called. */
const BLOCKS: readonly { rule: string; status: string; over: string }[] = [
  { rule: 'loss-streak-cooldown', status: 'halted: cooling down', over: 'the loss-streak cooldown is over' },
  { rule: 'kill-switch', status: 'halted: kill switch', over: 'the kill switch was re-armed' },
  { rule: 'circuit-breaker', status: 'halted: circuit breaker', over: 'the circuit breaker closed' },
];

export function rowNote(r: Pick<RunningStrategy, 'notes' | 'status' | 'statusText' | 'refusedBy'>): string {
  const last = r.notes.at(-1);
  if (last === undefined) return '';
  const by = r.refusedBy ?? null;
  const block = by === null ? undefined : BLOCKS.find((b) => b.rule === by);
  if (!block || r.statusText.startsWith(block.status)) return last;
  if (r.status === 'halted') return r.statusText;
  return `${block.over}: new entries pass again`;
}
