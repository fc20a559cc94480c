// Runs of different bars or dates on one time axis. lightweight-charts spaces points by their order, not
// by their time: ticked together, a 1m run of two days (2,880 points) took most of the width beside a 4h
// run of three weeks (126 points), whose rise then read as a jump. Runs on other time grids are drawn on
// one evenly spaced grid over all of them instead: equity as it stood at each grid time, drawdown as its
// deepest since the grid time before (a dip between two grid times is not lost).

export type Curve = readonly (readonly [number, number])[];

/** Grid times for curves that need one (their times differ), about `size` of them; null when they share their times. */
export function commonGrid(curves: readonly Curve[], size = 1500): number[] | null {
  const drawn = curves.filter((c) => c.length > 0);
  if (drawn.length < 2 || drawn.every((c) => sameTimes(c, drawn[0]!))) return null;
  const from = Math.min(...drawn.map((c) => c[0]![0]));
  const to = Math.max(...drawn.map((c) => c.at(-1)![0]));
  if (!(to > from)) return null;
  // Whole seconds: the chart's times are seconds, and two grid times in one second would be one point.
  const step = Math.max(1000, Math.ceil((to - from) / size / 1000) * 1000);
  const grid: number[] = [];
  for (let t = from; t < to; t += step) grid.push(t);
  grid.push(to);
  return grid;
}

function sameTimes(a: Curve, b: Curve): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0]) return false;
  return true;
}

/**
 * The curve at the grid's times within its own span, with its own first and last points (a run shorter
 * than a grid step still shows, and ends where it ended): `last`, the value at or before each grid time;
 * `least`, the lowest since the grid time before. Either ends at the curve's own last value: the label at
 * a line's end reads it, and a drawdown's end read the lowest of its last grid step (-2.83% for a run
 * ending at -2.57%, and another figure with each other run ticked beside it). The last step's low, when
 * deeper, is drawn at its own time before the end.
 */
export function onGrid(curve: Curve, grid: readonly number[], pick: 'last' | 'least'): [number, number][] {
  const out: [number, number][] = [];
  if (curve.length === 0) return out;
  const first = curve[0]![0];
  const last = curve.at(-1)![0];
  let i = 0;
  if (grid[0] === undefined || grid[0] < first) out.push([first, curve[0]![1]]);
  for (const g of grid) {
    if (g <= first && out.length > 0) continue;
    if (g < first) continue;
    if (g >= last) break;
    let v = curve[i]![1];
    let least = v;
    while (i + 1 < curve.length && curve[i + 1]![0] <= g) {
      i++;
      v = curve[i]![1];
      if (v < least) least = v;
    }
    out.push([g, pick === 'last' ? v : least]);
  }
  const end = curve.at(-1)![1];
  if (out.length > 0 && out.at(-1)![0] >= last) return out;
  if (pick === 'least' && out.length > 0) {
    // The low of the last step, at its own time, when it is deeper than the end.
    let low = end;
    let at = last;
    for (let k = i + 1; k < curve.length; k++) if (curve[k]![1] < low) [low, at] = [curve[k]![1], curve[k]![0]];
    if (at < last && at > out.at(-1)![0]) out.push([at, low]);
  }
  out.push([last, end]);
  return out;
}
