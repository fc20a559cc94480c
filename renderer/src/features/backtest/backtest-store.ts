// The backtest page's state: the strategies and stored series to choose from, the form, and the runs of
// this session (their summaries, and the results fetched for the chart).
import { create } from 'zustand';
import type { ReportFormat } from '../../../../shared/contract/commands/backtest.ts';
import type { CommandResponse } from '../../../../shared/contract/index.ts';
import { defaultDraft, type RunDraft, type StrategyInfo } from './run-form.ts';
import type { FormMessage } from './field-error.ts';
import { DEFAULT_SEARCH, type SearchDraft, type SearchResult, type SearchState, type SearchSummary } from './search-form.ts';

export type RunSummary = CommandResponse<'backtest.list'>['runs'][number];
export type RunResult = CommandResponse<'backtest.result'>;
export type RunTrade = RunResult['trades'][number];

/**
 * What the area under the runs table shows: the curves of the ticked runs, one run's trades, notes or
 * Monte Carlo bands, its comparison by strategy and mode or across markets, or the parameter search.
 */
export type ResultTab = 'curves' | 'trades' | 'drawdowns' | 'notes' | 'montecarlo' | 'compare' | 'markets' | 'search';

export interface BacktestState {
  strategies: StrategyInfo[];
  /** The trader's strategy files Keel could not load, each with what to change. */
  strategyProblems: { file: string; message: string }[];
  series: string[];
  draft: RunDraft;
  runs: RunSummary[];
  results: Record<string, RunResult>;
  /** Runs drawn on the charts. */
  shown: string[];
  /** The run whose trades and notes are listed (clicked in the table; else the newest with a result). */
  selected: string | null;
  tab: ResultTab;
  /** What went wrong outside the two forms (loading the choices, a result, a report, a search's set run). */
  error: string | null;
  /** Run backtest's refusal, said beside its button, the box at fault marked. */
  runError: FormMessage | null;
  /** Optimize's refusal, said beside its button (a run-form box at fault is marked up there). */
  searchError: FormMessage | null;
  busy: boolean;
  /** Reports being made, by run id: the run is run again in a worker for its whole report, which takes a while on years of bars. */
  savingReport: Record<string, ReportFormat>;
  /** How far each report being made has got (0..1), from backtest.reportProgress: a long run's button counts up. */
  reportProgress: Record<string, number>;
  /** The Optimize form. */
  searchDraft: SearchDraft;
  /** The parameter searches of this session, newest first, each with its headline once done. */
  searches: SearchSummary[];
  /** The search the Optimization tab shows (the latest started, or one clicked in the list), and its result once done. */
  search: SearchState | null;
  searchResult: SearchResult | null;
}

export const useBacktest = create<BacktestState>(() => ({
  strategies: [],
  strategyProblems: [],
  series: [],
  draft: defaultDraft(undefined, ''),
  runs: [],
  results: {},
  shown: [],
  selected: null,
  tab: 'curves',
  error: null,
  runError: null,
  searchError: null,
  busy: false,
  savingReport: {},
  reportProgress: {},
  searchDraft: DEFAULT_SEARCH,
  searches: [],
  search: null,
  searchResult: null,
}));

/** Adds or replaces a run's summary, newest first. */
export function upsertRun(runs: readonly RunSummary[], run: RunSummary): RunSummary[] {
  return newestFirst([run, ...runs.filter((r) => r.runId !== run.runId)]);
}

/**
 * Runs newest first (bt-10 before bt-9), as the page lists them and picks the newest from: the engine's
 * backtest.list gives them oldest first.
 */
export function newestFirst(runs: readonly RunSummary[]): RunSummary[] {
  return [...runs].sort((a, b) => Number(b.runId.slice(3)) - Number(a.runId.slice(3)));
}

/** The run the trades and notes are of: the one clicked, if it has a result; else the newest that has one. */
export function detailRun(s: Pick<BacktestState, 'runs' | 'results' | 'selected'>): RunResult | null {
  if (s.selected !== null && s.results[s.selected]) return s.results[s.selected]!;
  for (const r of s.runs) if (s.results[r.runId]) return s.results[r.runId]!;
  return null;
}
