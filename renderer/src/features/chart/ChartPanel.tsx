// The main chart: owns the lightweight-charts view and the feed that fills it, keeps the feed's
// indicators in step with the menu, and shows what to do when the journal is empty. Tests read
// data-testid="chart", its data-last-time (epoch ms) and data-scale (log or linear, as the chart reports it).
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { createUpdateLog, installBenchHook } from './chart-bench-hook.ts';
import { ChartFeed } from './chart-feed.ts';
import { applyFeedReport, useChart } from './chart-store.ts';
import { useChartScale } from './scale-store.ts';
import { DataStatusBadge } from '../market/DataStatusBadge.tsx';
import { ChartToolbar } from './ChartToolbar.tsx';
import { createChartView, type ChartView } from './chart-view.ts';
import { setIndicators, useIndicators } from './indicators/indicator-store.ts';
import { ChartLegend } from './legend/ChartLegend.tsx';
import { setPaneTops, useLegend } from './legend/legend-store.ts';
import { PaneLegends } from './legend/PaneLegends.tsx';
import { NoSeries } from './NoSeries.tsx';
import { useSeries } from './series-store.ts';
import { useActiveMarket } from './switchers/use-active-market.ts';
import { useTradeOverlays } from './trades/use-trade-overlays.ts';
import './chart.css';

const scheduleFrame = (flush: () => void) => {
  requestAnimationFrame(flush);
};

/** Panes move when the window resizes or a separator is dragged; nothing announces it, so look now and then. */
const PANE_CHECK_MS = 400;

export function ChartPanel() {
  const api = useApi();
  const canvasRef = useRef<HTMLDivElement>(null);
  const feedRef = useRef<ChartFeed | null>(null);
  const viewRef = useRef<ChartView | null>(null);
  const request = useChart((s) => s.request);
  const phase = useChart((s) => s.phase);
  const list = useSeries((s) => s.list);
  const indicators = useIndicators((s) => s.list);

  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const view = createChartView(el);
    const log = createUpdateLog();
    const feed = new ChartFeed(api, view, scheduleFrame, applyFeedReport, {
      onLegend: (model) => useLegend.setState({ model }),
      onApplied: log.record,
    });
    feed.setIndicators(useIndicators.getState().list);
    feedRef.current = feed;
    viewRef.current = view;
    const removeHook = installBenchHook({
      updates: log.all,
      reset: log.reset,
      bars: () => feed.candles.length,
      stats: () => view.stats(),
      priceY: (price) => view.priceY(price),
      priceText: (price) => view.priceText(price),
      setIndicators,
    });
    const panes = setInterval(() => setPaneTops(view.paneTops()), PANE_CHECK_MS);
    return () => {
      clearInterval(panes);
      removeHook();
      feed.dispose();
      feedRef.current = null;
      viewRef.current = null;
    };
  }, [api]);

  useEffect(() => {
    feedRef.current?.setIndicators(indicators);
    // The chart lays its panes out on its next frame; measure after that.
    const id = requestAnimationFrame(() => requestAnimationFrame(() => viewRef.current && setPaneTops(viewRef.current.paneTops())));
    return () => cancelAnimationFrame(id);
  }, [indicators]);

  useEffect(() => {
    if (request) void feedRef.current?.show(request);
  }, [request]);

  // The newest bar's time on the chart element for tests, written directly: re-rendering the whole
  // panel on every tick for one attribute would cost more than the chart's own update.
  useEffect(() => {
    const write = (t: number | null) => canvasRef.current?.setAttribute('data-last-time', t === null ? '' : String(t));
    write(useChart.getState().tally.lastTime);
    return useChart.subscribe((s, prev) => s.tally.lastTime !== prev.tally.lastTime && write(s.tally.lastTime));
  }, []);

  // The price axis as the toolbar's Log toggle left it (saved across reloads, scale-store.ts).
  const scale = useChartScale((s) => s.scale);
  useEffect(() => {
    const view = viewRef.current;
    if (view) canvasRef.current?.setAttribute('data-scale', view.setLogScale(scale === 'log'));
  }, [api, scale]);

  useTradeOverlays(api, viewRef);
  useActiveMarket(api);

  // Nothing stored and no streaming market: say how to get candles instead of drawing empty axes.
  const selected = useSeries((s) => s.selected);
  const empty = list !== null && list.length === 0 && selected === null;
  return (
    <div className="chart-panel">
      {!empty && <ChartToolbar onLatest={() => void feedRef.current?.showLatest()} status={<DataStatusBadge showReason />} />}
      <div className="chart-area">
        <div className={`chart-canvas ${empty ? 'is-empty' : ''}`} ref={canvasRef} data-testid="chart" data-phase={phase} />
        {!empty && <ChartLegend />}
        {!empty && <PaneLegends />}
        {phase === 'loading' && <div className="chart-loading">Loading candles…</div>}
        {empty && <NoSeries />}
      </div>
    </div>
  );
}
