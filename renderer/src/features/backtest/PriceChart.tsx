// A market's close as a line with a run's fills on it: an arrow up under it where it bought and down over
// it where it sold (one arrow for the fills of a side on one point of the thinned line, with their count
// beside it when there are several); a stop-loss's, trailing stop's or take-profit's in that exit's colour,
// named SL, TS or TP. A single-market run draws one; a portfolio run one per market, each
// with that market's own fills. The strategy's indicators go with it: averages and bands over the price,
// an oscillator or the ATR each in a pane under it, every line named in the legend above.
import { useEffect, useMemo, useRef } from 'react';
import { createSeriesMarkers, LineSeries, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import { indicatorLegend } from '../../../../shared/backtest/indicator-legend.ts';
import { lineColor } from '../../../../shared/domain/line-palette.ts';
import type { IndicatorCurve } from '../../../../shared/contract/commands/backtest.ts';
import { chartTheme } from '../chart/chart-theme.ts';
import { makeChart, points } from './bt-chart.ts';
import { fillMarks, MAX_MARKS, type FillMark } from './fill-marks.ts';
import { EXIT_COLORS } from './run-colors.ts';
import type { ExitReason } from '../../../../shared/backtest/run-exits.ts';

type Curve = readonly (readonly [number, number])[];
type Fill = { ts: number; side: 'buy' | 'sell'; exit?: ExitReason | undefined };

const NO_INDICATORS: readonly IndicatorCurve[] = [];

/** Height of the price's pane, and of each indicator pane under it. */
const PRICE_HEIGHT = 260;
const PANE_HEIGHT = 90;

/**
 * `price`, `fills` and `indicators` should keep their identity between renders (the chart is rebuilt when
 * they change); `symbol` tags a portfolio market's chart.
 */
export function PriceChart({ price, fills, indicators = NO_INDICATORS, symbol }: { price: Curve; fills: readonly Fill[]; indicators?: readonly IndicatorCurve[] | undefined; symbol?: string | undefined }) {
  const el = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => fillMarks(price, fills), [price, fills]);
  const panes = indicators.filter((c) => !c.overlay).length;
  useEffect(() => {
    if (!el.current) return;
    const chart = makeChart(el.current);
    // The indicators under the price, so the price line and its arrows are drawn over them.
    let pane = 0;
    indicators.forEach((c, i) => {
      const at = c.overlay ? 0 : ++pane;
      const series = chart.addSeries(LineSeries, { color: lineColor(i), lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, at);
      series.setData(points(c.points));
      // The levels the strategy acts at on it (RSI 30 and 70), dashed in its colour, their values on the axis.
      for (const v of c.levels) series.createPriceLine({ price: v, color: lineColor(i), lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: '' });
    });
    // Stretch factors in proportion to the heights the container is given below.
    chart.panes().forEach((p, k) => p.setStretchFactor(k === 0 ? PRICE_HEIGHT : PANE_HEIGHT));
    const line = chart.addSeries(LineSeries, { color: chartTheme.text, lineWidth: 1, priceLineVisible: false, lastValueVisible: false });
    line.setData(points(price));
    // Names beside the arrows while they are few; past that the text is a smear, and the colours say it.
    const labelled = marks.length <= MAX_LABELLED;
    createSeriesMarkers(
      line,
      marks.map((m) => ({
        time: Math.floor(m.time / 1000) as UTCTimestamp,
        position: m.side === 'buy' ? ('belowBar' as const) : ('aboveBar' as const),
        shape: m.side === 'buy' ? ('arrowUp' as const) : ('arrowDown' as const),
        // A protective exit in its exit's colour, named; the strategy's own fills green and red.
        color: m.exit !== null ? EXIT_COLORS[m.exit] : m.side === 'buy' ? chartTheme.up : chartTheme.down,
        ...(markText(m, labelled) ? { text: markText(m, labelled) } : {}),
      })),
      // Not in the autoscale: lightweight-charts sizes the markers' room by the default bar spacing, not the
      // fitted one, and on a long run that room squashed the line into its top third with the axis down to
      // 0. The price scale's own margins leave space for the arrows.
      { autoScale: false },
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [price, marks, indicators]);
  return (
    <div
      className="bt-price"
      data-testid="bt-price"
      data-symbol={symbol}
      data-marks={marks.reduce((n, m) => n + m.count, 0)}
      data-exit-marks={marks.reduce((n, m) => n + (m.exit === null ? 0 : m.count), 0)}
      data-arrows={marks.length}
      data-panes={1 + panes}
    >
      {indicators.length > 0 && (
        <p className="bt-legend bt-indicator-legend" data-testid="bt-indicators">
          {indicators.map((c, i) => (
            <span key={c.label} data-indicator={c.label} data-overlay={c.overlay} data-points={c.points.length} data-levels={c.levels.join(' ')} data-last={c.points.at(-1)?.[1]}>
              <i style={{ background: lineColor(i) }} />
              {indicatorLegend(c)}
              {!c.overlay && ' (below)'}
            </span>
          ))}
        </p>
      )}
      <div className="bt-price-chart" ref={el} style={{ height: PRICE_HEIGHT + panes * PANE_HEIGHT }} />
      {marks.length === 0 && fills.length > MAX_MARKS && <p className="bt-hint">{fills.length.toLocaleString('en-US')} fills: too many to mark on the line.</p>}
    </div>
  );
}

const EXIT_ABBREVIATIONS: Partial<Record<ExitReason, string>> = { 'stop-loss': 'SL', 'trailing-stop': 'TS', 'take-profit': 'TP' };

/** Marks up to which a protective exit's is named beside its arrow. */
const MAX_LABELLED = 60;

/** "SL", "TP 3" for a protective exit's mark (its name only when `named`); the count alone for several of the strategy's own; else nothing. */
function markText(m: FillMark, named: boolean): string {
  const name = m.exit === null || !named ? undefined : EXIT_ABBREVIATIONS[m.exit];
  const count = m.count > 1 ? String(m.count) : '';
  return name === undefined ? count : count ? `${name} ${count}` : name;
}
