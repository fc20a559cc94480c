// Shown over the chart when the journal holds no candles: how to put some there.
import { useApi } from '../../api/api-context.tsx';
import { refreshSeries } from './series-actions.ts';

export const IMPORT_COMMAND = 'keel import FILE --symbol BTC/USDT --timeframe 1m';

export function NoSeries() {
  const api = useApi();
  return (
    <div className="empty-state chart-empty" data-testid="no-series">
      <h3>No candles stored yet</h3>
      <p>Keel charts and replays candles from its local journal. Import a CSV or Binance kline JSON file from a terminal:</p>
      <pre className="command">{IMPORT_COMMAND}</pre>
      <p className="muted">Then check again; the new series appears in the selector at the top.</p>
      <button type="button" className="btn" onClick={() => void refreshSeries(api)}>
        Check again
      </button>
    </div>
  );
}
