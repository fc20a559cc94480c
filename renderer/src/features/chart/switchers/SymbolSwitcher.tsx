// The symbol picker in the top bar: every stored symbol, with its exchange. Locked while a replay
// runs: the replay owns the chart then.
import { useMemo } from 'react';
import { useApi } from '../../../api/api-context.tsx';
import { isActive } from '../../replay/replay-run.ts';
import { useReplay } from '../../replay/replay-store.ts';
import { refreshSeries, selectSeries } from '../series-actions.ts';
import { useSeries } from '../series-store.ts';
import { switchSymbol, symbolChoices, symbolId } from './series-choices.ts';

export function SymbolSwitcher() {
  const api = useApi();
  const list = useSeries((s) => s.list);
  const selected = useSeries((s) => s.selected);
  const replaying = useReplay((s) => isActive(s.state));
  const choices = useMemo(() => symbolChoices(list ?? []), [list]);

  if (list === null) return <span className="muted">Loading series…</span>;
  if (list.length === 0) return <span className="muted" title="Import candles with keel import">No series</span>;

  return (
    <label className="field">
      <span className="field-label">Symbol</span>
      <select
        className="symbol-select"
        data-testid="symbol-select"
        value={selected ? symbolId(selected.exchange, selected.symbol) : ''}
        disabled={replaying}
        title={replaying ? 'Stop the replay to switch symbol' : 'Stored symbols'}
        onChange={(e) => {
          const next = switchSymbol(choices, selected, e.target.value);
          if (next) selectSeries(next);
        }}
      >
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.symbol} · {c.exchange}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-icon" title="Reload the list of stored series" aria-label="Reload series" onClick={() => void refreshSeries(api)}>
        ↻
      </button>
    </label>
  );
}
