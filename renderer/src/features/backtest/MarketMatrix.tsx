// The "Across markets" tab: the selected run's strategies on every series they ran on with the same money
// and dates; each cell its return, max drawdown and Sharpe, a green bar down its left edge where it beat that
// market's buy and hold (the return's own colour is its sign, as everywhere);
// the last column counts the markets it beat and made money on. Beside it the returns as bars grouped by
// market, each market's buy and hold a dashed line across its group. A click on a cell or bar selects
// that run. A portfolio run is not in it (it trades its markets together): selected, the tab says so.
import { useApi } from '../../api/api-context.tsx';
import { holdLabelY } from './hold-label.ts';
import { selectRun } from './backtest-actions.ts';
import { useBacktest } from './backtest-store.ts';
import type { MatrixCell } from './compare-matrix.ts';
import { CellFigures, compareAnchor } from './CompareMatrix.tsx';
import { marketBarsAxis, marketMatrix, marketSpan, type MarketMatrix } from './market-matrix.ts';
import { METRIC_COLUMNS } from './metric-columns.ts';
import { pctTickText } from './plot-axes.ts';
import { markPaint, markSwatch } from './run-marks.ts';
import { isPortfolio } from './run-markets.ts';

const column = (key: string) => METRIC_COLUMNS.find((c) => c.key === key)!;
const pct = column('totalReturnPct').format;

export function MarketMatrixPanel() {
  const runs = useBacktest((s) => s.runs);
  const selected = useBacktest((s) => s.selected);
  const anchor = compareAnchor({ runs, selected });
  if (anchor && isPortfolio(anchor.request)) {
    return <p className="bt-empty">This run trades its markets together, from one account: each market's part is under Trades. Runs of one market each are compared here.</p>;
  }
  const m = marketMatrix(runs, anchor);
  if (!m) return <p className="bt-empty">Tick other series under the form (markets) to run the same strategies on them; runs of a strategy on several markets with the same money and dates are compared here.</p>;
  return (
    <div className="bt-compare-panel">
      <p className="bt-hint" data-testid="bt-markets-context">
        {m.runs} runs on {m.markets.length} markets with the same money and dates; each cell: return · max drawdown · Sharpe (the return green above 0, red below), with a green bar down its left edge where it beat the market's buy & hold
      </p>
      {m.spansDiffer && (
        <p className="bt-hint bt-warn-text" data-testid="bt-markets-spans">
          The markets cover different stretches of time ({m.markets.map((k) => `${k.label} ${marketSpan(k)}`).join(', ')}): their returns are not over the same time. Give From and To to compare them over one stretch.
        </p>
      )}
      <div className="bt-compare-body">
        <table className="bt-table bt-matrix" data-testid="bt-markets" aria-label="Runs by strategy and market">
          <thead>
            <tr>
              <th>Strategy · mode</th>
              {m.markets.map((k) => (
                <th key={k.key} data-series={k.key}>
                  {k.label}
                  <small className="bt-hold" data-field="buyHoldReturnPct" data-value={k.buyHoldReturnPct ?? ''}>
                    buy & hold {pct(k.buyHoldReturnPct)}
                  </small>
                </th>
              ))}
              <th title="Markets where the run beat buy and hold, and where it made money, of those finished">Holds on</th>
            </tr>
          </thead>
          <tbody>
            {m.rows.map((row) => (
              <tr key={row.label} data-row={row.label}>
                <td className="bt-label">
                  <i className="bt-rr-swatch" data-fill={row.mark.fill} style={markSwatch(row.mark)} />
                  {row.label}
                </td>
                {row.cells.map((cell, i) => (
                  <Cell key={m.markets[i]!.key} cell={cell} series={m.markets[i]!.key} hold={m.markets[i]!.buyHoldReturnPct} selected={cell?.runId === selected} />
                ))}
                <td className="bt-holds" data-beat={row.beat} data-positive={row.positive} data-done={row.done}>
                  {row.done === 0 ? '–' : `beat B&H ${row.beat}/${row.done} · made money ${row.positive}/${row.done}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MarketBars matrix={m} selected={selected} />
      </div>
    </div>
  );
}

function Cell({ cell, series, hold, selected }: { cell: MatrixCell | null; series: string; hold: number | null; selected: boolean }) {
  const api = useApi();
  if (!cell) return <td data-series={series} className="bt-matrix-none" />;
  const ret = cell.status === 'done' ? (cell.metrics?.['totalReturnPct'] ?? null) : null;
  const beat = ret !== null && hold !== null && ret > hold;
  const classes = ['bt-matrix-cell', beat ? 'is-beat' : '', selected ? 'is-selected' : ''].join(' ');
  return (
    <td data-series={series} data-run-id={cell.runId} data-status={cell.status} className={classes} onClick={() => selectRun(api, cell.runId)}>
      <CellFigures cell={cell} />
    </td>
  );
}

const W = 480;
const H = 220;
const M = { left: 52, right: 10, top: 12, bottom: 30 };

/**
 * Returns as bars, a group per market, a colour and fill per row (the table is the legend; run-marks.ts: a
 * hollow bar for rows 7–12, a hollow one with a stripe of the colour down its middle for 13–18); buy and
 * hold dashed over each group.
 */
function MarketBars({ matrix: m, selected }: { matrix: MarketMatrix; selected: string | null }) {
  const api = useApi();
  const y = marketBarsAxis(m);
  if (!y) return null;
  const py = (v: number) => H - M.bottom - ((v - y.min) / (y.max - y.min)) * (H - M.top - M.bottom);
  const groupW = (W - M.left - M.right) / m.markets.length;
  const barW = Math.max(2, Math.min(28, (groupW * 0.8) / m.rows.length));
  const gx = (i: number) => M.left + i * groupW + (groupW - barW * m.rows.length) / 2;
  /** Market i's bars, each as its [top, bottom] in pixels. */
  const spans = (i: number) =>
    m.rows.flatMap((row) => {
      const c = row.cells[i];
      const v = c?.status === 'done' ? c.metrics?.['totalReturnPct'] : undefined;
      return typeof v === 'number' ? [[Math.min(py(v), py(0)), Math.max(py(v), py(0))] as const] : [];
    });
  return (
    <figure className="bt-riskreturn">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Return on each market, with its buy and hold" data-testid="bt-market-bars">
        {y.ticks.map((t) => (
          <g key={t} className={t === 0 ? 'bt-rr-zero' : 'bt-rr-grid'}>
            <line x1={M.left} x2={W - M.right} y1={py(t)} y2={py(t)} />
            <text x={M.left - 6} y={py(t) + 3} textAnchor="end">
              {pctTickText(t, y.decimals)}
            </text>
          </g>
        ))}
        {m.markets.map((k, i) => (
          <g key={k.key} data-series={k.key}>
            <text x={M.left + (i + 0.5) * groupW} y={H - M.bottom + 16} textAnchor="middle">
              {k.label}
            </text>
            {m.rows.map((row, r) => {
              const c = row.cells[i];
              const v = c?.status === 'done' ? c.metrics?.['totalReturnPct'] : undefined;
              if (!c || typeof v !== 'number') return null;
              const top = Math.min(py(v), py(0));
              const height = Math.max(1, Math.abs(py(v) - py(0)));
              const x = gx(i) + r * barW;
              const { core, ...paint } = markPaint(row.mark);
              // The outline drawn inside the bar (inset by half its width), so neighbouring bars keep their gap.
              const inset = row.mark.fill === 'solid' ? 0 : Math.min(paint.strokeWidth / 2, (barW - 1) / 4);
              return (
                <g key={row.label}>
                  <rect
                    className={`bt-bar ${c.runId === selected ? 'is-selected' : ''}`}
                    data-run-id={c.runId}
                    data-return={v}
                    data-fill={row.mark.fill}
                    x={x + inset}
                    y={top + inset}
                    width={Math.max(0.5, barW - 1 - 2 * inset)}
                    height={Math.max(0.5, height - 2 * inset)}
                    {...paint}
                    strokeWidth={row.mark.fill === 'solid' ? 0 : 2 * inset}
                    onClick={() => selectRun(api, c.runId)}
                  >
                    <title>{`${row.label} on ${k.label}: ${pct(v)} (buy & hold ${pct(k.buyHoldReturnPct)})`}</title>
                  </rect>
                  {core && <rect x={x + (barW - 1) / 2 - Math.max(0.5, (barW - 1) / 8)} y={top} width={Math.max(1, (barW - 1) / 4)} height={height} fill={row.mark.color} pointerEvents="none" />}
                </g>
              );
            })}
            {k.buyHoldReturnPct !== null && (
              <g className="bt-rr-hold" data-testid="bt-market-hold" data-value={k.buyHoldReturnPct}>
                {/* Over the bars, on a dark underlay: a bar rising past the level hid the dashes. */}
                <line className="bt-rr-hold-under" x1={gx(i) - 4} x2={gx(i) + barW * m.rows.length + 3} y1={py(k.buyHoldReturnPct)} y2={py(k.buyHoldReturnPct)} />
                <line x1={gx(i) - 4} x2={gx(i) + barW * m.rows.length + 3} y1={py(k.buyHoldReturnPct)} y2={py(k.buyHoldReturnPct)} />
                <text x={M.left + (i + 0.5) * groupW} y={holdLabelY(spans(i), py(k.buyHoldReturnPct))} textAnchor="middle">
                  B&H {pct(k.buyHoldReturnPct)}
                </text>
              </g>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}
