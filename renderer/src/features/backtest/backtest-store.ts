// The backtest page's state: the strategies and stored series to choose from, the form, and the runs of
// this session (their summaries, and the results fetched for the chart).
import { create } from 'zustand';
import type { CommandResponse } from '../../../../shared/contract/index.ts';
import { defaultDraft, type RunDraft, type StrategyInfo } from './run-form.ts';

export type RunSummary = CommandResponse<'backtest.list'>['runs'][number];
export type RunResult = CommandResponse<'backtest.result'>;

export interface BacktestState {
  strategies: StrategyInfo[];
  series: string[];
  draft: RunDraft;
  runs: RunSummary[];
  results: Record<string, RunResult>;
  /** Runs drawn on the charts. */
  shown: string[];
  error: string | null;
  busy: boolean;
}

export const useBacktest = create<BacktestState>(() => ({
  strategies: [],
  series: [],
  draft: defaultDraft(undefined, ''),
  runs: [],
  results: {},
  shown: [],
  error: null,
  busy: false,
}));

/** Adds or replaces a run's summary, newest first. */
export function upsertRun(runs: readonly RunSummary[], run: RunSummary): RunSummary[] {
  const rest = runs.filter((r) => r.runId !== run.runId);
  return [run, ...rest].sort((a, b) => Number(b.runId.slice(3)) - Number(a.runId.slice(3)));
}
