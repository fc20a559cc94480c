// The Optimization tab: the session's searches compared (SearchesTable), then the one picked: how it
// went (status, its markets, a portfolio's all named, the bars it searched and the ones held out), whether
// its best set held out of sample (a warning in amber when not), the scores as a heat map when two
// parameters vary, and every set ranked, each with a button that runs it as a backtest of its own, as it
// was searched. A walk-forward has a view of its own (WalkForwardResults). A search cancelled partway shows
// what it kept the same way, labelled with how many of its sets ran (partialText).
import { useApi } from '../../api/api-context.tsx';
import { formatCount } from '../../lib/format.ts';
import { useBacktest } from './backtest-store.ts';
import { RETURN_COLUMN as RETURN, searchColumns } from './search-columns.ts';
import { exitsSuffix } from './exits-view.ts';
import { directionSuffix } from './direction-view.ts';
import { borrowSuffix } from './borrow-view.ts';
import { marketsLabel } from './run-markets.ts';
import { statusWords } from './run-status.ts';
import { runSet } from './search-actions.ts';
import { blankCellMark, blankCellsKey, blankCellText, heatColor, heatmap, heatmapRange, type Heatmap } from '../../../../shared/backtest/heatmap.ts';
import { hasResult, setLabel, type SearchResult, type SearchState } from './search-form.ts';
import { closedByKeel } from '../../../../shared/backtest/keel-closed.ts';
import { partialText } from './search-list.ts';
import { PartialLine } from './PartialLine.tsx';
import { SearchesTable } from './SearchesTable.tsx';
import { heldOutDays, searchedDays } from './search-days.ts';
import { WalkForwardResults } from './WalkForwardResults.tsx';
import { scoreText } from '../../../../shared/backtest/figure-text.ts';
import { scoreFromWire, setsFromWire } from '../../../../shared/backtest/score-from-wire.ts';
import { objectiveText, objectiveTitle } from '../../../../shared/backtest/objective-label.ts';
import type { OptimizeObjective } from '../../../../shared/contract/commands/backtest.ts';
import { modeLabel } from './mode-label.ts';

/** Sets listed in the table: the heat map shows all of them. */
const LISTED = 100;

export function SearchResults() {
  return (
    <>
      <SearchesTable />
      <ShownSearch />
    </>
  );
}

/** The search picked in the list (else the latest): its progress, then its result. */
function ShownSearch() {
  const search = useBacktest((s) => s.search);
  const result = useBacktest((s) => s.searchResult);
  if (!search) return <p className="bt-empty">No search yet: give the parameters ranges under Optimize, then Optimize.</p>;
  if (!hasResult(search) || !result || result.runId !== search.runId) return <SearchPending search={search} />;
  return result.walkForward ? <WalkForwardResults result={result} wf={result.walkForward} /> : <SearchDone result={result} />;
}

/**
 * A search with no result drawn: running, queued, loading its result, or ended without one, with the reason it
 * ended. A failure's reason in red; the reason of one Keel's closing cancelled ("Keel was closed while this
 * optimization ran") muted: it is neither the trader's doing nor a fault, and in red it read as one.
 */
export function SearchPending({ search }: { search: SearchState }) {
  // A search done whose result is still on its way reads 'loading': 'done' is kept for the drawn result.
  const status = hasResult(search) ? 'loading' : search.status;
  const closed = search.status === 'cancelled' && closedByKeel(search.error);
  return (
    <div className="bt-detail" data-testid="bt-search" data-status={status}>
      <p className="bt-detail-head">
        {search.request.strategy} · {marketsLabel(search.request)}
        {directionSuffix(search.request)}
        {borrowSuffix(search.request)}
        {exitsSuffix(search.request)} · {search.request.ranges} · {search.status === 'running' ? `${search.request.walkForward ? `walking forward ${search.request.walkForward.folds} folds` : 'searching'}, ${Math.round(search.progress * 100)}%` : search.status === 'queued' ? 'queued, after the search running now' : search.status === 'done' ? 'done, loading the result…' : statusWords(search)}
      </p>
      {search.error && (
        <p className={closed ? 'bt-hint' : 'bt-error'} data-testid="bt-search-reason" data-tone={closed ? 'muted' : 'error'}>
          {search.error}
        </p>
      )}
    </div>
  );
}

function SearchDone({ result }: { result: SearchResult }) {
  const api = useApi();
  const r = result.request;
  // Infinite scores (a profit factor without a losing trade) come as null: the metrics say which they are.
  const sets = setsFromWire(r.objective, result.sets);
  const best = sets[0];
  const map = heatmap(sets);
  const oosScore = result.outOfSample && scoreFromWire(r.objective, result.outOfSample.score, result.outOfSample.metrics);
  const { scoreHead, columns } = searchColumns(r.objective);
  // The days as keel backtest's Optimization table names them, to the last day the last bar covers.
  const searched = searchedDays(result);
  const partial = partialText(result);
  return (
    <div className="bt-detail" data-testid="bt-search" data-status={result.status} data-sets={result.setCount} data-partial={partial === null ? undefined : `${result.partial!.done}/${result.partial!.planned}`}>
      <p className="bt-detail-head">
        {r.strategy} · {marketsLabel(r)} · {modeLabel(r)}
        {directionSuffix(r)}
        {borrowSuffix(r)}
        {exitsSuffix(r)} · {formatCount(result.setCount)} set{result.setCount === 1 ? '' : 's'} ({r.method}) · maximizing {objectiveText(r.objective)}
        {searched !== null && ` · searched ${searched}`}
      </p>
      {partial !== null && <PartialLine text={partial} />}
      {result.warnings.map((w) => (
        <p key={w} className="bt-warning" data-testid="bt-search-warning">
          {w}
        </p>
      ))}
      {best && result.outOfSample && (
        <p className="bt-hint" data-testid="bt-search-oos" data-score={result.outOfSample.score ?? ''}>
          Best set {setLabel(best.params)}: {objectiveText(r.objective)} {scoreText(best.score)} in sample, {scoreText(oosScore)} on the held-out {heldOutDays(result)} (return{' '}
          {RETURN.format(result.outOfSample.metrics.totalReturnPct ?? null)}).
        </p>
      )}
      {map && <HeatmapGrid map={map} objective={r.objective} random={r.method === 'random'} cancelled={partial !== null} />}
      <table className="bt-table bt-search-table" data-testid="bt-search-sets">
        <thead>
          <tr>
            <th>#</th>
            <th>Parameters</th>
            <th>{scoreHead}</th>
            {columns.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {sets.slice(0, LISTED).map((s, i) => (
            <tr key={setLabel(s.params)} data-params={setLabel(s.params)} data-score={s.score ?? ''}>
              <td>{i + 1}</td>
              <td>{setLabel(s.params)}</td>
              <td>{scoreText(s.score)}</td>
              {columns.map((c) => (
                <td key={c.key}>{c.format(s.metrics[c.key] ?? null, s.metrics)}</td>
              ))}
              <td>
                <button type="button" data-testid="bt-run-set" title="Run this set over all the bars, as a backtest of its own" onClick={() => void runSet(api, r, s.params)}>
                  Run
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.setCount > LISTED && <p className="bt-hint">The best {LISTED} of {formatCount(result.setCount)} sets.</p>}
    </div>
  );
}

function HeatmapGrid({ map, objective, random, cancelled }: { map: Heatmap; objective: OptimizeObjective; random: boolean; cancelled: boolean }) {
  const { lo, hi } = heatmapRange(map);
  return (
    <div className="bt-heatmap" data-testid="bt-heatmap" data-cells={map.score.flat().filter((v) => v !== null).length}>
      <p className="bt-hint">
        {objectiveTitle(objective)} by {map.row} (down) and {map.col} (across); green is best.
      </p>
      <table>
        <thead>
          <tr>
            <th>
              {map.row} \ {map.col}
            </th>
            {map.colValues.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.rowValues.map((rv, ri) => (
            <tr key={rv}>
              <th>{rv}</th>
              {map.colValues.map((cv, ci) => {
                const v = map.score[ri]![ci]!;
                const tried = map.tried[ri]![ci]!;
                return (
                  <td key={cv} style={{ background: heatColor(v, lo, hi) }} className={v === null ? 'is-blank' : undefined} title={`${map.row}=${rv} ${map.col}=${cv}: ${v === null ? blankCellText(tried, objective, random, cancelled) : scoreText(v)}`}>
                    {v === null ? blankCellMark(tried) : scoreText(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <BlankCellsKey map={map} objective={objective} random={random} cancelled={cancelled} />
    </div>
  );
}

/** Under a grid with blank cells: what '–' and 'n/a' mean there. */
function BlankCellsKey({ map, objective, random, cancelled }: { map: Heatmap; objective: OptimizeObjective; random: boolean; cancelled: boolean }) {
  const key = blankCellsKey(map, objective, random, cancelled);
  if (key === '') return null;
  return (
    <p className="bt-hint" data-testid="bt-heatmap-blanks">
      {key}
    </p>
  );
}
