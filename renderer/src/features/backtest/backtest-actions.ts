// What the backtest page does through the Api: load the choices, start and cancel runs, follow their
// progress and fetch results for the chart. Errors land in the store as the engine worded them.
import type { ReportFormat } from '../../../../shared/contract/commands/backtest.ts';
import type { Api } from '../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { saveTextFile } from '../../lib/save-file.ts';
import { newestFirst, upsertRun, useBacktest } from './backtest-store.ts';
import { defaultDraft, toRunRequests, type RunRequest } from './run-form.ts';
import { isPortfolio } from './run-markets.ts';
import { MAX_DRAWN, toggledShown } from './curve-keys.ts';
import { formMessage } from './field-error.ts';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const seriesKey = (s: RunRequest['series']) => `${s.exchange}:${s.symbol}:${s.timeframe}`;

/** Results fetched when the page opens, newest first. */
const EAGER_RESULTS = 6;

export async function loadBacktestChoices(api: Api): Promise<void> {
  try {
    const [{ strategies, problems }, { series }, listed] = await Promise.all([api.commands['backtest.strategies']({}), api.commands['market.series']({}), api.commands['backtest.list']({})]);
    // The engine lists them oldest first: sorted, the newest head the table, are drawn and fetched first.
    const runs = newestFirst(listed.runs);
    const labels = series.map((s) => `${s.exchange}:${s.symbol}:${s.timeframe}`);
    const st = useBacktest.getState();
    const draft = st.draft.strategy ? st.draft : defaultDraft(strategies[0], labels[0] ?? '');
    if (!draft.series && labels[0]) draft.series = labels[0];
    useBacktest.setState({ strategies, strategyProblems: problems, series: labels, runs, draft, error: null });
    // The newest few results now (the charts draw six); an older run's when it is clicked or ticked: the
    // journal keeps 50 runs, and each result is fills, trades and curves.
    const have = useBacktest.getState().results;
    for (const r of runs.filter((x) => x.status === 'done' && !have[x.runId]).slice(0, EAGER_RESULTS)) void fetchResult(api, r.runId);
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}

/**
 * Asks the journal for its series again (a file was imported, here or in another window); the form keeps
 * its choice, or takes the first series when it had none.
 */
export async function reloadSeries(api: Api): Promise<void> {
  try {
    const { series } = await api.commands['market.series']({});
    const labels = series.map((s) => seriesKey(s));
    useBacktest.setState((s) => ({ series: labels, draft: s.draft.series || !labels[0] ? s.draft : { ...s.draft, series: labels[0] } }));
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}

/** A file imported from the form: its series listed, and chosen in the form. */
export async function chooseImportedSeries(api: Api, series: SeriesKey): Promise<void> {
  await reloadSeries(api);
  useBacktest.setState((s) => ({ draft: { ...s.draft, series: seriesKey(series), timeframe: '' }, error: null, runError: null, searchError: null }));
}

/**
 * Looks at the strategies again (the engine imports the trader's edited or new strategy files) and keeps
 * the form's choice when it is still there, with its parameters reset to the file's defaults if they changed.
 */
export async function reloadStrategies(api: Api): Promise<void> {
  try {
    const { strategies, problems } = await api.commands['backtest.strategies']({});
    useBacktest.setState((s) => {
      const chosen = strategies.find((x) => x.name === s.draft.strategy);
      const was = s.strategies.find((x) => x.name === s.draft.strategy);
      const sameParams = chosen !== undefined && was !== undefined && JSON.stringify(chosen.params) === JSON.stringify(was.params);
      const draft = sameParams ? s.draft : { ...s.draft, strategy: (chosen ?? strategies[0])?.name ?? '', params: defaultDraft(chosen ?? strategies[0], s.draft.series).params };
      return { strategies, strategyProblems: problems, draft, error: null };
    });
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}

/**
 * Starts the form's run, or with other strategies, modes or series ticked all of them at once (the engine
 * checks them all before starting any); several open a comparison tab, where their figures fill in as they end.
 */
export async function startRun(api: Api): Promise<void> {
  const st = useBacktest.getState();
  let requests;
  try {
    requests = toRunRequests(st.draft, st.strategies, st.series);
  } catch (err) {
    useBacktest.setState({ runError: formMessage(err) });
    return;
  }
  await startRuns(api, requests, 'form');
}

/**
 * Starts these runs (checked as a whole by the engine), lists them, and opens their comparison when several.
 * `from`: the run form's button, whose refusal (the engine's, say no candles in the range) is said beside
 * it; else a search's set, said with the page's other errors.
 */
export async function startRuns(api: Api, requests: RunRequest[], from: 'form' | 'set' = 'set'): Promise<void> {
  const say = (err: unknown) => useBacktest.setState(from === 'form' ? { runError: formMessage(err) } : { error: message(err) });
  useBacktest.setState(from === 'form' ? { busy: true, runError: null } : { busy: true, error: null });
  try {
    const runIds = requests.length === 1 ? [(await api.commands['backtest.run'](requests[0]!)).runId] : (await api.commands['backtest.runMany']({ runs: requests })).runIds;
    const { runs } = await api.commands['backtest.list']({});
    useBacktest.setState((s) => {
      let next = s.runs;
      for (const r of runs) if (runIds.includes(r.runId)) next = upsertRun(next, r);
      if (requests.length === 1) return { runs: next };
      // Runs on other markets open the comparison across markets; only strategies and modes, the matrix of
      // those. Portfolio runs all trade the same markets: they compare by strategy and mode.
      const acrossMarkets = new Set(requests.map((r) => seriesKey(r.series))).size > 1 && !isPortfolio(requests[0]!);
      return { runs: next, selected: runIds[0]!, tab: acrossMarkets ? 'markets' : 'compare' };
    });
  } catch (err) {
    say(err);
  } finally {
    useBacktest.setState({ busy: false });
  }
}

export async function cancelRun(api: Api, runId: string): Promise<void> {
  try {
    const run = await api.commands['backtest.cancel']({ runId });
    useBacktest.setState((s) => ({ runs: upsertRun(s.runs, run) }));
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}

export async function fetchResult(api: Api, runId: string): Promise<void> {
  try {
    const result = await api.commands['backtest.result']({ runId });
    // Drawn as it arrives, up to the most the charts tell apart (MAX_DRAWN): a batch of 9 once kept only
    // the last 6 to finish, and the form's own runs, which finish first, were left off without a word.
    useBacktest.setState((s) => ({ results: { ...s.results, [runId]: result }, shown: s.shown.includes(runId) ? s.shown : [...s.shown, runId].slice(-MAX_DRAWN) }));
  } catch (err) {
    useBacktest.setState({ error: message(err) });
  }
}

/**
 * Follows backtest.progress, backtest.done, the progress of reports being saved, and files imported (the
 * series list grows); returns the unsubscribe.
 */
export function followBacktests(api: Api): () => void {
  const offImported = api.events['market.imported'](() => void reloadSeries(api));
  const offReport = api.events['backtest.reportProgress'](({ runId, done, total }) => {
    // Only while this page waits for that report (another window may be saving one too).
    useBacktest.setState((s) => (s.savingReport[runId] === undefined ? {} : { reportProgress: { ...s.reportProgress, [runId]: total > 0 ? done / total : 0 } }));
  });
  const offProgress = api.events['backtest.progress'](({ runId, done, total }) => {
    // A queued run's first progress is its start.
    useBacktest.setState((s) => ({ runs: s.runs.map((r) => (r.runId === runId && (r.status === 'running' || r.status === 'queued') ? { ...r, status: 'running', progress: total > 0 ? done / total : 0 } : r)) }));
  });
  const offDone = api.events['backtest.done']((run) => {
    useBacktest.setState((s) => ({ runs: upsertRun(s.runs, run) }));
    if (run.status === 'done') void fetchResult(api, run.runId);
  });
  return () => {
    offImported();
    offReport();
    offProgress();
    offDone();
  };
}

export function toggleShown(api: Api, runId: string): void {
  // At most MAX_DRAWN at once, each a line of its own (curve-keys.ts); the table's tick says so past them.
  useBacktest.setState((s) => ({ shown: toggledShown(s.shown, runId) }));
  if (useBacktest.getState().shown.includes(runId)) fetchIfMissing(api, runId);
}

/** The run whose trades and notes the page lists. */
export function selectRun(api: Api, runId: string): void {
  useBacktest.setState({ selected: runId });
  fetchIfMissing(api, runId);
}

function fetchIfMissing(api: Api, runId: string): void {
  const s = useBacktest.getState();
  if (!s.results[runId] && s.runs.some((r) => r.runId === runId && r.status === 'done')) void fetchResult(api, runId);
}

/**
 * Saves a finished run's whole report (what `keel backtest --html`/`--json` writes for it) as a file. The run
 * is marked while its report is made (its buttons then say so, with how far the run made again has got,
 * and wait), and a second click meanwhile is ignored rather than making the report twice.
 */
export async function saveReport(api: Api, runId: string, format: ReportFormat, save = saveTextFile): Promise<void> {
  if (useBacktest.getState().savingReport[runId]) return;
  useBacktest.setState((s) => ({ savingReport: { ...s.savingReport, [runId]: format } }));
  try {
    const { fileName, content } = await api.commands['backtest.report']({ runId, format });
    // Cancel was clicked while the button still said "Saving…", but the engine had the report made before the
    // cancel reached it: the trader asked for no file, so none is saved (a file appearing after a Cancel is
    // the surprise; the report is made again with one more click).
    if (!cancelledReports.has(runId)) save(fileName, content, REPORT_TYPES[format]);
  } catch (err) {
    // A report the trader cancelled failing is what they asked for, not an error to show.
    if (!cancelledReports.delete(runId)) useBacktest.setState({ error: message(err) });
  } finally {
    cancelledReports.delete(runId);
    useBacktest.setState((s) => {
      const { [runId]: _done, ...rest } = s.savingReport;
      const { [runId]: _progress, ...others } = s.reportProgress;
      return { savingReport: rest, reportProgress: others };
    });
  }
}

const REPORT_TYPES: Record<ReportFormat, string> = { html: 'text/html', json: 'application/json', csv: 'text/csv' };

/** Runs whose report the trader cancelled while it was being made. */
const cancelledReports = new Set<string>();

/**
 * Stops the report being made for a run: saveReport then ends without a file and without an error, also when
 * the engine had finished it already (its answer then still on the way, `cancelled: false`), since the file
 * is handed over only once that answer is in. saveReport forgets the mark when it ends.
 */
export async function cancelReport(api: Api, runId: string): Promise<void> {
  if (useBacktest.getState().savingReport[runId] === undefined) return;
  cancelledReports.add(runId);
  try {
    await api.commands['backtest.reportCancel']({ runId });
  } catch (err) {
    cancelledReports.delete(runId);
    useBacktest.setState({ error: message(err) });
  }
}
