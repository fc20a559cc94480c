// The bar along the top: brand, series and timeframe, last price, replay controls, trading mode.
import { SeriesSelector } from '../features/chart/SeriesSelector.tsx';
import { useSeries } from '../features/chart/series-store.ts';
import { ReplayControls } from '../features/replay/ReplayControls.tsx';
import { LastPrice } from './LastPrice.tsx';
import { ModeBadge } from './ModeBadge.tsx';

export function TopBar() {
  const timeframe = useSeries((s) => s.selected?.timeframe ?? null);
  return (
    <header className="top-bar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">◆</span> Keel
      </span>
      <span className="divider" />
      <SeriesSelector />
      {timeframe && (
        <span className="chip" data-testid="timeframe" title="Candle timeframe">
          {timeframe}
        </span>
      )}
      <LastPrice />
      <span className="divider" />
      <ReplayControls />
      <span className="spacer" />
      <ModeBadge />
    </header>
  );
}
