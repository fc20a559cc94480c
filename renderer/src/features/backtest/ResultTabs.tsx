// Under the runs table: the curves of the ticked runs, the trades, worst drawdowns, notes or Monte Carlo bands of one run (the
// one clicked in the table, else the newest), that run's comparison by strategy and risk mode (the badge
// counts its runs) or across markets (the badge counts the markets), or the session's parameter searches
// (the badge counts them), as tabs. The charts stay
// mounted behind the other tabs, so switching back does not rebuild them.
import { TabBar, type TabSpec } from '../../app/TabBar.tsx';
import { detailRun, useBacktest, type ResultTab, type RunResult } from './backtest-store.ts';
import { compareMatrix } from './compare-matrix.ts';
import { compareAnchor, CompareMatrixPanel } from './CompareMatrix.tsx';
import { marketMatrix } from './market-matrix.ts';
import { MarketMatrixPanel } from './MarketMatrix.tsx';
import { CurvesChart } from './CurvesChart.tsx';
import { MonteCarloPanel } from './MonteCarloPanel.tsx';
import { DrawdownsList } from './DrawdownsList.tsx';
import { NotesList, TradesList } from './RunDetails.tsx';
import { SearchResults } from './SearchResults.tsx';

export function ResultTabs() {
  const tab = useBacktest((s) => s.tab);
  const run = useBacktest(detailRun);
  const search = useBacktest((s) => s.searchResult);
  const searches = useBacktest((s) => s.searches.length);
  const compared = useBacktest((s) => compareMatrix(s.runs, compareAnchor(s))?.runs ?? null);
  const markets = useBacktest((s) => marketMatrix(s.runs, compareAnchor(s))?.markets.length ?? null);
  const tabs: TabSpec<ResultTab>[] = [
    { id: 'curves', label: 'Equity & drawdown', count: null },
    { id: 'trades', label: 'Trades', count: run ? run.tradeCount : null },
    { id: 'drawdowns', label: 'Drawdowns', count: run?.drawdowns?.length ?? null },
    { id: 'notes', label: 'Notes', count: run ? run.notes.length : null, notice: (run?.notes.length ?? 0) > 0 },
    { id: 'montecarlo', label: 'Monte Carlo', count: null },
    { id: 'compare', label: 'By strategy & mode', count: compared },
    { id: 'markets', label: 'Across markets', count: markets },
    { id: 'search', label: 'Optimization', count: searches > 0 ? searches : null, notice: (search?.warnings.length ?? 0) > 0 },
  ];
  return (
    <div className="bt-results">
      <TabBar tabs={tabs} active={tab} onSelect={(id) => useBacktest.setState({ tab: id })} label="Backtest results" testIdPrefix="bt-tab-" className="bt-tabs" />
      <div className="bt-tab-body" role="tabpanel" hidden={tab !== 'curves'}>
        <CurvesChart />
      </div>
      {tab === 'compare' && (
        <div className="bt-tab-body bt-tab-scroll" role="tabpanel">
          <CompareMatrixPanel />
        </div>
      )}
      {tab === 'markets' && (
        <div className="bt-tab-body bt-tab-scroll" role="tabpanel">
          <MarketMatrixPanel />
        </div>
      )}
      {tab === 'search' && (
        <div className="bt-tab-body bt-tab-scroll" role="tabpanel">
          <SearchResults />
        </div>
      )}
      {(tab === 'trades' || tab === 'drawdowns' || tab === 'notes' || tab === 'montecarlo') && (
        <div className="bt-tab-body bt-tab-scroll" role="tabpanel">
          {!run ? <p className="bt-empty">No finished run yet.</p> : <RunTab tab={tab} run={run} />}
        </div>
      )}
    </div>
  );
}

/** A tab about the one run shown. */
function RunTab({ tab, run }: { tab: 'trades' | 'drawdowns' | 'notes' | 'montecarlo'; run: RunResult }) {
  if (tab === 'trades') return <TradesList run={run} />;
  if (tab === 'drawdowns') return <DrawdownsList run={run} />;
  if (tab === 'notes') return <NotesList run={run} />;
  return <MonteCarloPanel run={run} />;
}
