// The comparison drawn: every finished run of the group a point at its max drawdown (across) and return
// (up), so the runs that earned more for less pain stand up and to the left; a strategy keeps one colour
// and fill (its row's mark: solid, hollow or cored, so the 7th strategy is not the 1st's twin), a mode one
// marker. Both axes fitted to the points with round ticks (fitAxis, as every plot of the page and
// the report): the return's with 0 % included, the drawdown's from 0 to a little past the deepest.
import type { CompareMatrix } from './compare-matrix.ts';
import { fitAxis, type Axis } from './plot-axes.ts';
import type { RunMark } from './run-marks.ts';

export interface RiskPoint {
  runId: string;
  /** The matrix row (strategy and parameters) and column (mode) it came from. */
  row: number;
  col: number;
  label: string;
  /** Its row's colour and fill, as the row's swatch in the matrix beside it. */
  mark: RunMark;
  drawdownPct: number;
  returnPct: number;
}

export interface RiskPlot {
  points: RiskPoint[];
  x: Axis;
  y: Axis;
  buyHoldReturnPct: number | null;
  /** Buy and hold beyond the return axis (far from the runs' returns): named at that edge, not drawn as a line. */
  buyHoldOff: 'above' | 'below' | null;
}

/** The finished runs of the matrix as points, or null with fewer than two to compare. */
export function riskReturnPlot(m: CompareMatrix): RiskPlot | null {
  const points: RiskPoint[] = [];
  m.rows.forEach((row, r) =>
    row.cells.forEach((cell, c) => {
      const dd = cell?.metrics?.['maxDrawdownPct'];
      const ret = cell?.metrics?.['totalReturnPct'];
      if (cell?.status !== 'done' || typeof dd !== 'number' || typeof ret !== 'number') return;
      points.push({ runId: cell.runId, row: r, col: c, label: `${row.label} · ${m.columns[c]}`, mark: row.mark, drawdownPct: dd, returnPct: ret });
    }),
  );
  if (points.length < 2) return null;
  const bh = m.buyHoldReturnPct;
  const ys = points.map((p) => p.returnPct).concat([0]);
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  // Buy and hold is taken into the axis when that widens the runs' span by half or less; further off (519 %
  // beside runs of -34 % to 270 %), it would squash the runs into a strip, so it is named at the edge it lies beyond.
  const span = hi - lo || 1;
  if (bh !== null && bh >= lo - span / 2 && bh <= hi + span / 2) {
    lo = Math.min(lo, bh);
    hi = Math.max(hi, bh);
  }
  const y = fitAxis(lo, hi);
  return {
    points,
    x: fitAxis(0, Math.max(...points.map((p) => p.drawdownPct))),
    y,
    buyHoldReturnPct: bh,
    buyHoldOff: bh === null || (bh >= y.min && bh <= y.max) ? null : bh > y.max ? 'above' : 'below',
  };
}
