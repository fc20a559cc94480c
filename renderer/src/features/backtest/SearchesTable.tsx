// The session's parameter searches side by side, newest first: what each searched (a portfolio search by
// all its markets, with its exits), the set it would trade (a walk-forward's last fold's winner, said so), its
// score in sample and out of sample, and whether it held up; a search cancelled partway, over the sets it ran.
// A click shows that search below. Listed once there are two to compare.
import { useApi } from '../../api/api-context.tsx';
import { useBacktest } from './backtest-store.ts';
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { exitsSuffix } from './exits-view.ts';
import { directionSuffix } from './direction-view.ts';
import { borrowSuffix } from './borrow-view.ts';
import { marketsLabel } from './run-markets.ts';
import { setLabel } from './search-form.ts';
import { scoreText } from '../../../../shared/backtest/figure-text.ts';
import { objectiveText } from '../../../../shared/backtest/objective-label.ts';
import { outcomeClass, searchKind, searchOutcome } from './search-list.ts';
import { showSearch } from './search-actions.ts';
import { selectableRow } from './selectable-row.ts';
import { modeLabel } from './mode-label.ts';

export function SearchesTable() {
  const api = useApi();
  const searches = useBacktest((s) => s.searches);
  const shown = useBacktest((s) => s.search?.runId ?? null);
  if (searches.length < 2) return null;
  return (
    <div className="bt-table-wrap bt-searches-wrap">
      <table className="bt-table bt-searches" data-testid="bt-searches" aria-label="Parameter searches of this session">
        <thead>
          <tr>
            <th>Search</th>
            <th>Strategy</th>
            <th>Series</th>
            <th>Kind</th>
            <th>Objective</th>
            <th title="The best set in sample; a walk-forward's is its last fold's winner (the set it would trade next), marked so; a cancelled search's, the best of the sets it ran">Best set</th>
            <th title="The objective in sample; a walk-forward's mean over its folds">In sample</th>
            <th title="The objective on bars the search never saw; a walk-forward's mean over its folds">Out of sample</th>
            <th title="Return on bars the search never saw; a walk-forward's stitched out-of-sample return">OOS return</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {searches.map((s) => {
            const h = s.headline;
            const outcome = searchOutcome(s);
            return (
              <tr key={s.runId} data-run-id={s.runId} data-status={s.status} {...selectableRow(s.runId === shown, () => showSearch(api, s.runId))}>
                <td>{s.runId}</td>
                <td>{s.request.strategy}</td>
                <td data-field="series">
                  {marketsLabel(s.request)} · {modeLabel(s.request)}
                  {directionSuffix(s.request)}
                  {borrowSuffix(s.request)}
                  {exitsSuffix(s.request)}
                  {s.request.detail ? ` · fills on ${s.request.detail}` : ''}
                </td>
                <td>{searchKind(s)}</td>
                <td>{objectiveText(s.request.objective)}</td>
                <td data-field="params" title={h && s.request.walkForward ? "The last fold's winner: the set the walk-forward would trade next, the one keel backtest --walk-forward runs for its report" : undefined}>
                  {h ? setLabel(h.params) : ''}
                  {h && s.request.walkForward ? <span className="muted"> (last fold)</span> : null}
                </td>
                <td data-field="in-sample" data-value={h?.inSampleInfinite ? 'Infinity' : (h?.inSampleScore ?? '')}>
                  {h ? scoreText(h.inSampleInfinite ? Infinity : h.inSampleScore) : ''}
                </td>
                <td data-field="out-of-sample" data-value={h?.outOfSampleInfinite ? 'Infinity' : (h?.outOfSampleScore ?? '')}>
                  {h ? scoreText(h.outOfSampleInfinite ? Infinity : h.outOfSampleScore) : ''}
                </td>
                <td data-field="oos-return" data-value={h?.outOfSampleReturnPct ?? ''}>
                  {h ? pctText(h.outOfSampleReturnPct) : ''}
                </td>
                <td data-field="outcome" data-tone={outcome.tone} className={outcomeClass(outcome.tone)} title={s.error ?? undefined}>
                  {outcome.text}
                  {s.notKept && (
                    <span className="bt-run-error" data-testid="bt-search-not-kept" title="Free space on the journal's disk and search again to keep it">
                      not kept: {s.notKept}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
