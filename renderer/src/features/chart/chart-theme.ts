// The chart's colours, kept beside the CSS variables they mirror (styles/theme.css) so the canvas and
// the HTML around it match. Up is green, down is red, as on every exchange: the gain and loss colours the
// backtest page and its HTML report draw in too (shared/backtest/palette.ts), written once there.
import { GAIN_COLOR, LOSS_COLOR, withAlpha } from '../../../../shared/backtest/palette.ts';
import { THEME_COLORS } from '../../styles/theme-colors.ts';

export const chartTheme = {
  background: THEME_COLORS['--bg'],
  text: THEME_COLORS['--text-dim'],
  grid: '#1a1f27',
  border: THEME_COLORS['--border'],
  crosshair: '#4b5563',
  up: GAIN_COLOR,
  down: LOSS_COLOR,
  upVolume: withAlpha(GAIN_COLOR, 0.45),
  downVolume: withAlpha(LOSS_COLOR, 0.45),
  font: "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
} as const;
