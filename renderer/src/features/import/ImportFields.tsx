// The import dialog's boxes: the file's path (typed, or picked with Browse… in the desktop app), and the
// symbol, timeframe and exchange, each left blank to be read from the file, with a hint saying what will be.
import { TIMEFRAME_NAMES } from '../../../../shared/domain/timeframe.ts';
import { BrowseButton } from './BrowseButton.tsx';
import { setImportField } from './import-actions.ts';
import { useImport } from './import-store.ts';
import { symbolHint } from './import-view.ts';

export function ImportFields() {
  const fields = useImport((s) => s.fields);
  const busy = useImport((s) => s.busy);
  return (
    <div className="import-fields">
      <label className="import-row">
        <span>File</span>
        <input
          type="text"
          data-testid="import-path"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="/home/you/data/BTCUSDT-1h.csv"
          value={fields.path}
          disabled={busy}
          onChange={(e) => setImportField('path', e.target.value)}
        />
        <BrowseButton disabled={busy} onPath={(path) => setImportField('path', path)} />
      </label>
      <p className="import-hint">
        The whole path on this machine, where Keel reads it: CSV or JSON candles, freqtrade or Binance trades, gzipped or not.
      </p>
      <label className="import-row">
        <span>Symbol</span>
        <input type="text" data-testid="import-symbol" autoComplete="off" spellCheck={false} placeholder={symbolHint(fields.path)} value={fields.symbol} disabled={busy} onChange={(e) => setImportField('symbol', e.target.value)} />
      </label>
      <label className="import-row">
        <span>Timeframe</span>
        <select data-testid="import-timeframe" value={fields.timeframe} disabled={busy} onChange={(e) => setImportField('timeframe', e.target.value)}>
          <option value="">from the file (trades: 1m)</option>
          {TIMEFRAME_NAMES.map((tf) => (
            <option key={tf} value={tf}>
              {tf}
            </option>
          ))}
        </select>
      </label>
      <label className="import-row">
        <span>Exchange</span>
        <input type="text" data-testid="import-exchange" autoComplete="off" spellCheck={false} placeholder="local" value={fields.exchange} disabled={busy} onChange={(e) => setImportField('exchange', e.target.value)} />
      </label>
    </div>
  );
}
