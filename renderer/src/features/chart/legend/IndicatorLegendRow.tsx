// One indicator in a legend: its name and parameters, each line's value in the line's colour, and a
// remove button (the only part of a legend that takes the mouse; the rest lets the chart have it).
// Colours go through the style property (CSSOM), which the strict CSP allows, unlike style attributes in markup.
import type { IndicatorLegend } from './legend-format.ts';

export function IndicatorLegendRow({ row, onRemove }: { row: IndicatorLegend; onRemove: () => void }) {
  return (
    <div className="legend-row legend-indicator" data-testid="legend-indicator" data-id={row.id}>
      <span className="legend-title">{row.title}</span>
      {row.values.map((v, i) => (
        <span key={i} className="legend-value">
          {v.label && <span className="legend-key">{v.label}</span>}
          <span className="legend-number" style={{ color: v.color }}>
            {v.text}
          </span>
        </span>
      ))}
      <button type="button" className="legend-remove" title={`Remove ${row.title}`} aria-label={`Remove ${row.title}`} data-testid="legend-remove" onClick={onRemove}>
        ×
      </button>
    </div>
  );
}
