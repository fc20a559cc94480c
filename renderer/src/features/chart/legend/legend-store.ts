// The legend the chart shows, rebuilt by the feed when the crosshair moves or the bars change, and
// where each indicator pane starts (so its legend sits at the pane's top-left corner).
import { create } from 'zustand';
import { EMPTY_LEGEND, type LegendModel } from './legend-format.ts';

interface LegendState {
  model: LegendModel;
  /** Pane indicator id → pixels from the chart's top edge. */
  paneTops: ReadonlyMap<string, number>;
}

export const useLegend = create<LegendState>()(() => ({ model: EMPTY_LEGEND, paneTops: new Map() }));

/** Stores new pane tops only when one moved, so the legends do not re-render on every update. */
export function setPaneTops(tops: Map<string, number>): void {
  const prev = useLegend.getState().paneTops;
  if (prev.size === tops.size && [...tops].every(([id, top]) => prev.get(id) === top)) return;
  useLegend.setState({ paneTops: tops });
}
