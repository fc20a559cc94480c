// Every run of this session side by side: progress while running, then its metrics; a tick draws it on
// the charts, a click on the row lists its trades and notes. Each metric cell carries its exact value
// (data-value) for tests and copy. Beside the max drawdown, the 95th percentile of the drawdown with the
// trades resampled (Monte Carlo): how deep the same edge could plausibly have gone. Beside the fees, what
// the shorts paid to borrow, once a run in the table could short. A finished run's whole report saves as
// HTML or JSON from its row. The less-read figures (CAGR, Sortino, fees...) are not columns, so the table fits
// a 1280 px window without scrolling sideways: their cells stay in each row, hidden (their data-value still
// there), and a line under the table says them for the run clicked (else the newest); "Every figure as a
// column" shows them all side by side.
import { useState } from 'react';
import type { ReportFormat } from '../../../../shared/contract/commands/backtest.ts';
import { useApi } from '../../api/api-context.tsx';
import { cancelReport, cancelRun, saveReport, selectRun, toggleShown } from './backtest-actions.ts';
import { detailRun, useBacktest, type RunSummary } from './backtest-store.ts';
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { metricColumnsFor, mixedAssets, withAsset } from './metric-columns.ts';
import { NAME_LINES_SEP, nameCell } from './run-name-cell.ts';
import { manyExchanges, marketsLabel } from './run-markets.ts';
import { moneyText, spanText, termsDiffer, termsText } from './run-terms.ts';
import { selectableRow } from './selectable-row.ts';
import { statusWords } from './run-status.ts';
import { drawLimitNote, MAX_DRAWN } from './curve-keys.ts';
import type { MetricColumn } from './metric-columns.ts';

export function RunsTable() {
  const api = useApi();
  const { runs, shown, results, savingReport: saving, reportProgress } = useBacktest();
  const full = shown.length >= MAX_DRAWN;
  const savingText = (runId: string, format: ReportFormat) => {
    const p = reportProgress[runId];
    return `Saving ${format.toUpperCase()}…${p === undefined ? '' : ` ${Math.floor(p * 100)}%`}`;
  };
  const detail = useBacktest((s) => detailRun(s)?.runId ?? null);
  // Every figure as a column, to compare several runs' CAGR or fees side by side (the table then scrolls sideways).
  const [allFigures, setAllFigures] = useState(false);
  if (runs.length === 0) return <p className="bt-empty">No runs yet: choose a strategy and a series, then Run backtest.</p>;
  const columns = metricColumnsFor(runs);
  // Runs of markets quoted in different assets (XRP/ETH beside BTC/USDT): each amount says which.
  const assets = mixedAssets(runs);
  const withTerms = termsDiffer(runs);
  const withExchange = manyExchanges(runs.map((r) => r.request));
  const limitNote = drawLimitNote(shown.length, runs.filter((r) => r.status === 'done').length);
  return (
    <>
      {/* The limit's words on the box's line: on a laptop the table under them has little height to give. */}
      <div className="bt-runs-head">
        <label className="bt-all-figures" title="Show CAGR, Sortino, fees, buy & hold and the other figures as columns, side by side for every run (the table then scrolls sideways on a narrow window)">
          <input type="checkbox" data-testid="bt-all-figures" checked={allFigures} onChange={(e) => setAllFigures(e.target.checked)} /> Every figure as a column
        </label>
        {limitNote && (
          <span className="bt-draw-limit" data-testid="bt-draw-limit" role="status">
            {limitNote}
          </span>
        )}
      </div>
    <div className="bt-table-wrap">
      <table className={allFigures ? 'bt-table bt-all' : 'bt-table'} data-testid="bt-runs">
        <thead>
          <tr>
            <th />
            <th>Run</th>
            <th>Series</th>
            {withTerms && <th title="The run's dates, capital, fee per fill (and slippage): runs alike in strategy and market but not in these read the same otherwise">Dates · capital · fee</th>}
            <th className="bt-status">Status</th>
            {columns.map((c) => [
              <th key={c.key} className={c.more ? 'bt-more' : undefined}>
                {c.label}
              </th>,
              c.key === 'maxDrawdownPct' && (
                <th key="mc-dd" title="Max drawdown, 95th percentile of the Monte Carlo with the run's trades resampled (the Monte Carlo tab has the bands)">
                  DD p95 (MC)
                </th>
              ),
            ])}
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            // A click on a run, or Enter or Space on it, lists its trades and notes below (the checkbox only draws or hides its curves).
            <tr key={r.runId} data-run-id={r.runId} data-status={r.status} {...selectableRow(r.runId === detail, () => selectRun(api, r.runId))}>
              {/* Past MAX_DRAWN a run would be drawn in a colour and stroke another drawn run already has: said on the cell, a disabled box shows no tooltip of its own. */}
              <td title={r.status === 'done' && full && !shown.includes(r.runId) ? `${MAX_DRAWN} runs are drawn, the most at once (each in a colour and stroke of its own): untick one to draw this one` : undefined}>
                <input type="checkbox" aria-label={`chart ${r.runId}`} checked={shown.includes(r.runId)} disabled={r.status !== 'done' || (full && !shown.includes(r.runId))} onChange={() => toggleShown(api, r.runId)} onClick={(e) => e.stopPropagation()} />
              </td>
              <NameCellTd run={r} />
              <td data-field="series">{marketsLabel(r.request, withExchange)}</td>
              {withTerms && (
                // Two short lines, the dates unbroken: wrapped in the column's width they took four, and a laptop saw a row and a half. The whole, a hover away.
                <td data-field="terms" title={termsText(r.request)}>
                  <span className="bt-terms-span">{spanText(r.request)}</span>
                  <span className="bt-terms-money">{moneyText(r.request)}</span>
                </td>
              )}
              <td className="bt-status">
                {r.status === 'queued' ? (
                  // Waiting for a core: runs beyond the machine's cores start as others end.
                  <span className="bt-progress" title="waiting for a free core; it starts when a running one ends">
                    queued{' '}
                    <button type="button" onClick={() => void cancelRun(api, r.runId)}>
                      Cancel
                    </button>
                  </span>
                ) : r.status === 'running' ? (
                  <span className="bt-progress" data-testid="bt-progress">
                    <progress max={1} value={r.progress} /> {Math.round(r.progress * 100)}%{' '}
                    <button type="button" onClick={() => void cancelRun(api, r.runId)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  <span title={r.error ?? undefined} data-testid="bt-status-words">
                    {statusWords(r)}
                  </span>
                )}
                {r.status === 'failed' && r.error && (
                  // Said in the row: in a tooltip only, a failed run gave no reason one could see (its row opens no result either).
                  <span className="bt-run-error" data-testid="bt-run-error">
                    {r.error}
                  </span>
                )}
                {r.notKept && (
                  // Said in the row: after a restart the run is gone, and a log line alone left that to be found then.
                  <span className="bt-run-error" data-testid="bt-not-kept" title="Free space on the journal's disk and run it again to keep it">
                    not kept: {r.notKept}
                  </span>
                )}
                {r.status === 'done' && (
                  // The whole report, as keel backtest --html / --json writes it (every trade and bar, not the page's sample).
                  <span className="bt-report" onClick={(e) => e.stopPropagation()}>
                    <button type="button" data-testid="bt-report-html" title="Save the HTML report: charts, monthly returns, every trade" disabled={saving[r.runId] !== undefined} onClick={() => void saveReport(api, r.runId, 'html')}>
                      {saving[r.runId] === 'html' ? savingText(r.runId, 'html') : 'HTML'}
                    </button>
                    <button type="button" data-testid="bt-report-json" title="Save the JSON report: every fill, the equity at every bar, the trades" disabled={saving[r.runId] !== undefined} onClick={() => void saveReport(api, r.runId, 'json')}>
                      {saving[r.runId] === 'json' ? savingText(r.runId, 'json') : 'JSON'}
                    </button>
                    <button type="button" data-testid="bt-report-csv" title="Save the trades as CSV: every round trip, one row each, for a spreadsheet" disabled={saving[r.runId] !== undefined} onClick={() => void saveReport(api, r.runId, 'csv')}>
                      {saving[r.runId] === 'csv' ? savingText(r.runId, 'csv') : 'CSV'}
                    </button>
                    {saving[r.runId] !== undefined && (
                      <button type="button" data-testid="bt-report-cancel" title="Stop making the report; nothing is saved" onClick={() => void cancelReport(api, r.runId)}>
                        Cancel
                      </button>
                    )}
                  </span>
                )}
              </td>
              {columns.map((c) => {
                const v = r.metrics?.[c.key] ?? null;
                const cell = (
                  <td key={c.key} className={c.more ? 'bt-more' : undefined} data-metric={c.key} data-value={v === null ? '' : String(v)}>
                    {r.metrics ? withAsset(c.format(v, r.metrics), c.key, assets?.[i]) : ''}
                  </td>
                );
                if (c.key !== 'maxDrawdownPct') return cell;
                // From the runs list, which carries it for every run: the page fetches only some runs' whole
                // results (the newest, and those ticked or clicked). A result stands in for an engine that sends none.
                const dd = r.mcDrawdownP95 !== undefined ? r.mcDrawdownP95 : (results[r.runId]?.monteCarlo?.resample.maxDrawdownPct.p95 ?? null);
                const known = r.status === 'done' && (r.mcDrawdownP95 !== undefined || results[r.runId] !== undefined);
                return [
                  cell,
                  <td key="mc-dd" data-mc="resample-dd-p95" data-value={dd === null ? '' : String(dd)}>
                    {known ? pctText(dd) : ''}
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
        {!allFigures && <MoreFigures run={runs.find((r) => r.runId === detail)} columns={columns} span={4 + (withTerms ? 1 : 0) + columns.filter((c) => !c.more).length + 1} asset={assets?.[runs.findIndex((r) => r.runId === detail)]} />}
      </table>
    </div>
    </>
  );
}

/** Under the table, the run clicked's figures that are not columns ("bt-3 · CAGR 12.40% · Sortino 1.52 · ..."), each with its exact value. */
function MoreFigures({ run, columns, span, asset }: { run: RunSummary | undefined; columns: readonly MetricColumn[]; span: number; asset: string | undefined }) {
  const metrics = run?.metrics;
  if (!run || !metrics) return null;
  return (
    <tfoot>
      <tr>
        <td colSpan={span} className="bt-more-line" data-testid="bt-run-more" data-run-id={run.runId}>
          <span className="muted">{run.runId}:</span>
          {columns
            .filter((c) => c.more)
            .map((c) => {
              const v = metrics[c.key] ?? null;
              return (
                <span key={c.key} className="bt-more-figure" data-more={c.key} data-value={v === null ? '' : String(v)}>
                  <span className="muted">{c.label}</span> {withAsset(c.format(v, metrics), c.key, asset)}
                </span>
              );
            })}
        </td>
      </tr>
    </tfoot>
  );
}

/** The run's name in two lines at most, each cut where the column is narrow (run-name-cell.ts); the whole name a hover away. */
function NameCellTd({ run }: { run: RunSummary }) {
  const cell = nameCell(run);
  return (
    <td className="bt-label" title={cell.title}>
      <span className="bt-label-strategy">{cell.strategy}</span>
      <span className="bt-label-sep">{NAME_LINES_SEP}</span>
      <span className="bt-label-terms">{cell.terms}</span>
    </td>
  );
}
