// The engine's replay as last reported, the speed the user picked, and whether a command is on its way.
import { create } from 'zustand';
import type { ReplayState } from '../../../../shared/contract/schemas.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { DEFAULT_SPEED, type ReplaySpeed } from './speeds.ts';

interface ReplayStoreState {
  /** null until replay.state answered. */
  state: ReplayState | null;
  speed: ReplaySpeed;
  /** A replay command is in flight; the controls wait for its answer. */
  busy: boolean;
  /** The stored series the last replay played: Replay after Stop plays it again (Stop goes back to the simulated market, which has none). */
  lastSeries: SeriesKey | null;
}

export const useReplay = create<ReplayStoreState>()(() => ({
  state: null,
  speed: DEFAULT_SPEED,
  busy: false,
  lastSeries: null,
}));
