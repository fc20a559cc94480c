// The trading chart's price axis, log or linear, as the user last set it from the toolbar: saved to
// localStorage on every change and read back at start, as the chosen indicators are (indicator-storage.ts).
import { create } from 'zustand';

export const SCALE_STORAGE_KEY = 'keel.chart.scale.v1';

export type PriceScaleKind = 'log' | 'linear';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** What was stored, or linear (a first start, or anything else: an older version, a hand edit). */
export function parseScale(text: string | null): PriceScaleKind {
  return text === 'log' ? 'log' : 'linear';
}

export function loadScale(storage: StorageLike | null): PriceScaleKind {
  try {
    return parseScale(storage?.getItem(SCALE_STORAGE_KEY) ?? null);
  } catch {
    // Storage can throw (disabled, sandboxed): the chart still works, it just forgets.
    return 'linear';
  }
}

export function saveScale(storage: StorageLike | null, scale: PriceScaleKind): void {
  try {
    storage?.setItem(SCALE_STORAGE_KEY, scale);
  } catch {
    // Full or disabled storage: keep going with what is on screen.
  }
}

const storage = typeof localStorage === 'undefined' ? null : localStorage;

export const useChartScale = create<{ scale: PriceScaleKind }>()(() => ({ scale: loadScale(storage) }));

export function setChartScale(scale: PriceScaleKind): void {
  useChartScale.setState({ scale });
  saveScale(storage, scale);
}
