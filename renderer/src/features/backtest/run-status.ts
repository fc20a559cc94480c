// Where a run (or search) stands, in the words the runs table, the comparison's cells and the searches list
// say it: "running 40%", and for one cancelled partway how far it had got ("cancelled at 43%"). Kept in the
// journal since migration 014, so a run cancelled before it kept anything reads the same after a restart,
// not as a bare 0 like a run stuck at its start. One that Keel's closing cancelled says so in the row
// ("cancelled at 43%: Keel closed"): after a restart a trader wants to see why without hovering for it.
import { closedByKeel } from '../../../../shared/backtest/keel-closed.ts';
import type { RunSummary } from './backtest-store.ts';

/** What a row needs to say where its run or search stands: `error` is the reason a cancelled one ended (absent where not known). */
export type Standing = Pick<RunSummary, 'status' | 'progress'> & { error?: string | null };

/** "queued", "running 40%", "done", "failed", "cancelled at 43%"; "cancelled" alone when it got nowhere or how far is not known; ": Keel closed" after either when Keel's closing cancelled it. */
export function statusWords(r: Standing): string {
  if (r.status === 'running') return `running ${Math.round(r.progress * 100)}%`;
  // Floored: a run stopped at 99.6% did not get to 100%.
  const got = Math.floor(r.progress * 100);
  if (r.status !== 'cancelled') return r.status;
  return withCloseReason(got > 0 && r.progress < 1 ? `cancelled at ${got}%` : 'cancelled', r);
}

/** `words` (how far a cancelled job got) with ": Keel closed" when Keel's closing cancelled it, not the trader. */
export function withCloseReason(words: string, r: Pick<Standing, 'status' | 'error'>): string {
  return r.status === 'cancelled' && closedByKeel(r.error) ? `${words}: Keel closed` : words;
}
