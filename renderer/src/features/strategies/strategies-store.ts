// The strategy panel's state: the catalog and its problems (files of the trader's own Keel could not load,
// saved strategies it did not start again), the strategies running (as the engine last described each),
// the start form, and the last thing to tell the user (a start, a stop and why, or what went wrong).
import { create } from 'zustand';
import type { RunningStrategy } from '../../../../shared/contract/commands/strategy.ts';
import { defaultStrategyDraft, type StrategyDraft, type StrategyInfo, type StrategyProblem } from './strategy-form.ts';

/** ok: all well; note: started, but waiting for its market (a paused replay, a source that is down), which is no fault; error: what to fix. */
export type StrategyMessage = { kind: 'ok' | 'note' | 'error'; text: string };

export interface StrategiesState {
  catalog: StrategyInfo[];
  problems: StrategyProblem[];
  running: RunningStrategy[];
  draft: StrategyDraft;
  message: StrategyMessage | null;
  busy: boolean;
}

export const useStrategies = create<StrategiesState>()(() => ({ catalog: [], problems: [], running: [], draft: defaultStrategyDraft(undefined), message: null, busy: false }));

/**
 * One strategy.state event into the list: a running one is added or replaced in place (oldest first), a
 * stopped one leaves it. Returns the list unchanged (same array) when the strategy was not listed and stopped.
 */
export function applyStrategyState(list: readonly RunningStrategy[], info: RunningStrategy): RunningStrategy[] {
  const i = list.findIndex((r) => r.id === info.id);
  if (info.status === 'stopped') return i === -1 ? (list as RunningStrategy[]) : list.filter((r) => r.id !== info.id);
  if (i === -1) return [...list, info].sort((a, b) => a.startedAt - b.startedAt);
  const next = list.slice();
  next[i] = info;
  return next;
}
