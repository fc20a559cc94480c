// Shown over the chart when the journal holds no candles: how to put some there, here or from a terminal.
import { useApi } from '../../api/api-context.tsx';
import { ImportFileButton } from '../import/ImportFileButton.tsx';
import { refreshSeries, showImportedSeries } from './series-actions.ts';

export const IMPORT_COMMAND = 'keel import FILE --symbol BTC/USDT --timeframe 1m';

export function NoSeries() {
  const api = useApi();
  return (
    <div className="empty-state chart-empty" data-testid="no-series">
      <h3>No candles stored yet</h3>
      <p>Keel charts and replays candles from its local journal. Import a candle or trades file (CSV, Binance kline JSON, freqtrade or Binance trades) here:</p>
      <ImportFileButton testId="no-series-import" onStored={(series) => showImportedSeries(api, series)} />
      <p>or from a terminal:</p>
      <pre className="command">{IMPORT_COMMAND}</pre>
      <p className="muted">Then check again; the new series appears in the selector at the top.</p>
      <button type="button" className="btn" onClick={() => void refreshSeries(api)}>
        Check again
      </button>
    </div>
  );
}
