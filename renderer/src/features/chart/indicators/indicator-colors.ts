// Indicator colours, chosen to read on the dark chart next to green and red candles: none of them is
// the up or down colour, so a line is never mistaken for price direction. The overlays' palette is the
// backtest charts' too (shared/domain/line-palette.ts), and every hue here is one of its named hues or the
// palette's gain and loss (shared/backtest/palette.ts), so no colour is written twice.
import { LINE_HUES, LINE_PALETTE } from '../../../../../shared/domain/line-palette.ts';
import { GAIN_COLOR, LOSS_COLOR, withAlpha } from '../../../../../shared/backtest/palette.ts';

export const OVERLAY_PALETTE = LINE_PALETTE;

export const lineColors = {
  band: LINE_HUES.blue,
  bandMiddle: LINE_HUES.yellow,
  donchian: LINE_HUES.cyan,
  keltner: LINE_HUES.lavender,
  vwap: LINE_HUES.pink,
  trendUp: GAIN_COLOR,
  trendDown: LOSS_COLOR,
  oscillator: LINE_HUES.lavender,
  fast: LINE_HUES.blue,
  slow: LINE_HUES.orange,
  adx: LINE_HUES.yellow,
  atr: LINE_HUES.cyan,
  obv: LINE_HUES.blue,
  histUpStrong: GAIN_COLOR,
  histUpWeak: withAlpha(GAIN_COLOR, 0.45),
  histDownStrong: LOSS_COLOR,
  histDownWeak: withAlpha(LOSS_COLOR, 0.45),
  level: 'rgba(139, 148, 158, 0.55)',
} as const;

/**
 * The first palette colour no other overlay uses, so each new overlay stands out. `used` holds each overlay's
 * colours once; when all are taken, the one fewest overlays use (the first of those on a tie).
 */
export function nextOverlayColor(used: readonly (string | undefined)[]): string {
  const count = (c: string) => used.filter((u) => u === c).length;
  return OVERLAY_PALETTE.reduce((best, c) => (count(c) < count(best) ? c : best));
}
