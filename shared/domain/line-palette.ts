// Colours for indicator lines on a dark chart beside green and red candles: none of them is the up or down
// colour, so a line is never mistaken for price direction. The trading chart's overlays and a backtest's
// indicator lines (the app's and the HTML report's) take them in this order, so an SMA looks the same
// wherever it is drawn. Every two of the seven (a backtest's price chart draws up to six of a strategy's lines,
// the trading chart seven overlays before a colour comes round again) stay apart, and each from the price line;
// each from every arrow drawn on the same chart too (a backtest's fills and exits, shared/backtest/palette.ts,
// the trading chart's buys and sells), under each colour-vision deficiency
// (tests/unit/backtest/chart-colors-cvd.test.ts). The first was a yellow a deuteranope saw as the stop-loss's
// orange; the pink, lavender and cyan were one colour to a protanope or deuteranope (ΔE2000 4.7 to 7.2), and so
// were the lime and the yellow (3.2): now the pink is deeper, the cyan and the lime paler, the yellow a shade
// darker, so they differ in lightness where they lose hue. The orange is a burnt orange: the brighter #e66d19
// was a sell's red (the candles' down colour, which cannot move) to a tritanope (6.5) and the stop-loss's
// orange to a deuteranope (7.8).

/** The indicator lines' hues, by name: the trading chart's indicators pick theirs here (indicator-colors.ts). */
export const LINE_HUES = {
  blue: '#2f7fff',
  pink: '#ff74cd',
  lavender: '#bcaeff',
  cyan: '#71edfb',
  orange: '#b0631b',
  lime: '#bcfa5c',
  yellow: '#e5af00',
} as const;

export const LINE_PALETTE = [LINE_HUES.blue, LINE_HUES.pink, LINE_HUES.lavender, LINE_HUES.cyan, LINE_HUES.orange, LINE_HUES.lime, LINE_HUES.yellow] as const;

/** The colour of line `i` of a chart's indicators. */
export const lineColor = (i: number): string => LINE_PALETTE[i % LINE_PALETTE.length]!;
