// The "By strategy & mode" tab: the selected run's comparison group (same data and money) as a matrix,
// strategies down, risk modes across; each cell its return, max drawdown and Sharpe, the best return of
// each row marked. Cells of runs still queued or running show where they are; a click selects that run.
// Beside it the same runs as points, return against max drawdown.
import { useApi } from '../../api/api-context.tsx';
import { useBacktest, type RunSummary } from './backtest-store.ts';
import { compareMatrix, type MatrixCell } from './compare-matrix.ts';
import { exitsWords } from './exits-view.ts';
import { METRIC_COLUMNS } from './metric-columns.ts';
import { selectRun } from './backtest-actions.ts';
import { Marker, RiskReturnPlot } from './RiskReturnPlot.tsx';
import { markSwatch } from './run-marks.ts';
import { statusWords } from './run-status.ts';

const column = (key: string) => METRIC_COLUMNS.find((c) => c.key === key)!;
const FIGURES = [column('totalReturnPct'), column('maxDrawdownPct'), column('sharpe')];

/** The run the comparison is of: the one selected in the table, else the newest. */
export function compareAnchor(s: { runs: readonly RunSummary[]; selected: string | null }): RunSummary | null {
  return s.runs.find((r) => r.runId === s.selected) ?? s.runs[0] ?? null;
}

export function CompareMatrixPanel() {
  const runs = useBacktest((s) => s.runs);
  const selected = useBacktest((s) => s.selected);
  const anchor = compareAnchor({ runs, selected });
  const m = compareMatrix(runs, anchor);
  // The group shares its exits (groupKey): said once here, since the rows name strategies only.
  const exits = anchor ? exitsWords(anchor.request) : '';
  if (!m) return <p className="bt-empty">Tick other strategies or risk modes under the form to run them side by side; runs on the same data with the same money are compared here.</p>;
  return (
    <div className="bt-compare-panel">
      <p className="bt-hint" data-testid="bt-matrix-context">
        {m.runs} runs on the same data and money{exits && `, every entry with ${exits}`}; each cell: return · max drawdown · Sharpe (the best return of a row in bold)
        {m.buyHoldReturnPct !== null && ` · buy & hold ${column('buyHoldReturnPct').format(m.buyHoldReturnPct)}`}
      </p>
      <div className="bt-compare-body">
        <table className="bt-table bt-matrix" data-testid="bt-matrix" aria-label="Runs by strategy and risk mode">
          <thead>
            <tr>
              <th>Strategy</th>
              {m.modes.map((mode, i) => (
                <th key={m.columns[i]}>
                  <svg className="bt-rr-key" viewBox="-8 -8 16 16" aria-hidden="true">
                    <Marker mode={mode} x={0} y={0} mark={{ color: '#8393a5', fill: 'solid' }} />
                  </svg>
                  {m.columns[i]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.rows.map((row) => (
              <tr key={row.label} data-strategy={row.label}>
                <td className="bt-label">
                  <i className="bt-rr-swatch" data-fill={row.mark.fill} style={markSwatch(row.mark)} />
                  {row.label}
                </td>
                {row.cells.map((cell, i) => (
                  <Cell key={m.columns[i]} cell={cell} mode={m.modes[i]!} best={row.best.includes(i)} selected={cell?.runId === selected} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <RiskReturnPlot matrix={m} selected={selected} />
      </div>
      {m.alike.map((line) => (
        <p key={line} className="bt-hint" data-testid="bt-matrix-alike">
          {line}
        </p>
      ))}
    </div>
  );
}

function Cell({ cell, mode, best, selected }: { cell: MatrixCell | null; mode: string; best: boolean; selected: boolean }) {
  const api = useApi();
  if (!cell) return <td data-mode={mode} className="bt-matrix-none" />;
  const classes = ['bt-matrix-cell', best ? 'is-best' : '', selected ? 'is-selected' : ''].join(' ');
  return (
    <td data-mode={mode} data-run-id={cell.runId} data-status={cell.status} className={classes} onClick={() => selectRun(api, cell.runId)}>
      <CellFigures cell={cell} />
    </td>
  );
}

/** A finished run's return, max drawdown and Sharpe (the return green or red); a run not done yet, where it is. */
export function CellFigures({ cell }: { cell: MatrixCell }) {
  if (cell.status !== 'done' || !cell.metrics) return <span className="bt-matrix-wait">{statusWords(cell)}</span>;
  return FIGURES.map((f) => {
    const v = cell.metrics![f.key] ?? null;
    return (
      <span key={f.key} data-field={f.key} data-value={v ?? ''} className={f.key === 'totalReturnPct' && v !== null ? (v >= 0 ? 'is-up' : 'is-down') : ''} title={f.label}>
        {f.format(v, cell.metrics!)}
      </span>
    );
  });
}
