// Colours for indicator lines on a dark chart beside green and red candles: none of them is the up or down
// colour, so a line is never mistaken for price direction. The trading chart's overlays and a backtest's
// indicator lines (the app's and the HTML report's) take them in this order, so an SMA looks the same
// wherever it is drawn. The first two (a cross strategy's fast and slow line) stay apart from each other, from
// the price line and from every fill arrow's colour (shared/backtest/palette.ts) under each colour-vision
// deficiency (tests/unit/backtest/chart-colors-cvd.test.ts); the first was a yellow a deuteranope saw as the
// stop-loss's orange.

/** The indicator lines' hues, by name: the trading chart's indicators pick theirs here (indicator-colors.ts). */
export const LINE_HUES = {
  blue: '#2f7fff',
  pink: '#ff9de2',
  lavender: '#b9a7ff',
  cyan: '#22d3ee',
  orange: '#f97316',
  lime: '#a3e635',
  yellow: '#f0b90b',
} as const;

export const LINE_PALETTE = [LINE_HUES.blue, LINE_HUES.pink, LINE_HUES.lavender, LINE_HUES.cyan, LINE_HUES.orange, LINE_HUES.lime, LINE_HUES.yellow] as const;

/** The colour of line `i` of a chart's indicators. */
export const lineColor = (i: number): string => LINE_PALETTE[i % LINE_PALETTE.length]!;
