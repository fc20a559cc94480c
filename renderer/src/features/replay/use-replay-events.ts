// Follows the engine's replay.state events, including those caused by another window or tab.
import { useEffect } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import { applyReplayState } from './replay-actions.ts';

export function useReplayEvents(api: Api): void {
  useEffect(() => api.events['replay.state']((state) => applyReplayState(state)), [api]);
}
