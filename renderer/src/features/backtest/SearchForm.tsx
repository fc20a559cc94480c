// The Optimize form under the run form: a range per parameter (empty keeps the run form's value), and
// ranges for the stop-loss and take-profit percent (empty: the run form's exits; 0 in a range: none), grid or
// random, the objective, and the out-of-sample check: a holdout, or a walk-forward (folds and the
// in-sample ratio, as keel backtest --walk-forward N --is-ratio R). It searches with everything else the
// run form says (series, dates, mode, capital, fee), and with "one portfolio" ticked there, over all the
// ticked markets from one account, every set a portfolio run; a line above the button says which markets
// it searches, since the run form's other ticked markets are searched only as a portfolio. The results
// open in the Optimization tab.
import { useApi } from '../../api/api-context.tsx';
import { useBacktest } from './backtest-store.ts';
import { FormMessage } from './FormMessage.tsx';
import { cancelSearch, startSearch } from './search-actions.ts';
import { EXIT_PARAMS } from '../../../../shared/backtest/run-exits.ts';
import { objectiveText } from '../../../../shared/backtest/objective-label.ts';
import { EXIT_RANGE_LABELS, EXIT_RANGE_NAMES, OBJECTIVES, rangeText, searchMarketsLine, type SearchDraft } from './search-form.ts';

export function SearchForm() {
  const api = useApi();
  const { strategies, draft, series, searchDraft, search, busy, searchError } = useBacktest();
  const markets = searchMarketsLine(draft, series);
  const strategy = strategies.find((s) => s.name === draft.strategy);
  // As the run form: a change to the form clears the refusal of the form as it was (its own: Run's stays).
  const set = (patch: Partial<SearchDraft>) => useBacktest.setState((s) => ({ searchDraft: { ...s.searchDraft, ...patch }, searchError: null }));
  const running = search?.status === 'running' || search?.status === 'queued';
  if (!strategy || strategy.params.length === 0) return null;

  return (
    <form
      className="bt-form bt-search-form"
      data-testid="bt-search-form"
      onSubmit={(e) => {
        e.preventDefault();
        void startSearch(api);
      }}
    >
      <h2>Optimize</h2>
      <p className="bt-hint">Ranges as from:to:step (5:50:5) or values (5|10|20); an empty range keeps the value above.</p>
      {strategy.params.map((p) => (
        <label className="bt-field" key={p.name} title={p.description}>
          <span>{p.name}</span>
          <input data-testid={`bt-range-${p.name}`} value={rangeText(searchDraft, p)} onChange={(e) => set({ ranges: { ...searchDraft.ranges, [p.name]: e.target.value } })} />
        </label>
      ))}
      {EXIT_RANGE_NAMES.map((name) => (
        <label className="bt-field" key={name} title={`${EXIT_PARAMS[name].description}; empty: the exits above`}>
          <span>{EXIT_RANGE_LABELS[name]}</span>
          <input data-testid={`bt-range-${name}`} placeholder="as above" value={searchDraft.ranges[name] ?? ''} onChange={(e) => set({ ranges: { ...searchDraft.ranges, [name]: e.target.value } })} />
        </label>
      ))}
      <label className="bt-field">
        <span>Search</span>
        <select data-testid="bt-search-method" value={searchDraft.method} onChange={(e) => set({ method: e.target.value as SearchDraft['method'] })}>
          <option value="grid">every combination</option>
          <option value="random">random sets</option>
        </select>
      </label>
      {searchDraft.method === 'random' && (
        <label className="bt-field">
          <span>Sets</span>
          <input data-testid="bt-search-trials" inputMode="numeric" value={searchDraft.trials} onChange={(e) => set({ trials: e.target.value })} />
        </label>
      )}
      <label className="bt-field">
        <span>Maximize</span>
        <select data-testid="bt-search-objective" value={searchDraft.objective} onChange={(e) => set({ objective: e.target.value as SearchDraft['objective'] })}>
          {OBJECTIVES.map((o) => (
            <option key={o} value={o}>
              {objectiveText(o)}
            </option>
          ))}
        </select>
      </label>
      <label className="bt-field" title="Roll folds over the bars: search an in-sample stretch, run its winner untouched on the stretch after it, and stitch those out-of-sample runs. Replaces the holdout.">
        <span>Walk forward</span>
        <input type="checkbox" data-testid="bt-search-walk" checked={searchDraft.walkForward} onChange={(e) => set({ walkForward: e.target.checked })} />
      </label>
      {searchDraft.walkForward ? (
        <>
          <label className="bt-field" title="Folds, 1 to 100: each searches its own in-sample stretch.">
            <span>Folds</span>
            <input data-testid="bt-search-folds" inputMode="numeric" value={searchDraft.folds} onChange={(e) => set({ folds: e.target.value })} />
          </label>
          <label className="bt-field" title="Each in-sample stretch's length as a multiple of the out-of-sample stretch after it (above 0, at most 20).">
            <span>In-sample ×</span>
            <input data-testid="bt-search-is-ratio" inputMode="decimal" value={searchDraft.isRatio} onChange={(e) => set({ isRatio: e.target.value })} />
          </label>
          <label className="bt-field" title="Start every in-sample stretch at the first bar: each fold re-optimizes on all the history before its out-of-sample stretch (the in-sample ratio sets the first fold's).">
            <span>Anchored</span>
            <input type="checkbox" data-testid="bt-search-anchored" checked={searchDraft.anchored} onChange={(e) => set({ anchored: e.target.checked })} />
          </label>
        </>
      ) : (
        <label className="bt-field" title="The last bars, kept out of the search: the best set is run there to see whether it holds.">
          <span>Holdout %</span>
          <input data-testid="bt-search-holdout" inputMode="decimal" value={searchDraft.holdoutPct} onChange={(e) => set({ holdoutPct: e.target.value })} />
        </label>
      )}
      {markets && (
        <p className={markets.problem ? 'bt-hint bt-warn-text' : 'bt-hint'} data-testid="bt-search-markets" data-problem={markets.problem}>
          {markets.text}
        </p>
      )}
      {running && (
        <span className="bt-progress" data-testid="bt-search-progress">
          {search.status === 'queued' ? 'queued, after the search running now ' : <><progress max={1} value={search.progress} /> {Math.round(search.progress * 100)}%{' '}</>}
          <button type="button" data-testid="bt-search-cancel" onClick={() => void cancelSearch(api)}>
            Cancel
          </button>
        </span>
      )}
      {/* While one runs, another can be started: it waits its turn, queued. */}
      <button type="submit" className="bt-run" data-testid="bt-search-run" disabled={busy}>
        {running ? 'Optimize next' : 'Optimize'}
      </button>
      <FormMessage message={searchError} id="bt-search-error" testId="bt-search-error" />
    </form>
  );
}
