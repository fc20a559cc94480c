// One run's Monte Carlo bands: the 5th, 50th and 95th percentiles of its return and max drawdown with the
// trades reordered and resampled, as `keel backtest --monte-carlo N --seed S` prints them, each beside a
// bar that draws the 5th–95th band with the median and the run's own value marked, so where the run fell
// in its luck reads at a glance. Every cell carries its exact value (data-*) for tests and copy.
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { openLeftOutText } from '../../../../shared/backtest/monte-carlo-methods.ts';
import { formatCount } from '../../lib/format.ts';
import type { RunResult } from './backtest-store.ts';
import { at, bandCells, bandLabel, bandRows, MC_METHODS, MC_METRICS, METHOD_LABEL, METHOD_TEXT, METRIC_LABEL, metricScale, noBandsReason, type BandRow, type Scale } from './mc-bands.ts';
import { RunHeading } from './RunDetails.tsx';

const data = (v: number | null) => (v === null ? '' : String(v));

export function MonteCarloPanel({ run }: { run: RunResult }) {
  const mc = run.monteCarlo;
  const reason = noBandsReason(run);
  const leftOut = mc ? openLeftOutText(run.metrics?.openTrades ?? 0, pctText(mc.actual.returnPct), pctText(run.metrics?.totalReturnPct ?? null)) : null;
  return (
    <div className="bt-detail" data-testid="bt-mc" data-run-id={run.runId} data-runs={mc?.runs ?? 0} data-trades={mc?.trades ?? 0}>
      <RunHeading run={run} />
      {!mc ? (
        <p className="bt-empty" data-testid="bt-mc-none">
          {reason}
        </p>
      ) : (
        <>
          <p className="bt-hint">
            {formatCount(mc.runs)} simulations of {formatCount(mc.trades)} closed trades (seed {run.request.seed}), each trade as its return on the equity before it, compounded.
          </p>
          <ul className="bt-mc-methods">
            {MC_METHODS.map((m) => (
              <li key={m}>{METHOD_TEXT[m]}</li>
            ))}
          </ul>
          <McTable rows={bandRows(mc)} />
          <p className="bt-hint bt-mc-legend">
            <i className="bt-mc-key-band" /> 5th–95th percentile <i className="bt-mc-key-median" /> median <i className="bt-mc-key-actual" /> this run: its trades in the order they closed, measured like the
            simulations, from closed trade to closed trade. The runs table's max drawdown ({pctText(run.metrics?.maxDrawdownPct ?? null)}) is measured bar by bar and also sees the losses inside each trade, so it
            is deeper.
            {leftOut !== null && <span data-testid="bt-mc-open-left-out"> {leftOut}</span>}
          </p>
        </>
      )}
    </div>
  );
}

function McTable({ rows }: { rows: BandRow[] }) {
  return (
    <table className="bt-table bt-mc-table" data-testid="bt-mc-table">
      <thead>
        <tr>
          <th>Trades</th>
          <th>5th pct</th>
          <th>Median</th>
          <th>95th pct</th>
          <th>This run</th>
          <th className="bt-mc-bar-cell">5th–95th band</th>
        </tr>
      </thead>
      {MC_METRICS.map((metric) => {
        const group = rows.filter((r) => r.metric === metric);
        const scale = metricScale(group);
        return (
          <tbody key={metric}>
            <tr className="bt-mc-group">
              <th colSpan={5}>{METRIC_LABEL[metric]}</th>
              <th className="bt-mc-bar-cell">
                <span className="bt-mc-axis" aria-label={`axis from ${pctText(scale.min)} to ${pctText(scale.max)}`}>
                  <span>{pctText(scale.min)}</span>
                  <span>{pctText(scale.max)}</span>
                </span>
              </th>
            </tr>
            {group.map((r) => (
              <tr key={r.method} data-testid="bt-mc-row" data-method={r.method} data-metric={r.metric} data-p5={data(r.p5)} data-p50={data(r.p50)} data-p95={data(r.p95)} data-actual={data(r.actual)}>
                <td>{METHOD_LABEL[r.method]}</td>
                {bandCells(r).map((text, k) => (
                  <td key={k}>{text}</td>
                ))}
                <td className="bt-mc-bar-cell">
                  <RangeBar row={r} scale={scale} />
                </td>
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  );
}

/** The band from the 5th to the 95th percentile, a tick at the median, a dot at the run; a line at 0 when the axis crosses it. */
function RangeBar({ row, scale }: { row: BandRow; scale: Scale }) {
  const { p5, p50, p95, actual } = row;
  return (
    <div className="bt-mc-bar" role="img" aria-label={bandLabel(row)} title={bandLabel(row)}>
      {scale.min < 0 && scale.max > 0 && <span className="bt-mc-zero" style={{ left: `${at(0, scale)}%` }} />}
      {p5 !== null && p95 !== null && <span className="bt-mc-band" style={{ left: `${at(p5, scale)}%`, width: `${at(p95, scale) - at(p5, scale)}%` }} />}
      {p50 !== null && <span className="bt-mc-median" style={{ left: `${at(p50, scale)}%` }} />}
      {actual !== null && <span className="bt-mc-actual" style={{ left: `${at(actual, scale)}%` }} />}
    </div>
  );
}
