// Indicator colours, chosen to read on the dark chart next to green and red candles: none of them is
// the up or down colour, so a line is never mistaken for price direction. The overlays' palette is the
// backtest charts' too (shared/domain/line-palette.ts).
import { LINE_PALETTE } from '../../../../../shared/domain/line-palette.ts';

export const OVERLAY_PALETTE = LINE_PALETTE;

export const lineColors = {
  band: '#3b82f6',
  bandMiddle: '#f0b90b',
  donchian: '#22d3ee',
  keltner: '#a78bfa',
  vwap: '#e879f9',
  trendUp: '#2ebd85',
  trendDown: '#f6465d',
  oscillator: '#a78bfa',
  fast: '#3b82f6',
  slow: '#f97316',
  adx: '#f0b90b',
  atr: '#22d3ee',
  obv: '#3b82f6',
  histUpStrong: '#2ebd85',
  histUpWeak: 'rgba(46, 189, 133, 0.45)',
  histDownStrong: '#f6465d',
  histDownWeak: 'rgba(246, 70, 93, 0.45)',
  level: 'rgba(139, 148, 158, 0.55)',
} as const;

/** The first palette colour no other overlay uses, so each new moving average stands out. */
export function nextOverlayColor(used: readonly (string | undefined)[]): string {
  const taken = new Set(used);
  return OVERLAY_PALETTE.find((c) => !taken.has(c)) ?? OVERLAY_PALETTE[used.length % OVERLAY_PALETTE.length]!;
}
