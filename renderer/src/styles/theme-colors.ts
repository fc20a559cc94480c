// theme.css's colour variables as TypeScript: CSS cannot import the palette, so the values are written in
// theme.css too, and tests/unit/renderer/theme-colors.test.ts checks that each one there equals the one here
// (and so the palette's), so the page's CSS and the canvases drawn from TypeScript cannot drift apart.
import { ACCENT_COLOR, AMBER_COLOR, BACKGROUND_COLOR, GAIN_COLOR, LOSS_COLOR } from '../../../shared/backtest/palette.ts';
import { LINE_HUES } from '../../../shared/domain/line-palette.ts';

export const THEME_COLORS = {
  '--bg': BACKGROUND_COLOR,
  '--bg-panel': '#12161d',
  '--bg-raised': '#181d25',
  '--bg-input': '#0b0e13',
  '--border': '#262c36',
  '--border-strong': '#343b47',
  '--text': '#d6dde6',
  '--text-dim': '#8b949e',
  '--text-faint': '#5c6570',
  '--accent': ACCENT_COLOR,
  '--up': GAIN_COLOR,
  '--down': LOSS_COLOR,
  '--amber': AMBER_COLOR,
  '--violet': LINE_HUES.lavender,
} as const;
