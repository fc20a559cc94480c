// Return against max drawdown for the runs of a comparison: a point per finished run, a colour and fill per
// strategy (run-marks.ts: solid, hollow, cored), a marker per risk mode (the matrix beside it is the legend), buy and hold as a dashed line (or,
// far beyond the runs' returns, its figure at that edge). Up and to the left is better. An SVG
// on the page's plot axes (plot-axes.ts, PlotAxes.tsx); a click on a point selects its run.
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { useApi } from '../../api/api-context.tsx';
import type { CompareMatrix } from './compare-matrix.ts';
import { selectRun } from './backtest-actions.ts';
import { markPaint, type RunMark } from './run-marks.ts';
import { plotScale, type PlotBox } from './plot-axes.ts';
import { PlotAxes } from './PlotAxes.tsx';
import { riskReturnPlot, type RiskPoint } from './risk-return.ts';

const BOX: PlotBox = { width: 480, height: 210, left: 52, right: 14, top: 12, bottom: 36 };
const R = 6;

/**
 * A marker per mode, so colour-blind readers and print can still tell the modes apart; filled as its row's
 * mark is (solid, hollow, or hollow round a dot of the colour: the 7th and 13th strategies apart from the 1st).
 */
export function Marker({ mode, x, y, mark }: { mode: string; x: number; y: number; mark: RunMark }) {
  const { core, ...paint } = markPaint(mark);
  return (
    <g data-fill={mark.fill}>
      <MarkerShape mode={mode} x={x} y={y} paint={paint} />
      {/* The triangle's middle sits below its y (its point is higher than its base is low). */}
      {core && <circle cx={x} cy={mode === 'aggressive' ? y + 2 : y} r={2} fill={mark.color} />}
    </g>
  );
}

function MarkerShape({ mode, x, y, paint }: { mode: string; x: number; y: number; paint: { fill: string; stroke: string; strokeWidth: number } }) {
  if (mode === 'moderate') return <rect x={x - R} y={y - R} width={2 * R} height={2 * R} {...paint} />;
  if (mode === 'aggressive') return <polygon points={`${x},${y - R - 1} ${x + R + 1},${y + R} ${x - R - 1},${y + R}`} {...paint} />;
  if (mode === 'custom') return <polygon points={`${x},${y - R - 1} ${x + R + 1},${y} ${x},${y + R + 1} ${x - R - 1},${y}`} {...paint} />;
  return <circle cx={x} cy={y} r={R} {...paint} />;
}

/** Room above the plot for buy and hold's figure when it lies above the axis. */
const ABOVE_TOP = 24;

/**
 * Buy and hold beyond the return axis: its figure outside the plot on the side it lies past (over it, or at
 * the right of the axis name under it), with an arrow that way (a shape, so the text reads as the line's
 * label does), and no line, which would put it where it is not. Outside, so it covers no point.
 */
function HoldBeyond({ box, returnPct, edge }: { box: PlotBox; returnPct: number; edge: 'above' | 'below' }) {
  const x = box.width - box.right;
  const y = edge === 'above' ? box.top - 8 : box.height - 4;
  const tip = edge === 'above' ? y - 9 : y + 1;
  const base = edge === 'above' ? y - 3 : y - 5;
  return (
    <g className="bt-rr-hold is-off" data-testid="bt-rr-hold" data-off={edge}>
      <text x={x - 12} y={y} textAnchor="end">
        buy & hold {pctText(returnPct)}
      </text>
      <path d={`M ${x - 8} ${base} L ${x - 4} ${tip} L ${x} ${base}`} />
    </g>
  );
}

export function RiskReturnPlot({ matrix, selected }: { matrix: CompareMatrix; selected: string | null }) {
  const api = useApi();
  const plot = riskReturnPlot(matrix);
  if (!plot) return null;
  const { x, y } = plot;
  const box = plot.buyHoldOff === 'above' ? { ...BOX, top: ABOVE_TOP } : BOX;
  const scale = plotScale(box, x, y);
  const { px, py } = scale;
  const text = (p: RiskPoint) => `${p.label}: return ${pctText(p.returnPct)}, max drawdown ${pctText(p.drawdownPct)}`;
  return (
    <figure className="bt-riskreturn">
      <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={`Return against max drawdown: ${plot.points.map(text).join('; ')}${plot.buyHoldOff && plot.buyHoldReturnPct !== null ? `; buy and hold ${pctText(plot.buyHoldReturnPct)}, ${plot.buyHoldOff} the plot` : ''}`} data-testid="bt-riskreturn">
        <PlotAxes box={box} x={x} y={y} scale={scale} xLabel="max drawdown" yLabel="return" />
        {plot.buyHoldReturnPct !== null && plot.buyHoldOff !== null && <HoldBeyond box={box} returnPct={plot.buyHoldReturnPct} edge={plot.buyHoldOff} />}
        {plot.buyHoldReturnPct !== null && plot.buyHoldOff === null && (
          <g className="bt-rr-hold" data-testid="bt-rr-hold">
            <line x1={box.left} x2={box.width - box.right} y1={py(plot.buyHoldReturnPct)} y2={py(plot.buyHoldReturnPct)} />
            <text x={box.width - box.right - 4} y={py(plot.buyHoldReturnPct) - 4} textAnchor="end">
              buy & hold {pctText(plot.buyHoldReturnPct)}
            </text>
          </g>
        )}
        {plot.points.map((p) => (
          <g
            key={p.runId}
            className={`bt-rr-point ${p.runId === selected ? 'is-selected' : ''}`}
            data-run-id={p.runId}
            data-return={p.returnPct}
            data-drawdown={p.drawdownPct}
            data-cx={px(p.drawdownPct)}
            data-cy={py(p.returnPct)}
            onClick={() => selectRun(api, p.runId)}
          >
            <title>{text(p)}</title>
            {p.runId === selected && <circle cx={px(p.drawdownPct)} cy={py(p.returnPct)} r={R + 4} className="bt-rr-ring" />}
            <Marker mode={matrix.modes[p.col]!} x={px(p.drawdownPct)} y={py(p.returnPct)} mark={p.mark} />
          </g>
        ))}
      </svg>
    </figure>
  );
}
