// The legend over the price pane's top-left corner: the series, then OHLCV and the change of the bar
// under the crosshair (the latest bar when the crosshair is off the chart), then one line per
// overlay with its values in its own colour and a button to remove it.
import { formatMarketTime } from '../../../lib/format.ts';
import { removeIndicator } from '../indicators/indicator-store.ts';
import { useSeries } from '../series-store.ts';
import { IndicatorLegendRow } from './IndicatorLegendRow.tsx';
import { useLegend } from './legend-store.ts';

export function ChartLegend() {
  const selected = useSeries((s) => s.selected);
  const model = useLegend((s) => s.model);
  if (!selected) return null;
  const bar = model.bar;
  const overlays = model.indicators.filter((i) => i.placement === 'overlay');
  return (
    <div className="legend" data-testid="chart-legend" data-hovering={model.hovering ? 'true' : 'false'} data-index={model.index ?? ''}>
      <div className="legend-row legend-main">
        <span className="legend-symbol">{selected.symbol}</span>
        <span className="legend-faint">{selected.timeframe}</span>
        <span className="legend-faint">{selected.exchange}</span>
        {bar && (
          <span className={`legend-ohlc dir-${bar.direction}`} data-testid="legend-ohlc">
            <span className="legend-key">O</span>
            <span>{bar.open}</span>
            <span className="legend-key">H</span>
            <span>{bar.high}</span>
            <span className="legend-key">L</span>
            <span>{bar.low}</span>
            <span className="legend-key">C</span>
            <span data-testid="legend-close">{bar.close}</span>
            <span className="legend-change">{bar.change}</span>
            <span className="legend-key">V</span>
            <span className="legend-volume">{bar.volume}</span>
          </span>
        )}
      </div>
      {bar && model.hovering && <div className="legend-row legend-time">{formatMarketTime(bar.time)}</div>}
      {overlays.map((row) => (
        <IndicatorLegendRow key={row.id} row={row} onRemove={() => removeIndicator(row.id)} />
      ))}
    </div>
  );
}
