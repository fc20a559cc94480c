// A market's close as a line with a run's fills on it: an arrow up under it where it bought and down over
// it where it sold (one arrow for the fills of a side on one point of the thinned line, with their count
// beside it when there are several). A single-market run draws one; a portfolio run one per market, each
// with that market's own fills.
import { useEffect, useMemo, useRef } from 'react';
import { createSeriesMarkers, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { chartTheme } from '../chart/chart-theme.ts';
import { makeChart, points } from './bt-chart.ts';
import { fillMarks, MAX_MARKS } from './fill-marks.ts';

type Curve = readonly (readonly [number, number])[];
type Fill = { ts: number; side: 'buy' | 'sell' };

/** `price` and `fills` should keep their identity between renders (the chart is rebuilt when they change); `symbol` tags a portfolio market's chart. */
export function PriceChart({ price, fills, symbol }: { price: Curve; fills: readonly Fill[]; symbol?: string | undefined }) {
  const el = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => fillMarks(price, fills), [price, fills]);
  useEffect(() => {
    if (!el.current) return;
    const chart = makeChart(el.current);
    const line = chart.addSeries(LineSeries, { color: chartTheme.text, lineWidth: 1, priceLineVisible: false, lastValueVisible: false });
    line.setData(points(price));
    createSeriesMarkers(
      line,
      marks.map((m) => ({
        time: Math.floor(m.time / 1000) as UTCTimestamp,
        position: m.side === 'buy' ? ('belowBar' as const) : ('aboveBar' as const),
        shape: m.side === 'buy' ? ('arrowUp' as const) : ('arrowDown' as const),
        color: m.side === 'buy' ? chartTheme.up : chartTheme.down,
        ...(m.count > 1 ? { text: String(m.count) } : {}),
      })),
      // Not in the autoscale: lightweight-charts sizes the markers' room by the default bar spacing, not the
      // fitted one, and on a long run that room squashed the line into its top third with the axis down to
      // 0. The price scale's own margins leave space for the arrows.
      { autoScale: false },
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [price, marks]);
  return (
    <div className="bt-price" data-testid="bt-price" data-symbol={symbol} data-marks={marks.reduce((n, m) => n + m.count, 0)} data-arrows={marks.length}>
      <div className="bt-price-chart" ref={el} />
      {marks.length === 0 && fills.length > MAX_MARKS && <p className="bt-hint">{fills.length.toLocaleString('en-US')} fills: too many to mark on the line.</p>}
    </div>
  );
}
