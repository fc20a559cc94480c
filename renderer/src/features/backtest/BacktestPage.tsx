// The backtest page: laid over the terminal (which stays mounted underneath, its chart and streams
// intact) while #backtest is open. The run and Optimize forms on the left; runs side by side on the
// right, and under them their curves, one run's trades and notes, or the parameter search.
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { followBacktests, loadBacktestChoices } from './backtest-actions.ts';
import { useBacktest } from './backtest-store.ts';
import { ResultTabs } from './ResultTabs.tsx';
import { RunForm } from './RunForm.tsx';
import { RunsTable } from './RunsTable.tsx';
import { followSearches, loadSearches } from './search-actions.ts';
import { SearchForm } from './SearchForm.tsx';
import { useView } from './view-store.ts';
import './backtest.css';

export function BacktestPage() {
  const view = useView((s) => s.view);
  const api = useApi();
  const error = useBacktest((s) => s.error);
  const errorRef = useRef<HTMLParagraphElement>(null);
  // What went wrong outside the forms (each form says its own refusals under its button: FormMessage). It
  // sits under both forms, below the fold of the side column: brought into view as it comes.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  useEffect(() => followBacktests(api), [api]);
  useEffect(() => followSearches(api), [api]);
  useEffect(() => {
    if (view !== 'backtest') return;
    void loadBacktestChoices(api);
    void loadSearches(api);
  }, [api, view]);
  if (view !== 'backtest') return null;
  return (
    <section className="bt-page" data-testid="backtest-page" aria-label="Backtests">
      <aside className="bt-side">
        <h2>Backtest</h2>
        <RunForm />
        <SearchForm />
        {error && (
          <p className="bt-error" role="alert" data-testid="bt-error" ref={errorRef}>
            {error}
          </p>
        )}
      </aside>
      <div className="bt-main">
        <RunsTable />
        <ResultTabs />
      </div>
    </section>
  );
}
