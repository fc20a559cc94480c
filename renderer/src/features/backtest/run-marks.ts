// How the comparison tabs tell their rows apart: the risk/return plot's points, the markets' bars and the
// swatch beside each matrix row. Six colours come round again past six rows (run 7 is run 1's blue), so a
// row's second and third use of a colour is filled otherwise, as the curves are stroked otherwise
// (palette.ts runStroke): rows 1–6 solid, 7–12 hollow (an outline in the colour), 13–18 cored (the outline
// with a dot or stripe of the colour in its middle). The fill, not a seventh hue, tells them apart: more hues
// would sit near the six and fall together for a colour-blind reader, and the plot's marker shapes already
// name the risk mode, so a shape cannot name the round.
import { BACKGROUND_COLOR, runColor, runStroke, type RunStroke } from '../../../../shared/backtest/palette.ts';

export type RunFill = 'solid' | 'hollow' | 'cored';

export interface RunMark {
  color: string;
  fill: RunFill;
}

const FILL_OF: Readonly<Record<RunStroke, RunFill>> = { solid: 'solid', dashed: 'hollow', dotted: 'cored' };

/** Row `i`'s mark (0 the first): its colour, and its fill for the colour's first, second or third use. */
export const runMark = (i: number): RunMark => ({ color: runColor(i), fill: FILL_OF[runStroke(i)] });

/** An SVG shape's paint for a mark; `core`: draw a dot (or a bar's stripe) of the colour in its middle. */
export interface MarkPaint {
  fill: string;
  stroke: string;
  strokeWidth: number;
  core: boolean;
}

/**
 * Solid: filled, edged in the dark of the page so touching points part. Hollow and cored: the background
 * inside (a grid line or a point under it does not show through and read as a fill), a 2 px outline.
 */
export function markPaint(m: RunMark): MarkPaint {
  if (m.fill === 'solid') return { fill: m.color, stroke: '#0b0e11', strokeWidth: 1, core: false };
  return { fill: BACKGROUND_COLOR, stroke: m.color, strokeWidth: 2, core: m.fill === 'cored' };
}

/** A mark as a table's square swatch (CSS): filled, an inset outline, or the outline round a dot. */
export function markSwatch(m: RunMark): { background: string; boxShadow?: string } {
  if (m.fill === 'solid') return { background: m.color };
  const ring = `inset 0 0 0 2px ${m.color}`;
  return m.fill === 'hollow' ? { background: 'transparent', boxShadow: ring } : { background: `radial-gradient(circle, ${m.color} 0 1.5px, transparent 2px)`, boxShadow: ring };
}
