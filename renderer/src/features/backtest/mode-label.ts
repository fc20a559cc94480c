// A run's risk mode as the page names it: the preset's name, or for the custom mode the position % it sized
// its entries at ("custom 40%"), since two custom runs at other percents are other runs, and a custom run
// named only "custom" read as if it had nothing of its own.
export interface ModeOf {
  mode: string;
  positionPct?: number | null | undefined;
}

export function modeLabel(r: ModeOf): string {
  return r.mode === 'custom' && r.positionPct != null ? `custom ${r.positionPct}%` : r.mode;
}
