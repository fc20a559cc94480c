// "Run-up and drawdown" on a run's Trades tab: every closed trade listed, a dot at how far it went against
// it (across) and what it returned (up), coloured by how it ended (excursion-plot.ts), on the same axes as
// the comparison's risk/return plot. Each dot's tooltip is the trade: its dates, return, run-up and drawdown.
import { exitLabel } from '../../../../shared/backtest/exit-label.ts';
import { exitsWords } from './exits-view.ts';
import type { RunResult } from './backtest-store.ts';
import { excursionPlot } from './excursion-plot.ts';
import { PlotAxes } from './PlotAxes.tsx';
import { tradeSummary } from './trade-view.ts';

const R = 3.5;

export function ExcursionPlot({ run }: { run: RunResult }) {
  const plot = excursionPlot(run.trades, run.request.stopLossPct ?? null);
  if (!plot) return null;
  const { box, x, y, scale, points } = plot;
  const stopX = plot.stopLossPct === null ? null : scale.px(-plot.stopLossPct);
  const exits = exitsWords(run.request);
  return (
    <figure className="bt-riskreturn bt-excursions">
      <figcaption className="bt-chart-title">
        Run-up and drawdown
        <span className="bt-legend" data-testid="bt-excursions-legend">
          {plot.legend.map((l) => (
            <span key={l.reason} data-reason={l.reason} data-count={l.trades}>
              <i className="is-round" style={{ background: l.color }} />
              {exitLabel(l.reason)} {l.trades}
            </span>
          ))}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="img"
        aria-label={`Return against drawdown of ${points.length} closed trades${exits ? `, every entry with ${exits}` : ''}`}
        data-testid="bt-excursions"
        data-points={points.length}
      >
        <PlotAxes box={box} x={x} y={y} scale={scale} xLabel="drawdown while open (worst move against the trade)" yLabel="return" />
        {stopX !== null && (
          <g className="bt-rr-hold" data-testid="bt-excursions-stop">
            <line x1={stopX} x2={stopX} y1={box.top} y2={box.height - box.bottom} />
            {/* Over the frame, at the line's head: inside, the foot is where the stopped trades sit (the label
                covered them) and the top where a take-profit's winners do. */}
            <text x={stopX + 4} y={box.top - 2}>
              stop-loss {plot.stopLossPct}%
            </text>
          </g>
        )}
        {points.map((p) => (
          <circle
            key={p.n}
            className="bt-excursion-dot"
            data-n={p.n}
            data-exit={p.exit}
            data-drawdown={p.trade.drawdownPct}
            data-return={p.trade.returnPct}
            data-run-up={p.trade.runUpPct ?? ''}
            cx={p.cx}
            cy={p.cy}
            r={R}
            fill={p.color}
          >
            <title>{tradeSummary(p.n, p.trade, exitLabel(p.exit))}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
