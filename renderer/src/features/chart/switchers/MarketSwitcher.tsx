// The market picker in the top bar: the engine's streaming markets (simulated, live exchanges) and the
// stored series, grouped by where they come from, with a file to import into a new one (shown once stored). Locked while a replay runs: the replay owns the
// chart then.
import { useMemo } from 'react';
import { useApi } from '../../../api/api-context.tsx';
import { isActive } from '../../replay/replay-run.ts';
import { useReplay } from '../../replay/replay-store.ts';
import { useChart } from '../chart-store.ts';
import { ImportFileButton } from '../../import/ImportFileButton.tsx';
import { refreshSeries, showImportedSeries } from '../series-actions.ts';
import { useSeries } from '../series-store.ts';
import { chooseMarket } from './market-actions.ts';
import { useCatalog } from './market-catalog.ts';
import { findOption, marketGroups, optionId, pickSourceOf, seriesFor } from './market-choices.ts';

export function MarketSwitcher() {
  const api = useApi();
  const list = useSeries((s) => s.list);
  const selected = useSeries((s) => s.selected);
  const requestSource = useChart((s) => s.request?.source);
  const sources = useCatalog((s) => s.sources);
  const replaying = useReplay((s) => isActive(s.state));
  const groups = useMemo(() => marketGroups(list ?? [], sources), [list, sources]);

  if (list === null && sources === null) return <span className="muted">Loading markets…</span>;
  if (groups.every((g) => g.options.length === 0)) return <span className="muted" title="Import candles with keel import, or start Keel with a market source">No markets</span>;

  const current = selected ? optionId(pickSourceOf(requestSource), selected.exchange, selected.symbol) : '';
  return (
    <label className="field">
      <span className="field-label">Market</span>
      <select
        className="symbol-select"
        data-testid="symbol-select"
        value={current}
        disabled={replaying}
        title={replaying ? 'Stop the replay to switch market' : 'Streaming markets and stored series'}
        onChange={(e) => {
          const option = findOption(groups, e.target.value);
          const series = option ? seriesFor(option, selected?.timeframe ?? null) : null;
          if (option && series) void chooseMarket(api, option.source, series);
        }}
      >
        {current !== '' && !findOption(groups, current) && selected && <option value={current}>{selected.symbol}</option>}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.available ? g.label : `${g.label} (unavailable)`} title={g.note}>
            {g.options.map((o) => (
              <option key={o.id} value={o.id} disabled={!g.available}>
                {o.symbol}
                {o.source === 'stored' ? ` · ${o.exchange}` : o.source === 'simulated' ? ' · simulated' : ` · ${o.exchange}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="button" className="btn btn-icon" title="Reload the list of stored series" aria-label="Reload series" onClick={() => void refreshSeries(api)}>
        ↻
      </button>
      <ImportFileButton variant="icon" testId="chart-import" onStored={(series) => showImportedSeries(api, series)} />
    </label>
  );
}
