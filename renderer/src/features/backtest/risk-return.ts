// The comparison drawn: every finished run of the group a point at its max drawdown (across) and return
// (up), so the runs that earned more for less pain stand up and to the left; a strategy keeps one colour,
// a mode one marker. Axes on round numbers that hold every point, 0 % included.
import type { CompareMatrix } from './compare-matrix.ts';

export interface RiskPoint {
  runId: string;
  /** The matrix row (strategy and parameters) and column (mode) it came from. */
  row: number;
  col: number;
  label: string;
  drawdownPct: number;
  returnPct: number;
}

export interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

export interface RiskPlot {
  points: RiskPoint[];
  x: Axis;
  y: Axis;
  buyHoldReturnPct: number | null;
}

const STEPS = [1, 2, 2.5, 5, 10];

/** About `count` round ticks from at or below `lo` to at or above `hi` (a range of at least one step). */
export function niceAxis(lo: number, hi: number, count = 5): Axis {
  const span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1);
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = STEPS.find((s) => s * mag >= raw)! * mag;
  const min = Math.floor(lo / step) * step;
  let max = Math.ceil(hi / step) * step;
  if (max <= min) max = min + step;
  const ticks: number[] = [];
  // Rounded to the step's decimals, so 0.30000000000000004 reads 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let k = 0; min + k * step <= max + step / 1e6; k++) ticks.push(Number((min + k * step).toFixed(decimals)));
  return { min, max, ticks };
}

/** The finished runs of the matrix as points, or null with fewer than two to compare. */
export function riskReturnPlot(m: CompareMatrix): RiskPlot | null {
  const points: RiskPoint[] = [];
  m.rows.forEach((row, r) =>
    row.cells.forEach((cell, c) => {
      const dd = cell?.metrics?.['maxDrawdownPct'];
      const ret = cell?.metrics?.['totalReturnPct'];
      if (cell?.status !== 'done' || typeof dd !== 'number' || typeof ret !== 'number') return;
      points.push({ runId: cell.runId, row: r, col: c, label: `${row.label} · ${m.modes[c]}`, drawdownPct: dd, returnPct: ret });
    }),
  );
  if (points.length < 2) return null;
  const bh = m.buyHoldReturnPct;
  const ys = points.map((p) => p.returnPct).concat(bh === null ? [] : [bh], [0]);
  return {
    points,
    x: niceAxis(0, Math.max(...points.map((p) => p.drawdownPct))),
    y: niceAxis(Math.min(...ys), Math.max(...ys)),
    buyHoldReturnPct: bh,
  };
}
