// What the Optimize form does through the Api: start a parameter search, cancel it, follow its progress
// and fetch its result when done. One search at a time is shown: a new one replaces the last.
import type { Api } from '../../../../shared/contract/index.ts';
import { useBacktest } from './backtest-store.ts';
import { startRun } from './backtest-actions.ts';
import { toSearchRequest } from './search-form.ts';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function startSearch(api: Api): Promise<void> {
  const st = useBacktest.getState();
  let request;
  try {
    request = toSearchRequest(st.draft, st.searchDraft, st.strategies);
  } catch (err) {
    useBacktest.setState({ error: message(err) });
    return;
  }
  useBacktest.setState({ busy: true, error: null });
  try {
    const { runId } = await api.commands['backtest.optimize'](request);
    useBacktest.setState({ search: { runId, status: 'running', request, progress: 0, error: null }, searchResult: null, tab: 'search' });
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  } finally {
    useBacktest.setState({ busy: false });
  }
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

/** Runs one set of the search as a backtest of its own, over all the bars: its curves and trades then show. */
export async function runSet(api: Api, params: Record<string, number>): Promise<void> {
  useBacktest.setState((s) => ({ draft: { ...s.draft, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) }, tab: 'curves' }));
  await startRun(api);
}

/** Follows backtest.optimizeProgress and backtest.optimized for the search shown; returns the unsubscribe. */
export function followSearches(api: Api): () => void {
  const offProgress = api.events['backtest.optimizeProgress'](({ runId, done, total }) => {
    useBacktest.setState((s) => (s.search?.runId === runId && s.search.status === 'running' ? { search: { ...s.search, progress: total > 0 ? done / total : 0 } } : {}));
  });
  const offDone = api.events['backtest.optimized']((summary) => {
    if (useBacktest.getState().search?.runId !== summary.runId) return;
    useBacktest.setState({ search: summary });
    if (summary.status === 'done') void fetchSearch(api, summary.runId);
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
