// One run's market with its fills: the close as a line, an arrow up under it where it bought and down over
// it where it sold (one arrow for the fills of a side on one point of the thinned line, with their count
// beside it when there are several).
import { useEffect, useMemo, useRef } from 'react';
import { createSeriesMarkers, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { chartTheme } from '../chart/chart-theme.ts';
import { makeChart, points } from './bt-chart.ts';
import type { RunResult } from './backtest-store.ts';
import { fillMarks, MAX_MARKS } from './fill-marks.ts';

export function PriceChart({ run }: { run: RunResult }) {
  const el = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => fillMarks(run.price, run.fills), [run]);
  useEffect(() => {
    if (!el.current) return;
    const chart = makeChart(el.current);
    const line = chart.addSeries(LineSeries, { color: chartTheme.text, lineWidth: 1, priceLineVisible: false, lastValueVisible: false });
    line.setData(points(run.price));
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
  }, [run, marks]);
  return (
    <div className="bt-price" data-testid="bt-price" data-marks={marks.reduce((n, m) => n + m.count, 0)} data-arrows={marks.length}>
      <div className="bt-price-chart" ref={el} />
      {marks.length === 0 && run.fills.length > MAX_MARKS && <p className="bt-hint">{run.fills.length.toLocaleString('en-US')} fills: too many to mark on the line.</p>}
    </div>
  );
}
