// The chart's colours, kept beside the CSS variables they mirror (styles/theme.css) so the canvas and
// the HTML around it match. Up is green, down is red, as on every exchange: the gain and loss colours the
// backtest page and its HTML report draw in too (shared/backtest/palette.ts), written once there.
import { GAIN_COLOR, LOSS_COLOR } from '../../../../shared/backtest/palette.ts';

export const chartTheme = {
  background: '#0e1116',
  text: '#8b949e',
  grid: '#1a1f27',
  border: '#262c36',
  crosshair: '#4b5563',
  up: GAIN_COLOR,
  down: LOSS_COLOR,
  upVolume: 'rgba(46, 189, 133, 0.45)',
  downVolume: 'rgba(246, 70, 93, 0.45)',
  font: "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
} as const;
