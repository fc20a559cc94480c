// The HTML report's one chart drawer: inline SVG, no scripts, so the report stays one self-contained file.
// Lines over time (equity, drawdown, prices, compared runs) with fill markers and shaded kill-switch
// stretches, or dots over any two numbers (the trades' run-up and drawdown scatter): one frame, one grid
// and one way of placing ticks for both, so every chart of the report reads alike. Every coordinate is
// written with toFixed, so the same run gives the same bytes (the app's saved report is compared with the
// CLI's byte for byte).
import { enNumber } from '../../shared/domain/en-number.ts';
import { autoLog, fitAxis, logTicks, niceTicks, valueRange } from '../../shared/backtest/nice-ticks.ts';
import { timeTicks } from './time-ticks.ts';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const num = (v: number, d = 2) => (Number.isFinite(v) ? enNumber(v, d, d) : '–');

export interface Line {
  points: [number, number][];
  color: string;
  fill?: boolean;
  /** Dashed: a colour's second use among many lines; dotted its third (palette.ts runStroke). */
  dash?: boolean | 'dotted';
}

export interface Marker {
  t: number;
  v: number;
  up: boolean;
  /** A protective exit's fill: drawn in its exit's colour, its id in data-exit, its label (else the id) in its tooltip. */
  exit?: { name: string; label?: string; color: string } | undefined;
}

/** A stretch of time shaded behind the lines: the kill switch engaged, or a run's lead-in before its range. */
export interface Band {
  from: number;
  to: number;
  /** The shading's class in the report's style: `halt` (the kill switch) unless told. */
  cls?: 'halt' | 'lead-in';
}

/** Dots of one colour (a group: a scatter's trades that ended one way), each with its hover text. */
export interface DotGroup {
  /** What the group is, written on its <g> as data-group (what a reader or a test finds it by). */
  name: string;
  color: string;
  /** Radius in px. */
  r: number;
  dots: { x: number; y: number; title: string }[];
}

export interface ChartOptions {
  /**
   * Stretches with no data (range-coverage.ts dataGaps): a line is broken over each rather than drawn
   * straight across, which made up a market where there was none. A filled area is left whole.
   */
  gaps?: readonly { from: number; to: number }[] | undefined;
  /** A value tick's text, with the decimals that tell the ticks apart (niceTicks). */
  yLabel: (v: number, decimals: number) => string;
  /**
   * For an x that is a number, not time: its ticks' text, placed at round numbers as the values' are.
   * Without it x is time, ticked on round UTC dates and hours picked for the span (time-ticks.ts).
   */
  xLabel?: (v: number, decimals: number) => string;
  markers?: Marker[];
  /** Keeps 0 inside the value range (drawdowns, returns); with `zeroRule`, on both axes. */
  zeroLine?: boolean;
  /** Draws the line where the value is 0 (and x is 0, when it is in range), over the grid. */
  zeroRule?: boolean;
  bands?: Band[];
  dots?: DotGroup[];
  /** Axis titles under the x ticks and beside the y ticks; the frame makes room for them. */
  axes?: { x: string; y: string };
  height?: number;
  /** The x range, when it should be another chart's (an indicator's pane under the price it starts later than). */
  span?: readonly [number, number];
  /** Values marked by a dashed line across the chart (the RSI levels a strategy acts at), kept inside the value range. */
  levels?: readonly { v: number; color: string }[];
  /**
   * Values on a log scale (wantsLog says when): equal steps up the axis are equal percent moves, ticked at
   * 1, 2 and 5 times the powers of ten. Ignored where a value is 0 or below, which a log axis cannot place.
   */
  log?: boolean;
}

const W = 960;
const H = 220;
const PAD = { l: 64, r: 12, t: 10, b: 22 };
/** About the width of a digit of the 10px labels (`svg text` in the report's style), to make room for them. */
const LABEL_CHAR_PX = 6;

/**
 * The value range of a curve that never moves (a run that never traded, its drawdown): 0 of a drawdown or
 * return axis at the top with a percent under it, never an axis of drawdowns above 0; any other value in
 * the middle, a hundredth of itself either way, not at the bottom of an axis running up to one more.
 */
function flatRange(v: number, zeroLine: boolean): [number, number] {
  if (v === 0) return zeroLine ? [-1, 0] : [-1, 1];
  const d = Math.abs(v) / 100;
  return [v - d, v + d];
}

/**
 * A fill arrow's half-width in px (it is 1.6 times that tall): smaller the more arrows there are, as the
 * scatter's dots are, since hundreds of 10-px arrows over a few years of price were one red and green band
 * that buried the line and the averages drawn under it.
 */
export function markerSize(markers: number): number {
  return markers <= 60 ? 5 : markers <= 300 ? 3.5 : 2.5;
}

export function svgChart(lines: Line[], opts: ChartOptions): string {
  const all = lines.flatMap((l) => l.points);
  for (const g of opts.dots ?? []) for (const d of g.dots) all.push([d.x, d.y]);
  if (all.length === 0) return '<p>no data</p>';
  let t0 = Infinity;
  let t1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const [t, v] of all) {
    if (!Number.isFinite(v)) continue;
    t0 = Math.min(t0, t);
    t1 = Math.max(t1, t);
    v0 = Math.min(v0, v);
    v1 = Math.max(v1, v);
  }
  if (opts.zeroLine) {
    v0 = Math.min(v0, 0);
    v1 = Math.max(v1, 0);
    if (opts.zeroRule) {
      t0 = Math.min(t0, 0);
      t1 = Math.max(t1, 0);
    }
  }
  if (opts.span) [t0, t1] = opts.span;
  for (const l of opts.levels ?? []) {
    v0 = Math.min(v0, l.v);
    v1 = Math.max(v1, l.v);
  }
  if (v1 === v0) [v0, v1] = flatRange(v0, opts.zeroLine === true);
  if (t1 === t0) t1 = t0 + 1;
  if (opts.dots?.length) {
    // A scatter's axes fitted as the app's plots fit the same dots (fitAxis): a little room past the
    // outermost, 0 too (the many trades that never went against them sit at 0), so a dot at an edge is not
    // cut in half, and the same ticks as the app's plot of the trades.
    const fx = fitAxis(t0, t1, { padZero: true });
    const fy = fitAxis(v0, v1, { padZero: true });
    [t0, t1, v0, v1] = [fx.min, fx.max, fy.min, fy.max];
  }
  const height = opts.height ?? H;
  const log = opts.log === true && v0 > 0 && !opts.dots?.length;
  const yTicks = log ? logTicks(v0, v1) : niceTicks(v0, v1);
  const yTexts = yTicks.values.map((v) => opts.yLabel(v, yTicks.decimals));
  // Room for the widest value label: an account of a trillion ("1,000,000,000,000") or a price of
  // 0.00001234 would otherwise run off the left edge and read as "00,000,000".
  const left = Math.max(PAD.l, Math.ceil(Math.max(0, ...yTexts.map((s) => s.length)) * LABEL_CHAR_PX) + 10);
  const pad = opts.axes ? { ...PAD, l: left + 16, b: PAD.b + 16 } : { ...PAD, l: left };
  const x = (t: number) => pad.l + ((t - t0) / (t1 - t0)) * (W - pad.l - pad.r);
  const [l0, l1] = [Math.log(v0), Math.log(v1)];
  const y = log ? (v: number) => pad.t + (1 - (Math.log(v) - l0) / (l1 - l0)) * (height - pad.t - pad.b) : (v: number) => pad.t + (1 - (v - v0) / (v1 - v0)) * (height - pad.t - pad.b);
  const parts: string[] = [`<svg viewBox="0 0 ${W} ${height}" width="100%" role="img"${log ? ' data-scale="log"' : ''}>`];
  for (const b of opts.bands ?? []) {
    const x0 = x(Math.max(t0, b.from));
    const x1 = x(Math.min(t1, b.to));
    if (x1 < x0) continue;
    // At least a pixel wide: a kill re-armed the next morning is still seen.
    parts.push(`<rect x="${x0.toFixed(1)}" y="${pad.t}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${height - pad.t - pad.b}" class="${b.cls ?? 'halt'}"/>`);
  }
  yTicks.values.forEach((v, k) => {
    parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/><text x="${pad.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${esc(yTexts[k]!)}</text>`);
  });
  const xTickY = height - 6 - (opts.axes ? 16 : 0);
  const xLabel = opts.xLabel;
  if (xLabel === undefined) {
    // Round UTC boundaries picked for the span (time-ticks.ts), placed by time alone: a hole in the data moves none.
    const axis = timeTicks(t0, t1, { width: W - pad.l - pad.r, before: pad.l, after: pad.r, charPx: LABEL_CHAR_PX });
    // A faint vertical gridline at each: the round dates are where a reader lines a move up with the calendar.
    for (const k of axis.ticks) parts.push(`<line x1="${x(k.t).toFixed(1)}" x2="${x(k.t).toFixed(1)}" y1="${pad.t}" y2="${height - pad.b}" class="grid"/><text x="${x(k.t).toFixed(1)}" y="${xTickY}" text-anchor="${k.anchor}" data-t="${k.t}">${esc(k.text)}</text>`);
  } else {
    const xTicks = niceTicks(t0, t1);
    for (const t of xTicks.values) {
      const text = xLabel(t, xTicks.decimals);
      // A tick at or near the right edge (the scatter's 0% drawdown) would run half its label past the box: end it there.
      const anchor = x(t) + (text.length * LABEL_CHAR_PX) / 2 > W ? 'end' : 'middle';
      parts.push(`<text x="${x(t).toFixed(1)}" y="${xTickY}" text-anchor="${anchor}">${esc(text)}</text>`);
    }
  }
  if (opts.axes) {
    const midY = (pad.t + height - pad.b) / 2;
    parts.push(`<text x="${((pad.l + W - pad.r) / 2).toFixed(1)}" y="${height - 4}" text-anchor="middle" class="axis">${esc(opts.axes.x)}</text>`);
    parts.push(`<text x="12" y="${midY.toFixed(1)}" text-anchor="middle" transform="rotate(-90 12 ${midY.toFixed(1)})" class="axis">${esc(opts.axes.y)}</text>`);
  }
  if (opts.zeroRule) {
    // Drawn over the grid so the reader finds break-even (and the right edge of a drawdown axis) at once.
    if (v0 <= 0 && v1 >= 0) parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" class="zero"/>`);
    if (t0 <= 0 && t1 >= 0) parts.push(`<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${pad.t}" y2="${height - pad.b}" class="zero"/>`);
  }
  for (const l of opts.levels ?? []) parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(l.v).toFixed(1)}" y2="${y(l.v).toFixed(1)}" stroke="${l.color}" stroke-dasharray="4 3" stroke-opacity="0.7" data-level="${l.v}"/>`);
  for (const l of lines) {
    const finite = l.points.filter(([, v]) => Number.isFinite(v));
    const d = finite.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join('');
    const stroke = opts.gaps?.length ? brokenPath(finite, opts.gaps, x, y) : d;
    if (l.fill) parts.push(`<path d="${d}L${x(t1).toFixed(1)},${y(Math.max(v0, Math.min(0, v1))).toFixed(1)}L${x(t0).toFixed(1)},${y(Math.max(v0, Math.min(0, v1))).toFixed(1)}Z" fill="${l.color}" fill-opacity="0.25" stroke="none"/>`);
    parts.push(`<path d="${stroke}" fill="none" stroke="${l.color}" stroke-width="1.2"${l.dash === 'dotted' ? ' stroke-dasharray="1.2 2.4"' : l.dash ? ' stroke-dasharray="5 3"' : ''}/>`);
  }
  for (const g of opts.dots ?? []) {
    // One <g> per colour: the fill is written once, not on each of thousands of dots.
    parts.push(`<g data-group="${esc(g.name)}" fill="${g.color}" fill-opacity="0.75">`);
    for (const d of g.dots) parts.push(`<circle cx="${x(d.x).toFixed(1)}" cy="${y(d.y).toFixed(1)}" r="${g.r}"><title>${esc(d.title)}</title></circle>`);
    parts.push('</g>');
  }
  const s = markerSize((opts.markers ?? []).length);
  for (const m of opts.markers ?? []) {
    const cx = x(m.t);
    const cy = y(m.v);
    const pts = m.up ? `${cx},${cy + 2} ${cx - s},${cy + 2 + s * 1.6} ${cx + s},${cy + 2 + s * 1.6}` : `${cx},${cy - 2} ${cx - s},${cy - 2 - s * 1.6} ${cx + s},${cy - 2 - s * 1.6}`;
    if (m.exit) parts.push(`<polygon points="${pts}" fill="${m.exit.color}" data-exit="${esc(m.exit.name)}"><title>${esc(m.exit.label ?? m.exit.name)}</title></polygon>`);
    else parts.push(`<polygon points="${pts}" class="${m.up ? 'buy' : 'sell'}"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Whether these lines read better on a log scale (autoLog: all above 0, the highest 10 times the lowest or
 * more): the report draws the equity against buy and hold, and the price, so, and says so in the legend.
 */
export function wantsLog(lines: readonly Line[]): boolean {
  const range = valueRange(lines.map((l) => l.points));
  return range !== null && autoLog(range.lo, range.hi);
}

/** A line's path with a move (M), not a line (L), from the last point before each gap to the first after it. */
function brokenPath(points: readonly (readonly [number, number])[], gaps: readonly { from: number; to: number }[], x: (t: number) => number, y: (v: number) => number): string {
  let g = 0;
  let d = '';
  for (let i = 0; i < points.length; i++) {
    const [t, v] = points[i]!;
    let jump = i === 0;
    if (i > 0) {
      const before = points[i - 1]![0];
      while (g < gaps.length && gaps[g]!.to <= before) g++;
      jump = g < gaps.length && before <= gaps[g]!.from && t >= gaps[g]!.to;
    }
    d += `${jump ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
  }
  return d;
}
