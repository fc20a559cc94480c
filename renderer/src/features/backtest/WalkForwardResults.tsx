// The Optimization tab for a walk-forward: the efficiency and the compounded out-of-sample return up top,
// the warnings in amber, the stitched out-of-sample equity, and the folds (their in-sample and
// out-of-sample dates, the winner of each and how it scored and what it returned on both sides, the cells
// of `keel backtest`'s Walk-forward table), each with a button that runs that fold's winner as a backtest
// of its own over all the bars. One cancelled partway shows the folds that completed, labelled with how many
// of the planned folds ran.
import { useApi } from '../../api/api-context.tsx';
import { formatCount } from '../../lib/format.ts';
import { exitsSuffix } from './exits-view.ts';
import { directionSuffix } from './direction-view.ts';
import { borrowSuffix } from './borrow-view.ts';
import { marketsLabel } from './run-markets.ts';
import { runSet } from './search-actions.ts';
import type { SearchResult } from './search-form.ts';
import { partialText } from './search-list.ts';
import { PartialLine } from './PartialLine.tsx';
import { efficiencyText, foldRows, returnText, splitWarnings, type WalkForward } from './walk-forward-view.ts';
import { WalkForwardChart } from './WalkForwardChart.tsx';
import { objectiveText, walkScoreHeads } from '../../../../shared/backtest/objective-label.ts';
import { modeLabel } from './mode-label.ts';

export function WalkForwardResults({ result, wf }: { result: SearchResult; wf: WalkForward }) {
  const api = useApi();
  const r = result.request;
  const rows = foldRows(wf, r.objective);
  const warnings = splitWarnings(wf.warnings);
  // Headed as keel backtest's Walk-forward table heads them ("IS Sharpe"), by the objective maximized.
  const [isHead, oosHead] = walkScoreHeads(r.objective);
  const partial = partialText(result);
  return (
    <div className="bt-detail" data-testid="bt-search" data-status={result.status} data-sets={result.setCount} data-walk-forward={wf.folds.length} data-partial={partial === null ? undefined : `${result.partial!.done}/${result.partial!.planned}`}>
      <p className="bt-detail-head">
        {r.strategy} · {marketsLabel(r)} · {modeLabel(r)}
        {directionSuffix(r)}
        {borrowSuffix(r)}
        {exitsSuffix(r)} · walk-forward: {wf.folds.length} fold{wf.folds.length === 1 ? '' : 's'} × {formatCount(result.setCount)} set{result.setCount === 1 ? '' : 's'} ({r.method}), {r.walkForward?.anchored ? `anchored (in sample from the first bar; the first fold's ${r.walkForward.isRatio}× out of sample)` : `in sample ${r.walkForward?.isRatio}× out of sample`} · maximizing {objectiveText(r.objective)}
      </p>
      {partial !== null && <PartialLine text={partial} />}
      <p className="bt-wf-summary">
        <span title={`Mean out-of-sample ${objectiveText(r.objective)} over mean in-sample ${objectiveText(r.objective)}: 1 held up fully, below 0.5 did not`}>
          Efficiency{' '}
          <b data-testid="bt-wf-efficiency" data-value={wf.efficiency ?? ''}>
            {efficiencyText(wf, r.objective)}
          </b>
        </span>
        <span title="Each fold's winner run untouched on the bars after its in-sample stretch, compounded across the folds">
          Out-of-sample return{' '}
          <b data-testid="bt-wf-return" data-value={wf.outOfSampleReturnPct} className={wf.outOfSampleReturnPct < 0 ? 'is-down' : 'is-up'}>
            {returnText(wf.outOfSampleReturnPct)}
          </b>
        </span>
      </p>
      <WarningLines lines={warnings.lead} />
      {warnings.more.length > 0 && (
        <details className="bt-warnings-more" data-testid="bt-search-warnings-more">
          <summary>
            {warnings.more.length} more warning{warnings.more.length === 1 ? '' : 's'}
          </summary>
          <WarningLines lines={warnings.more} />
        </details>
      )}
      <WalkForwardChart wf={wf} capital={r.capital} />
      <table className="bt-table bt-search-table" data-testid="bt-wf-folds">
        <thead>
          <tr>
            <th>Fold</th>
            <th>In sample</th>
            <th>Out of sample</th>
            <th>Parameters</th>
            <th title={`The ${objectiveText(r.objective)} of the fold's winner over its in-sample bars (what the search maximized)`}>{isHead}</th>
            <th title={`The ${objectiveText(r.objective)} of the fold's winner over its out-of-sample bars`}>{oosHead}</th>
            <th title="The fold's winner's return over its in-sample bars, the ones it was picked on">IS return</th>
            <th title="The fold's winner's return over its out-of-sample bars">OOS return</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.fold} title={f.title} data-fold={f.fold} data-params={f.paramsText} data-is-score={f.isScore ?? ''} data-oos-score={f.oosScore ?? ''} data-is-return={f.isReturnPct ?? ''} data-oos-return={f.oosReturnPct ?? ''}>
              <td>{f.fold}</td>
              <td>{f.inSample}</td>
              <td>{f.outOfSample}</td>
              <td>{f.paramsText}</td>
              <td>{f.isScoreText}</td>
              <td>{f.oosScoreText}</td>
              <td>{f.isReturnText}</td>
              <td>{f.oosReturnText}</td>
              <td>
                <button type="button" data-testid="bt-wf-run-fold" title="Run this fold's winner over all the bars, as a backtest of its own" onClick={() => void runSet(api, r, f.params)}>
                  Run
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Warnings, one amber line each: those shown and those folded away alike. */
function WarningLines({ lines }: { lines: readonly string[] }) {
  return lines.map((w) => (
    <p key={w} className="bt-warning" data-testid="bt-search-warning">
      {w}
    </p>
  ));
}
