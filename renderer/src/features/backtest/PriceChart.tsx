// One run's market with its fills: the close as a line, an arrow up under it at each buy and down over it
// at each sell.
import { useEffect, useRef } from 'react';
import { createSeriesMarkers, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { chartTheme } from '../chart/chart-theme.ts';
import { makeChart, points } from './bt-chart.ts';
import type { RunResult } from './backtest-store.ts';
import { fillMarks, MAX_MARKS } from './fill-marks.ts';

export function PriceChart({ run }: { run: RunResult }) {
  const el = useRef<HTMLDivElement>(null);
  const marks = fillMarks(run.price, run.fills);
  useEffect(() => {
    if (!el.current) return;
    const chart = makeChart(el.current);
    const line = chart.addSeries(LineSeries, { color: chartTheme.text, lineWidth: 1, priceLineVisible: false, lastValueVisible: false });
    line.setData(points(run.price));
    createSeriesMarkers(
      line,
      fillMarks(run.price, run.fills).map((m) => ({
        time: Math.floor(m.time / 1000) as UTCTimestamp,
        position: m.side === 'buy' ? ('belowBar' as const) : ('aboveBar' as const),
        shape: m.side === 'buy' ? ('arrowUp' as const) : ('arrowDown' as const),
        color: m.side === 'buy' ? chartTheme.up : chartTheme.down,
      })),
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [run]);
  return (
    <div className="bt-price" data-testid="bt-price" data-marks={marks.length}>
      <div className="bt-price-chart" ref={el} />
      {marks.length === 0 && run.fills.length > MAX_MARKS && <p className="bt-hint">{run.fills.length.toLocaleString('en-US')} fills: too many to mark on the line.</p>}
    </div>
  );
}
