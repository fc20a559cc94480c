// The series name over the chart's top-left corner, like every trading terminal.
import { useSeries } from './series-store.ts';

export function ChartLegend() {
  const selected = useSeries((s) => s.selected);
  if (!selected) return null;
  return (
    <div className="chart-legend">
      <span className="legend-symbol">{selected.symbol}</span>
      <span className="legend-dot">·</span>
      <span>{selected.timeframe}</span>
      <span className="legend-dot">·</span>
      <span className="legend-exchange">{selected.exchange}</span>
    </div>
  );
}
