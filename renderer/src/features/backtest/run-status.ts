// Where a run stands, in the words the runs table and the comparison's cells say it: "running 40%", and for a
// run cancelled partway how far it had got ("cancelled at 43%"). Kept in the journal since migration 014, so
// a run cancelled before it kept anything reads the same after a restart, not as a bare 0 like a run stuck
// at its start.
import type { RunSummary } from './backtest-store.ts';

/** "queued", "running 40%", "done", "failed", "cancelled at 43%"; "cancelled" alone when it got nowhere or how far is not known. */
export function statusWords(r: Pick<RunSummary, 'status' | 'progress'>): string {
  if (r.status === 'running') return `running ${Math.round(r.progress * 100)}%`;
  // Floored: a run stopped at 99.6% did not get to 100%.
  const got = Math.floor(r.progress * 100);
  if (r.status === 'cancelled' && got > 0 && r.progress < 1) return `cancelled at ${got}%`;
  return r.status;
}
