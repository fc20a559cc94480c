// The legend of each indicator pane, at that pane's top-left corner: where the panes start is measured
// from the chart (they move when one is added, removed or resized).
import { removeIndicator } from '../indicators/indicator-store.ts';
import { IndicatorLegendRow } from './IndicatorLegendRow.tsx';
import { useLegend } from './legend-store.ts';

export function PaneLegends() {
  const model = useLegend((s) => s.model);
  const tops = useLegend((s) => s.paneTops);
  return (
    <>
      {model.indicators
        .filter((i) => i.placement === 'pane')
        .map((row) => {
          const top = tops.get(row.id);
          if (top === undefined) return null;
          return (
            <div key={row.id} className="legend legend-pane" style={{ top: top + 4 }}>
              <IndicatorLegendRow row={row} onRemove={() => removeIndicator(row.id)} />
            </div>
          );
        })}
    </>
  );
}
