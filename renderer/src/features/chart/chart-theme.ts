// The chart's colours, kept beside the CSS variables they mirror (styles/theme.css) so the canvas and
// the HTML around it match. Up is green, down is red, as on every exchange.
export const chartTheme = {
  background: '#0e1116',
  text: '#8b949e',
  grid: '#1a1f27',
  border: '#262c36',
  crosshair: '#4b5563',
  up: '#2ebd85',
  down: '#f6465d',
  upVolume: 'rgba(46, 189, 133, 0.45)',
  downVolume: 'rgba(246, 70, 93, 0.45)',
  font: "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
} as const;
