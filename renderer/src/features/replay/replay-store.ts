// The engine's replay as last reported, the speed the user picked, and whether a command is on its way.
import { create } from 'zustand';
import type { ReplayState } from '../../../../shared/contract/schemas.ts';
import { DEFAULT_SPEED, type ReplaySpeed } from './speeds.ts';

interface ReplayStoreState {
  /** null until replay.state answered. */
  state: ReplayState | null;
  speed: ReplaySpeed;
  /** A replay command is in flight; the controls wait for its answer. */
  busy: boolean;
}

export const useReplay = create<ReplayStoreState>()(() => ({
  state: null,
  speed: DEFAULT_SPEED,
  busy: false,
}));
