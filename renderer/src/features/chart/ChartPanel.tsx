// The main chart: owns the lightweight-charts instance and the feed that fills it, and shows what to
// do when the journal is empty. Tests read data-testid="chart" and its data-last-time (epoch ms).
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ChartFeed } from './chart-feed.ts';
import { applyFeedReport, useChart } from './chart-store.ts';
import { createChartView } from './chart-view.ts';
import { ChartLegend } from './ChartLegend.tsx';
import { NoSeries } from './NoSeries.tsx';
import { useSeries } from './series-store.ts';

const scheduleFrame = (flush: () => void) => {
  requestAnimationFrame(flush);
};

export function ChartPanel() {
  const api = useApi();
  const canvasRef = useRef<HTMLDivElement>(null);
  const feedRef = useRef<ChartFeed | null>(null);
  const request = useChart((s) => s.request);
  const phase = useChart((s) => s.phase);
  const lastTime = useChart((s) => s.tally.lastTime);
  const list = useSeries((s) => s.list);

  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const feed = new ChartFeed(api, createChartView(el), scheduleFrame, applyFeedReport);
    feedRef.current = feed;
    return () => {
      feed.dispose();
      feedRef.current = null;
    };
  }, [api]);

  useEffect(() => {
    if (request) void feedRef.current?.show(request);
  }, [request]);

  const empty = list !== null && list.length === 0;
  return (
    <div className="chart-area">
      <div className={`chart-canvas ${empty ? 'is-empty' : ''}`} ref={canvasRef} data-testid="chart" data-last-time={lastTime ?? ''} data-phase={phase} />
      {!empty && <ChartLegend />}
      {phase === 'loading' && <div className="chart-loading">Loading candles…</div>}
      {empty && <NoSeries />}
    </div>
  );
}
