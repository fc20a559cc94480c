// The series stored in the journal, and the one the user is looking at.
import { create } from 'zustand';
import type { SeriesInfo } from '../../../../shared/contract/schemas.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';

interface SeriesState {
  /** null until market.series answered. */
  list: SeriesInfo[] | null;
  selected: SeriesKey | null;
}

export const useSeries = create<SeriesState>()(() => ({
  list: null,
  selected: null,
}));
