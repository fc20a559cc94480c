// Whether a replay state belongs to a run the chart has not shown yet, so the chart must rewind to
// the run's history. A run is new when a replay starts from idle, switches series, or jumps back
// (started again). Both the start command's answer and the replay.state event pass through here;
// whichever comes first rewinds the chart, the other is recognised as the same run.
import type { ReplayState } from '../../../../shared/contract/schemas.ts';
import { sameSeries } from '../../lib/series-key.ts';

export function isNewRun(prev: ReplayState | null, next: ReplayState): boolean {
  if (next.series === null || next.status === 'idle') return false;
  if (prev === null || prev.series === null || prev.status === 'idle') return true;
  if (!sameSeries(prev.series, next.series)) return true;
  return next.index < prev.index;
}

/** The replay is running or holds a position the user can resume from. */
export function isActive(state: ReplayState | null): boolean {
  return state !== null && (state.status === 'playing' || state.status === 'paused');
}
