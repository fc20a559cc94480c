// The comparison drawn: every finished run of the group a point at its max drawdown (across) and return
// (up), so the runs that earned more for less pain stand up and to the left; a strategy keeps one colour,
// a mode one marker. Axes on round numbers that hold every point, 0 % included.
import type { CompareMatrix } from './compare-matrix.ts';
import { niceAxis, type Axis } from './plot-axes.ts';

export interface RiskPoint {
  runId: string;
  /** The matrix row (strategy and parameters) and column (mode) it came from. */
  row: number;
  col: number;
  label: string;
  drawdownPct: number;
  returnPct: number;
}

export interface RiskPlot {
  points: RiskPoint[];
  x: Axis;
  y: Axis;
  buyHoldReturnPct: number | null;
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
