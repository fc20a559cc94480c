// The symbol/series picker in the top bar. Locked while a replay runs: the replay owns the chart then.
import { useApi } from '../../api/api-context.tsx';
import { keyOf, seriesId } from '../../lib/series-key.ts';
import { isActive } from '../replay/replay-run.ts';
import { useReplay } from '../replay/replay-store.ts';
import { selectSeries, refreshSeries } from './series-actions.ts';
import { useSeries } from './series-store.ts';

export function SeriesSelector() {
  const api = useApi();
  const list = useSeries((s) => s.list);
  const selected = useSeries((s) => s.selected);
  const replaying = useReplay((s) => isActive(s.state));

  if (list === null) return <span className="muted">Loading series…</span>;
  if (list.length === 0) return <span className="muted" title="Import candles with keel import">No series</span>;

  return (
    <label className="field">
      <span className="field-label">Series</span>
      <select
        data-testid="series-select"
        value={selected ? seriesId(selected) : ''}
        disabled={replaying}
        title={replaying ? 'Stop the replay to switch series' : 'Stored series'}
        onChange={(e) => {
          const found = list.find((s) => seriesId(s) === e.target.value);
          if (found) selectSeries(keyOf(found));
        }}
      >
        {list.map((s) => (
          <option key={seriesId(s)} value={seriesId(s)}>
            {s.symbol} · {s.timeframe} · {s.exchange}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-icon" title="Reload the list of stored series" aria-label="Reload series" onClick={() => void refreshSeries(api)}>
        ↻
      </button>
    </label>
  );
}
