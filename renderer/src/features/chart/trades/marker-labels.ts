// Which fill arrows keep their words ("B 0.5 @ 42,000.00") at the chart's zoom: lightweight-charts centres
// a marker's text on its bar and draws every one, so arrows a few bars apart print over each other. Going
// left to right, an arrow keeps its text only when it clears every label already kept. Buys sit below their
// bar's low and sells above its high, so a buy under a high bar and a sell over a low one a few bars on can
// meet: where the bars' heights on screen are known, two labels clash only when their lines overlap; where
// they are not, any two that overlap across. A label the plot's edges would cut ("S 0.41 @ 23,5") loses its
// text too: the arrow stays, and the Fills tab has the fill. Arrows off screen keep theirs for when they
// scroll in.

/** Width of one character of marker text, px: the chart's 11 px monospace font is 0.6 em a character. */
export const CHAR_PX = 7;
/** Clear space between two labels, px. */
const GAP_PX = 8;
/** Clear space between two labels' lines, px. */
const LINE_GAP_PX = 2;

export interface LabelCandidate {
  /** The arrow's x on the chart, px; null when its bar is not on screen. */
  x: number | null;
  /** The y of the bar's edge the arrow sits on, px: its low for a buy, its high for a sell; null when not known. */
  barY?: number | null;
  side: 'buy' | 'sell';
  text: string;
}

/** The plot the labels are drawn on, as lightweight-charts lays markers out on it. */
export interface LabelArea {
  /** The price pane's width and height, px (the price scale not included). */
  width: number;
  height: number;
  /** The time scale's bar spacing, px: the arrows grow with it. */
  barSpacing: number;
  /** The chart's font size, px (the labels' line height). */
  fontSize: number;
}

const ceiledOdd = (x: number) => (Math.ceil(x) % 2 === 0 ? Math.ceil(x) - 1 : Math.ceil(x));
const ceiledEven = (x: number) => (Math.ceil(x) % 2 !== 0 ? Math.ceil(x) - 1 : Math.ceil(x));

/**
 * The vertical centre of a marker's text, px, as lightweight-charts 5 places it (series-markers'
 * fillSizeAndY): the arrow clear of the bar by a margin, the text beyond the arrow.
 */
export function labelCentreY(side: 'buy' | 'sell', barY: number, barSpacing: number, fontSize: number): number {
  const clamped = Math.min(Math.max(barSpacing, 12), 30);
  const shape = ceiledEven(ceiledOdd(clamped));
  const margin = Math.max(ceiledOdd(clamped * 0.1), 3);
  return side === 'sell' ? barY - shape - margin - fontSize * 0.6 : barY + shape + 2 * margin + fontSize * 0.6;
}

interface Placed {
  x: number;
  half: number;
  /** The text's vertical centre; null when not known. */
  y: number | null;
}

/** For each candidate, in order: whether its text is drawn. */
export function labelsThatFit(candidates: readonly LabelCandidate[], area?: LabelArea, charPx = CHAR_PX): boolean[] {
  const keep = candidates.map((c) => c.x === null);
  const order = candidates.map((_, i) => i).filter((i) => candidates[i]!.x !== null);
  order.sort((a, b) => candidates[a]!.x! - candidates[b]!.x!);
  const line = area?.fontSize ?? 11;
  const maxHalf = Math.max(0, ...candidates.map((c) => (c.text.length * charPx) / 2));
  const kept: Placed[] = [];
  for (const i of order) {
    const c = candidates[i]!;
    const x = c.x!;
    const half = (c.text.length * charPx) / 2;
    const y = area && c.barY !== undefined && c.barY !== null ? labelCentreY(c.side, c.barY, area.barSpacing, area.fontSize) : null;
    if (area && (x - half < 0 || x + half > area.width)) continue;
    if (area && y !== null && (y - line / 2 < 0 || y + line / 2 > area.height)) continue;
    let clear = true;
    // Kept labels are in x order: only those whose right edge could reach this one's left need a look.
    for (let k = kept.length - 1; k >= 0; k--) {
      const p = kept[k]!;
      if (p.x + maxHalf + GAP_PX <= x - half) break;
      const across = x - p.x < half + p.half + GAP_PX;
      const down = p.y === null || y === null || Math.abs(p.y - y) < line + LINE_GAP_PX;
      if (across && down) {
        clear = false;
        break;
      }
    }
    if (clear) {
      keep[i] = true;
      kept.push({ x, half, y });
    }
  }
  return keep;
}
