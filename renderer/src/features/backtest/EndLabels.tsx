// The equity chart's end labels, over its price axis: each run's end value in the run's colour at the
// height end-labels.ts gave it, a short line in the same colour from its curve's end to it when the label
// had to move off that height. The chart is under it and takes the mouse (pointer-events: none here).
// A run of the second or third round of colours (drawn dashed or dotted) is labelled as its line is: in an
// outline of that stroke on the background, its text in its colour, so run 7's label is not run 1's.
import { BACKGROUND_COLOR, type RunStroke } from '../../../../shared/backtest/palette.ts';

/** A label's height in pixels: 11 px text and its padding. */
export const LABEL_HEIGHT = 17;

/** The least a label shrinks to (10 px text) so that many runs' labels fit the pane one under another. */
export const MIN_LABEL_HEIGHT = 12;

/** The labels' height for `count` of them in a pane `height` tall: full while they fit, smaller down to MIN_LABEL_HEIGHT. */
export function labelHeightFor(count: number, height: number): number {
  return Math.max(MIN_LABEL_HEIGHT, Math.min(LABEL_HEIGHT, Math.floor(height / Math.max(1, count))));
}

/** The leader's room, left of the axis. */
const LEAD = 8;

export interface EndLabel {
  runId: string;
  color: string;
  /** The run's line: solid labels are filled with the colour, dashed and dotted ones outlined so. */
  stroke: RunStroke;
  text: string;
  /** Where the curve ends, pixels down the pane (null when it is off the scale). */
  end: number | null;
  /** The label's centre. */
  y: number;
}

/** Dark text on a light colour, light on a dark one: the label reads whatever the run's colour. */
function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  const lum = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return lum > 140 ? '#0b0e11' : '#ffffff';
}

const LEAD_DASH: Record<RunStroke, string | undefined> = { solid: undefined, dashed: '3 2', dotted: '1 2' };

/** A solid run's label filled with its colour; a dashed or dotted one's outlined so on the background, in its colour (border-box: the same size). */
export function labelPaint(l: Pick<EndLabel, 'color' | 'stroke'>): { background: string; color: string; border?: string; boxSizing?: 'border-box' } {
  if (l.stroke === 'solid') return { background: l.color, color: textOn(l.color) };
  return { background: BACKGROUND_COLOR, color: l.color, border: `1px ${l.stroke} ${l.color}`, boxSizing: 'border-box' };
}

export function EndLabels({ labels, axis, height, testId = 'bt-end-labels' }: { labels: readonly EndLabel[]; axis: number; height: number; testId?: string }) {
  if (labels.length === 0 || axis === 0) return null;
  return (
    <div className="bt-end-labels" data-testid={testId} style={{ width: axis + LEAD }} aria-hidden="true">
      <svg className="bt-end-leads" width={LEAD} height="100%">
        {labels.map((l) => l.end !== null && Math.abs(l.end - l.y) > 1 && <line key={l.runId} x1={0} y1={l.end} x2={LEAD} y2={l.y} stroke={l.color} strokeWidth={1} strokeDasharray={LEAD_DASH[l.stroke]} />)}
      </svg>
      {labels.map((l) => (
        <span key={l.runId} className="bt-end-label" data-run-id={l.runId} data-y={l.y} data-stroke={l.stroke} style={{ top: l.y - height / 2, height, lineHeight: `${height}px`, fontSize: height >= 15 ? 11 : 10, ...labelPaint(l) }}>
          {l.text}
        </span>
      ))}
    </div>
  );
}

