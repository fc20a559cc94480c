// Under the runs table: the curves of the ticked runs, or the trades or notes of one run (the one clicked
// in the table, else the newest), as tabs. The charts stay mounted behind the other tabs, so switching
// back does not rebuild them.
import { detailRun, useBacktest, type ResultTab } from './backtest-store.ts';
import { CurvesChart } from './CurvesChart.tsx';
import { NotesList, TradesList } from './RunDetails.tsx';

export function ResultTabs() {
  const tab = useBacktest((s) => s.tab);
  const run = useBacktest(detailRun);
  const tabs: { id: ResultTab; label: string; count: number | null }[] = [
    { id: 'curves', label: 'Equity & drawdown', count: null },
    { id: 'trades', label: 'Trades', count: run ? run.tradeCount : null },
    { id: 'notes', label: 'Notes', count: run ? run.notes.length : null },
  ];
  return (
    <div className="bt-results">
      <nav className="bt-tabs" role="tablist" aria-label="Backtest results">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`bt-tab ${tab === t.id ? 'is-active' : ''} ${t.id === 'notes' && (t.count ?? 0) > 0 ? 'has-notes' : ''}`}
            data-testid={`bt-tab-${t.id}`}
            onClick={() => useBacktest.setState({ tab: t.id })}
          >
            {t.label}
            {t.count !== null && <span className="bt-tab-count">{t.count.toLocaleString('en-US')}</span>}
          </button>
        ))}
      </nav>
      <div className="bt-tab-body" role="tabpanel" hidden={tab !== 'curves'}>
        <CurvesChart />
      </div>
      {tab !== 'curves' && (
        <div className="bt-tab-body bt-tab-scroll" role="tabpanel">
          {!run ? <p className="bt-empty">No finished run yet.</p> : tab === 'trades' ? <TradesList run={run} /> : <NotesList run={run} />}
        </div>
      )}
    </div>
  );
}
