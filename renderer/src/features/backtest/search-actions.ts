// What the Optimize form does through the Api: start a parameter search, cancel it, follow its progress
// and fetch its result when done (or cancelled with some sets run: what ran is kept). Every search of the session is listed (backtest.optimizations); the
// Optimization tab shows one: the latest started, or the one clicked in that list.
import type { Api } from '../../../../shared/contract/index.ts';
import { useBacktest } from './backtest-store.ts';
import { startRuns } from './backtest-actions.ts';
import { hasResult, setRunRequest, toSearchRequest, type SearchRequest, type SearchSummary } from './search-form.ts';
import { mergeSearches, upsertSearch } from './search-list.ts';
import { formMessage } from './field-error.ts';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function startSearch(api: Api): Promise<void> {
  const st = useBacktest.getState();
  let request;
  try {
    request = toSearchRequest(st.draft, st.searchDraft, st.strategies, st.series);
  } catch (err) {
    useBacktest.setState({ searchError: formMessage(err) });
    return;
  }
  useBacktest.setState({ busy: true, searchError: null });
  try {
    const { runId } = await api.commands['backtest.optimize'](request);
    useBacktest.setState({ search: { runId, status: 'running', request, progress: 0, error: null, partial: null }, searchResult: null, tab: 'search' });
    await loadSearches(api);
    // The engine's list says whether it started or waits queued behind another search.
    const listed = useBacktest.getState().searches.find((x) => x.runId === runId);
    if (listed?.status === 'queued') useBacktest.setState((s) => (s.search?.runId === runId && s.search.status === 'running' && s.search.progress === 0 ? { search: { ...s.search, status: 'queued' } } : {}));
  } catch (err) {
    // The engine's refusal of the search (no candles in the range, say): Optimize's, said beside it.
    useBacktest.setState({ searchError: formMessage(err) });
  } finally {
    useBacktest.setState({ busy: false });
  }
}

/** The session's searches from the engine (after a reload of the page too); shows the newest when none is shown. */
export async function loadSearches(api: Api): Promise<void> {
  try {
    const { searches } = await api.commands['backtest.optimizations']({});
    useBacktest.setState((s) => ({ searches: mergeSearches(s.searches, searches) }));
    const newest = searches[0];
    if (newest && useBacktest.getState().search === null) showSearch(api, newest.runId);
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}

/** Shows one of the listed searches in the Optimization tab (fetching its result when done, or what a cancelled one kept). */
export function showSearch(api: Api, runId: string): void {
  const summary = useBacktest.getState().searches.find((s) => s.runId === runId);
  if (!summary) return;
  useBacktest.setState((s) => ({ search: summary, searchResult: s.searchResult?.runId === runId ? s.searchResult : null }));
  if (hasResult(summary) && useBacktest.getState().searchResult === null) void fetchSearch(api, runId);
}

export async function cancelSearch(api: Api): Promise<void> {
  const search = useBacktest.getState().search;
  if (!search) return;
  try {
    await api.commands['backtest.optimizeCancel']({ runId: search.runId });
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}

/**
 * Runs one set of a search as a backtest of its own, over all the bars: its curves and trades then show. It
 * runs as it was searched (a portfolio search's set as a portfolio run of the same markets), even when the
 * form has changed since; the form takes the set's strategy and parameters, to run it again or vary it.
 */
export async function runSet(api: Api, searched: SearchRequest, params: Record<string, number>): Promise<void> {
  let request;
  try {
    request = setRunRequest(searched, params, useBacktest.getState().draft);
  } catch (err) {
    useBacktest.setState({ error: message(err) });
    return;
  }
  const text = Object.fromEntries(Object.entries(request.params ?? {}).map(([k, v]) => [k, String(v)]));
  useBacktest.setState((s) => ({ draft: { ...s.draft, strategy: request.strategy, params: text }, tab: 'curves' }));
  await startRuns(api, [request]);
}

/** Follows backtest.optimizeProgress and backtest.optimized for every search; returns the unsubscribe. */
export function followSearches(api: Api): () => void {
  const offProgress = api.events['backtest.optimizeProgress'](({ runId, done, total }) => {
    const progress = total > 0 ? done / total : 0;
    // A queued search's first progress is its start.
    const going = (x: { runId: string; status: SearchSummary['status'] }) => x.runId === runId && (x.status === 'running' || x.status === 'queued');
    useBacktest.setState((s) => ({
      searches: s.searches.map((x) => (going(x) ? { ...x, status: 'running', progress } : x)),
      ...(s.search && going(s.search) ? { search: { ...s.search, status: 'running', progress } } : {}),
    }));
  });
  const offDone = api.events['backtest.optimized']((summary: SearchSummary) => {
    useBacktest.setState((s) => ({ searches: upsertSearch(s.searches, summary) }));
    if (useBacktest.getState().search?.runId !== summary.runId) return;
    useBacktest.setState({ search: summary });
    if (hasResult(summary)) void fetchSearch(api, summary.runId);
  });
  return () => {
    offProgress();
    offDone();
  };
}

async function fetchSearch(api: Api, runId: string): Promise<void> {
  try {
    const result = await api.commands['backtest.optimization']({ runId });
    if (useBacktest.getState().search?.runId === runId) useBacktest.setState({ searchResult: result });
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}
