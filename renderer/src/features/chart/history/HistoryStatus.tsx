// The history window's state in the chart toolbar: "Loading older…" while a page is on its way, the
// oldest bar loaded, and a button back to the newest bars, which says when live candles are waiting
// because older history pushed the newest bars off the chart.
import { formatCount, formatMarketTime } from '../../../lib/format.ts';
import { useChart } from '../chart-store.ts';

export function HistoryStatus({ onLatest }: { onLatest: () => void }) {
  const history = useChart((s) => s.history);
  const count = useChart((s) => s.tally.count);
  const phase = useChart((s) => s.phase);
  if (phase !== 'ready') return null;
  return (
    <div className="history-status" data-testid="history-status" data-paging={history.paging ?? ''} data-first-time={history.firstTime ?? ''} data-live-edge={history.atLiveEdge}>
      {history.paging && <span className="history-paging">Loading {history.paging} candles…</span>}
      <span className="history-range" title={`${formatCount(count)} bars on the chart${history.reachedStart ? '; nothing older is stored' : '; scroll left for older bars'}`}>
        from {formatMarketTime(history.firstTime).replace(' UTC', '')}
        {history.reachedStart && <span className="history-start"> · start</span>}
      </span>
      <button
        type="button"
        className={`tb-btn ${history.atLiveEdge ? '' : 'is-warning'}`}
        data-testid="show-latest"
        title={history.atLiveEdge ? 'Scroll to the newest bar' : 'Older history pushed the newest bars off the chart; load them again'}
        onClick={onLatest}
      >
        {history.atLiveEdge ? 'Latest' : 'Back to latest'} <span aria-hidden="true">⇥</span>
      </button>
    </div>
  );
}
