// Which fill arrows keep their words ("B 0.5 @ 42,000.00") at the chart's zoom: lightweight-charts centres
// a marker's text on its bar and draws every one, so arrows a few bars apart print over each other. Going
// left to right, an arrow keeps its text only when it clears the last labelled one on its side of the bars
// (buys below, sells above: the two rows never meet). Arrows off screen keep theirs for when they scroll in.

/** Width of one character of marker text, px: the chart's 11 px monospace font is 0.6 em a character. */
export const CHAR_PX = 7;
/** Clear space between two labels, px. */
const GAP_PX = 8;

export interface LabelCandidate {
  /** The arrow's x on the chart, px; null when its bar is not on screen. */
  x: number | null;
  side: 'buy' | 'sell';
  text: string;
}

/** For each candidate, in order: whether its text is drawn. */
export function labelsThatFit(candidates: readonly LabelCandidate[], charPx = CHAR_PX): boolean[] {
  const keep = candidates.map((c) => c.x === null);
  const order = candidates.map((_, i) => i).filter((i) => candidates[i]!.x !== null);
  order.sort((a, b) => candidates[a]!.x! - candidates[b]!.x!);
  // The right edge of the last label drawn, per side.
  const edge = { buy: Number.NEGATIVE_INFINITY, sell: Number.NEGATIVE_INFINITY };
  for (const i of order) {
    const c = candidates[i]!;
    const half = (c.text.length * charPx) / 2;
    if (c.x! - half >= edge[c.side] + GAP_PX) {
      keep[i] = true;
      edge[c.side] = c.x! + half;
    }
  }
  return keep;
}
