// The indicators on the chart, as the user chose them: added and removed from the menu, parameters
// changed in place, and saved to localStorage on every change.
import { create } from 'zustand';
import { loadIndicators, MAX_INDICATORS, newInstance, saveIndicators } from './indicator-storage.ts';
import type { IndicatorInstance, IndicatorKind, Params } from './indicator-types.ts';

const storage = typeof localStorage === 'undefined' ? null : localStorage;

interface IndicatorState {
  list: IndicatorInstance[];
}

export const useIndicators = create<IndicatorState>()(() => ({ list: loadIndicators(storage) }));

function commit(list: IndicatorInstance[]): void {
  useIndicators.setState({ list });
  saveIndicators(storage, list);
}

/** Adds an indicator; returns false when the chart already holds the most it keeps. */
export function addIndicator(kind: IndicatorKind, params: Params): boolean {
  const { list } = useIndicators.getState();
  if (list.length >= MAX_INDICATORS) return false;
  commit([...list, newInstance(kind, params, list)]);
  return true;
}

export function removeIndicator(id: string): void {
  commit(useIndicators.getState().list.filter((i) => i.id !== id));
}

export function updateIndicator(id: string, params: Params): void {
  commit(useIndicators.getState().list.map((i) => (i.id === id ? { ...i, params: { ...params } } : i)));
}

/** Replaces the whole set (the benchmark's hook uses it). */
export function setIndicators(list: IndicatorInstance[]): void {
  commit(list);
}
