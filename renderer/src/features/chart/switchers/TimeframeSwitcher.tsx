// The timeframe buttons in the chart toolbar: the common timeframes, enabled where the chart's market
// has them (stored timeframes for a stored series, the source's for a streaming market). The active
// one carries data-testid="timeframe".
import { useMemo } from 'react';
import { TIMEFRAME_NAMES, type Timeframe } from '../../../../../shared/domain/timeframe.ts';
import { useApi } from '../../../api/api-context.tsx';
import { isActive } from '../../replay/replay-run.ts';
import { useReplay } from '../../replay/replay-store.ts';
import { useChart } from '../chart-store.ts';
import { useSeries } from '../series-store.ts';
import { chooseMarket } from './market-actions.ts';
import { useCatalog } from './market-catalog.ts';
import { findOption, marketGroups, optionId, pickSourceOf } from './market-choices.ts';

/** Always shown, so the toolbar does not jump around between markets. */
const COMMON: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

export function TimeframeSwitcher() {
  const api = useApi();
  const list = useSeries((s) => s.list);
  const selected = useSeries((s) => s.selected);
  const requestSource = useChart((s) => s.request?.source);
  const sources = useCatalog((s) => s.sources);
  const replaying = useReplay((s) => isActive(s.state));
  const groups = useMemo(() => marketGroups(list ?? [], sources), [list, sources]);
  const source = pickSourceOf(requestSource);
  const option = selected ? findOption(groups, optionId(source, selected.exchange, selected.symbol)) : null;
  const offered = option?.timeframes ?? (selected ? [selected.timeframe] : []);
  // The common ones plus any other offered one that is stored (3m, 2h, 1w…); TIMEFRAME_NAMES runs shortest first.
  const shown = TIMEFRAME_NAMES.filter((tf) => COMMON.includes(tf) || (source === 'stored' && offered.includes(tf)) || tf === selected?.timeframe);

  return (
    <div className="tf-switcher" role="group" aria-label="Timeframe" data-testid="timeframe-switcher">
      {shown.map((tf) => {
        const active = selected?.timeframe === tf;
        const available = offered.includes(tf);
        return (
          <button
            key={tf}
            type="button"
            className={`tf-btn ${active ? 'is-active' : ''}`}
            data-testid={active ? 'timeframe' : `timeframe-${tf}`}
            data-timeframe={tf}
            disabled={!available || replaying}
            title={replaying ? 'Stop the replay to switch timeframe' : available ? `${tf} candles` : `No ${tf} candles for this market`}
            onClick={() => {
              if (selected && !active) void chooseMarket(api, source, { ...selected, timeframe: tf });
            }}
          >
            {tf}
          </button>
        );
      })}
    </div>
  );
}
