// The names of a chart's indicator lines, each in its line's colour ("SMA 10", "RSI 14 at 30 / 70 (below)"),
// as the HTML report names them.
import type { IndicatorCurve } from '../../../../shared/contract/commands/backtest.ts';
import { indicatorLegend } from '../../../../shared/backtest/indicator-legend.ts';
import { lineColor } from '../../../../shared/domain/line-palette.ts';

export function IndicatorLegend({ curves }: { curves: readonly IndicatorCurve[] }) {
  if (curves.length === 0) return null;
  return (
    <p className="bt-legend bt-indicator-legend" data-testid="bt-indicators">
      {curves.map((c, i) => (
        <span key={c.label} data-indicator={c.label} data-overlay={c.overlay} data-points={c.points.length} data-levels={c.levels.join(' ')} data-last={c.points.at(-1)?.[1]}>
          <i style={{ background: lineColor(i) }} />
          {indicatorLegend(c)}
          {!c.overlay && ' (below)'}
        </span>
      ))}
    </p>
  );
}
