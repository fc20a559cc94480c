// The grid, tick labels and axis names of the page's SVG plots (plot-axes.ts): a line per tick, each
// axis's 0 drawn stronger, since above or below it (left of it) is what a reader looks for first. Ticks read as the
// report's do: grouped by thousands, with the decimals that tell them apart ("1,200%", "-2.5%").
import { pctTickText, type Axis, type PlotBox, type PlotScale } from './plot-axes.ts';

export function PlotAxes({ box, x, y, scale, xLabel, yLabel }: { box: PlotBox; x: Axis; y: Axis; scale: PlotScale; xLabel: string; yLabel: string }) {
  const { px, py } = scale;
  const { width: W, height: H, left, right, top, bottom } = box;
  return (
    <>
      {y.ticks.map((t) => (
        <g key={`y${t}`} className={t === 0 ? 'bt-rr-zero' : 'bt-rr-grid'}>
          <line x1={left} x2={W - right} y1={py(t)} y2={py(t)} />
          <text x={left - 6} y={py(t) + 3} textAnchor="end">
            {pctTickText(t, y.decimals)}
          </text>
        </g>
      ))}
      {x.ticks.map((t) => (
        // x's 0 too: the run-up and drawdown plot's "never went against it", inside its right edge (fitAxis padZero).
        <g key={`x${t}`} className={t === 0 ? 'bt-rr-zero' : 'bt-rr-grid'}>
          <line x1={px(t)} x2={px(t)} y1={top} y2={H - bottom} />
          <text x={px(t)} y={H - bottom + 14} textAnchor="middle">
            {pctTickText(t, x.decimals)}
          </text>
        </g>
      ))}
      <text className="bt-rr-axis" x={(left + W - right) / 2} y={H - 4} textAnchor="middle">
        {xLabel}
      </text>
      <text className="bt-rr-axis" x={12} y={(top + H - bottom) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(top + H - bottom) / 2})`}>
        {yLabel}
      </text>
    </>
  );
}
