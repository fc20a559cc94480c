// Colours for indicator lines on a dark chart beside green and red candles: none of them is the up or down
// colour, so a line is never mistaken for price direction. The trading chart's overlays and a backtest's
// indicator lines (the app's and the HTML report's) take them in this order, so an SMA looks the same
// wherever it is drawn.
export const LINE_PALETTE = ['#f0b90b', '#3b82f6', '#e879f9', '#22d3ee', '#f97316', '#a3e635', '#e5e7eb'] as const;

/** The colour of line `i` of a chart's indicators. */
export const lineColor = (i: number): string => LINE_PALETTE[i % LINE_PALETTE.length]!;
