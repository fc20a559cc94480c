// The timeframe buttons in the chart toolbar: the common timeframes, enabled where the selected
// symbol has candles stored. The active one carries data-testid="timeframe".
import { useMemo } from 'react';
import { TIMEFRAME_NAMES, type Timeframe } from '../../../../../shared/domain/timeframe.ts';
import { isActive } from '../../replay/replay-run.ts';
import { useReplay } from '../../replay/replay-store.ts';
import { selectSeries } from '../series-actions.ts';
import { useSeries } from '../series-store.ts';
import { switchTimeframe, symbolChoices, symbolId } from './series-choices.ts';

/** Always shown, so the toolbar does not jump around between symbols. */
const COMMON: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

export function TimeframeSwitcher() {
  const list = useSeries((s) => s.list);
  const selected = useSeries((s) => s.selected);
  const replaying = useReplay((s) => isActive(s.state));
  const choices = useMemo(() => symbolChoices(list ?? []), [list]);
  const stored = selected ? (choices.find((c) => c.id === symbolId(selected.exchange, selected.symbol))?.timeframes ?? []) : [];
  // The common ones plus any other stored (3m, 2h, 1w…); TIMEFRAME_NAMES runs shortest first.
  const shown = TIMEFRAME_NAMES.filter((tf) => COMMON.includes(tf) || stored.includes(tf));

  return (
    <div className="tf-switcher" role="group" aria-label="Timeframe" data-testid="timeframe-switcher">
      {shown.map((tf) => {
        const active = selected?.timeframe === tf;
        const available = stored.includes(tf);
        return (
          <button
            key={tf}
            type="button"
            className={`tf-btn ${active ? 'is-active' : ''}`}
            data-testid={active ? 'timeframe' : `timeframe-${tf}`}
            data-timeframe={tf}
            disabled={!available || replaying}
            title={replaying ? 'Stop the replay to switch timeframe' : available ? `${tf} candles` : `No ${tf} candles stored for this symbol`}
            onClick={() => {
              const next = switchTimeframe(choices, selected, tf);
              if (next && !active) selectSeries(next);
            }}
          >
            {tf}
          </button>
        );
      })}
    </div>
  );
}
