// Where a market's buy-and-hold figure goes in the Across markets bars (MarketBars): "B&H 21.35%" was
// written across a bar that rose past the level, its dashes hidden behind it.

/** A bar's vertical extent in pixels: [top, bottom], top < bottom. */
export type BarSpan = readonly [number, number];

/** Pixels a figure's text takes above its baseline, and below it (descenders). */
const ASCENT = 11;
const DESCENT = 2;

/**
 * The baseline of the figure for a buy-and-hold line at `level` (pixels) among its market's `bars`: just
 * above the line, else just below it, where no bar runs through the text; else above the bars (they rose
 * past it), or, without room at the top, below them.
 */
export function holdLabelY(bars: readonly BarSpan[], level: number): number {
  const clear = (baseline: number) => bars.every(([top, bottom]) => bottom < baseline - ASCENT || top > baseline + DESCENT);
  const above = level - 4;
  const below = level + 13;
  if (clear(above)) return Math.max(ASCENT - 1, above);
  if (clear(below)) return below;
  const overTops = Math.min(...bars.map(([top]) => top)) - 4;
  return overTops >= ASCENT - 1 ? overTops : Math.max(...bars.map(([, bottom]) => bottom)) + 13;
}
